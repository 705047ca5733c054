"""TW01: a claim sent after the monthly deadline (it slips to the next month's batch)."""

from bimtek.claim import Claim
from bimtek.deadlines import expiry_date, monthly_deadline
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed


class TW01(Rule):
    """Non-kapitasi claims are filed monthly, by the 10th of the month after the service.

    **Anti-pattern**: service ended 20 September, claim sent 14 October.
    **Best practice**: close the month's recap in the first week and send it before the 10th; a daily or weekly
    internal check keeps the recap ready.
    """

    code = "TW01"
    title = "Klaim melewati batas pengajuan bulanan"
    severity = Severity.DIKEMBALIKAN
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Permenkes Nomor 28 Tahun 2014 tentang Pedoman Pelaksanaan Program JKN (paling lambat tanggal 10 "
        "bulan berikutnya); Perpres Nomor 82 Tahun 2018 Pasal 75 ayat (2) (pengajuan periodik dan lengkap)"
    )
    rationale = "Klaim yang terlambat tidak masuk pembayaran bulan ini; ia ikut batch berikutnya dan arus kas tertunda."
    fix_hint = "Ajukan pada batch bulan berikutnya (masih dalam 6 bulan) dan jadwalkan rekap sebelum tanggal 10."

    def check(self, claim: Claim) -> list[Finding]:
        if not is_billed(claim):
            return []
        end = claim.service_end()
        sent = claim.pengajuan.tgl_pengajuan
        deadline = monthly_deadline(end)
        if deadline < sent <= expiry_date(end):
            return [
                self.finding(
                    "pengajuan.tgl_pengajuan",
                    f"Diajukan {tanggal(sent)}, melewati batas {tanggal(deadline)} untuk layanan yang selesai "
                    f"{tanggal(end)}; klaim masuk batch bulan berikutnya.",
                )
            ]
        return []
