"""DK01: the general claim file lacks a signed FPK or SPTJM."""

from bimtek.claim import Claim
from bimtek.rules.base import Finding, Rule, Severity, is_billed, missing_documents


class DK01(Rule):
    """Every FKTP claim file carries the FPK signed by the head of the FKTP and a signed, stamped SPTJM.

    **Anti-pattern**: a non-kapitasi claim without fpk, or with an unsigned sptjm.
    **Best practice**: print the FPK from eClaim, have the head of FKTP sign the FPK and the SPTJM (bermeterai)
    before the monthly submission.
    """

    code = "DK01"
    title = "FPK atau SPTJM tidak ada / tidak ditandatangani"
    severity = Severity.DIKEMBALIKAN
    regulation = (
        "Peraturan BPJS Kesehatan 7/2018 Ps 12: FPK ditandatangani kepala FKTP, SPTJM bermeterai (facts §3, S5)"
    )
    rationale = (
        "Berkas umum yang tidak lengkap membuat klaim dikembalikan dan baru dapat diajukan lagi bulan berikutnya."
    )
    fix_hint = "Lengkapi FPK dan SPTJM yang ditandatangani kepala FKTP (SPTJM bermeterai) sebelum pengiriman."

    def check(self, claim: Claim) -> list[Finding]:
        if not is_billed(claim):
            return []
        return missing_documents(self, claim, {"fpk": True, "sptjm": True})
