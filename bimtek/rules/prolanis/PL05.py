"""PL05: a Prolanis honor claimed without its receipt or without the 3% tax withheld."""

from bimtek.claim import Claim
from bimtek.fmt import rupiah
from bimtek.rules.base import Dasar, Finding, Rule, Severity
from bimtek.rules.prolanis import BASIS, LAYANAN, activity


class PL05(Rule):
    """An instructor's or speaker's honor is claimed with a signed receipt showing the 3% income tax withheld.

    **Anti-pattern**: biaya_honor Rp150.000 with no kuitansi_honor, or a receipt without PPh.
    **Best practice**: have the instructor sign a receipt that shows the gross honor and the 3% tax withheld.
    """

    code = "PL05"
    title = "Honor kegiatan Prolanis tanpa kuitansi atau potongan pajak"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset({LAYANAN})
    dasar = Dasar.PRAKTIK
    regulation = f"{BASIS}; kuitansi honor dengan pajak 3%"
    rationale = "Honor hanya dapat dibayar dengan kuitansi penerimanya; panduan meminta potongan pajak 3% tercantum."
    fix_hint = "Lampirkan kuitansi honor yang ditandatangani penerima dengan PPh 3% dipotong."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        k = activity(claim)
        if k is None or k.biaya_honor <= 0:
            return []
        if not k.kuitansi_honor:
            return [
                self.finding(
                    "kegiatan_prolanis.kuitansi_honor", f"Honor {rupiah(k.biaya_honor)} diklaim tanpa kuitansi."
                )
            ]
        if not k.pph_honor_dipotong:
            return [
                self.finding(
                    "kegiatan_prolanis.pph_honor_dipotong",
                    f"Kuitansi honor {rupiah(k.biaya_honor)} tanpa potongan PPh 3%.",
                )
            ]
        return []
