"""DK01: the general claim file lacks a signed FPK or SPTJM."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity, is_billed, missing_documents


class DK01(Rule):
    """Every FKTP claim file carries the FPK signed by the head of the FKTP and a signed, stamped SPTJM.

    **Anti-pattern**: a non-kapitasi claim without fpk, or with an unsigned sptjm.
    **Best practice**: print the FPK from eClaim, have the head of FKTP sign the FPK and the SPTJM (bermeterai)
    before the monthly submission.
    """

    code = "DK01"
    title = "FPK atau SPTJM tidak ada / tidak ditandatangani"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.REGULASI
    regulation = (
        "Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 12: formulir pengajuan klaim (FPK) ditandatangani "
        "kepala FKTP atau pejabat yang ditunjuk, dan surat pernyataan tanggung jawab mutlak (SPTJM) "
        "bermeterai ditandatangani kepala FKTP"
    )
    rationale = (
        "Berkas umum yang tidak lengkap membuat klaim dikembalikan dan baru dapat diajukan lagi bulan berikutnya."
    )
    fix_hint = "Lengkapi FPK dan SPTJM yang ditandatangani kepala FKTP (SPTJM bermeterai) sebelum pengiriman."

    def check(self, claim: Claim) -> list[Finding]:
        if not is_billed(claim):
            return []
        return missing_documents(self, claim, {"fpk": True, "sptjm": True})
