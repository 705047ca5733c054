"""DK07: a billed claim without the bukti pelayanan signed by the participant or family."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed, missing_documents


class DK07(Rule):
    """Every billed claim carries its bukti pelayanan, signed by the participant or a family member.

    **Anti-pattern**: a non-kapitasi claim with no bukti_pelayanan, or one the participant never signed.
    **Best practice**: have the participant (or family) sign the proof of service at the end of the visit or at
    discharge; file it with the claim.
    """

    code = "DK07"
    title = "Bukti pelayanan tidak ada / tidak ditandatangani peserta"
    severity = Severity.DIKEMBALIKAN
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 12: bukti pelayanan yang ditandatangani peserta atau "
        "anggota keluarga"
    )
    rationale = (
        "Tanda tangan peserta atau keluarganya adalah bukti bahwa pelayanan yang diklaim benar diterima peserta."
    )
    fix_hint = "Lampirkan bukti pelayanan yang ditandatangani peserta atau keluarganya; jangan menandatangani atas nama peserta."

    def check(self, claim: Claim) -> list[Finding]:
        if not is_billed(claim):
            return []
        for doc in claim.dokumen:  # the common case, without building labels
            if doc.jenis == "bukti_pelayanan" and doc.ditandatangani:
                return []
        return missing_documents(self, claim, {"bukti_pelayanan": True})
