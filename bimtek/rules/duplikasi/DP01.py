"""DP01: the same service claimed twice for the same participant."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed

_PER_VISIT = {"anc_dokter_usg", "anc_dokter", "anc_bidan", "pnc"}
_SAME_PREGNANCY_DAYS = 300  # a visit number repeats only in a new pregnancy


class DP01(Rule):
    """A service is paid once: the same line on the same date, or the same ANC/PNC visit number, is a duplicate.

    **Anti-pattern**: two claims for ANC kunjungan_ke 2 of one pregnancy; the same KB injection claimed in two
    monthly batches.
    **Best practice**: before the recap, match the month's claims against what was already paid.
    """

    code = "DP01"
    title = "Layanan yang sama diklaim dua kali"
    severity = Severity.DITOLAK
    needs = frozenset({Need.BILLED, Need.HISTORY})
    dasar = Dasar.REGULASI
    regulation = (
        "Permenkes Nomor 3 Tahun 2023 Pasal 19 ayat (2), Pasal 21 ayat (5) dan Pasal 22 ayat (2): tarif "
        "dibayar per kunjungan, per tindakan atau per paket, sehingga satu layanan dibayar satu kali; klaim "
        "ganda sebagai alasan pengembalian tersendiri: belum pasti"
    )
    rationale = (
        "Layanan yang sudah dibayar tidak dapat ditagih lagi; klaim ganda ditolak dan dapat dinilai sebagai kecurangan."
    )
    fix_hint = "Hapus klaim ganda dari rekap; cocokkan dengan daftar klaim yang sudah dibayar sebelum pengiriman."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        if not is_billed(claim):
            return []
        p = claim.pengajuan
        day = claim.kunjungan.tgl_daftar
        for prev in claim.riwayat_klaim:
            if prev.layanan != p.layanan:
                continue
            same_day = prev.tgl_layanan == day
            same_visit = (
                p.layanan in _PER_VISIT
                and p.kunjungan_ke is not None
                and prev.kunjungan_ke == p.kunjungan_ke
                and abs((day - prev.tgl_layanan).days) <= _SAME_PREGNANCY_DAYS
            )
            if same_day or same_visit:
                what = f"kunjungan ke-{p.kunjungan_ke}" if same_visit and not same_day else f"tanggal {tanggal(day)}"
                ref = f" (klaim '{prev.no_klaim}')" if prev.no_klaim else ""
                return [
                    self.finding(
                        "pengajuan.layanan",
                        f"Layanan '{p.layanan}' {what} sudah pernah diklaim{ref} pada {tanggal(prev.tgl_layanan)}.",
                    )
                ]
        return []
