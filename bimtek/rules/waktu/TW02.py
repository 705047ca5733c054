"""TW02: a claim sent more than 6 months after the service ended (expired)."""

from bimtek.claim import Claim
from bimtek.deadlines import expiry_date
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed


class TW02(Rule):
    """A claim must be filed within 6 months after the service ended; after that it can no longer be filed.

    **Anti-pattern**: service ended 3 January, claim (or a returned claim's refiling) sent 10 July.
    **Best practice**: track returned claims with their expiry date; refile with the next month's batch.
    """

    code = "TW02"
    title = "Klaim kedaluwarsa (lebih dari 6 bulan)"
    severity = Severity.DITOLAK
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = "Perpres Nomor 82 Tahun 2018 Pasal 77; Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 40"
    rationale = "Hak menagih hilang setelah 6 bulan sejak pelayanan selesai; piutangnya harus dihapus dari pembukuan."
    fix_hint = "Tidak dapat diperbaiki; pantau tanggal kedaluwarsa klaim yang dikembalikan agar tidak terulang."

    def check(self, claim: Claim) -> list[Finding]:
        if not is_billed(claim):
            return []
        end = claim.service_end()
        limit = expiry_date(end)
        sent = claim.pengajuan.tgl_pengajuan
        if sent > limit:
            return [
                self.finding(
                    "pengajuan.tgl_pengajuan",
                    f"Diajukan {tanggal(sent)}, lewat batas kedaluwarsa {tanggal(limit)} (6 bulan setelah {tanggal(end)}).",
                )
            ]
        return []
