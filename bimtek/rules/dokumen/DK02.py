"""DK02: a persalinan claim without partograf, birth certificate or KIA copy."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed, missing_documents

_PERSALINAN = {"persalinan_tim_dokter", "persalinan_tanpa_dokter", "persalinan_poned_2hari", "persalinan_poned_3hari"}


class DK02(Rule):
    """A delivery claim needs the KIA copy, the partograf signed by the birth attendant and the birth certificate.

    **Anti-pattern**: layanan persalinan_tim_dokter with no partograf in the file.
    **Best practice**: copy the partograf and surat keterangan kelahiran into the claim file on the day of discharge.
    """

    code = "DK02"
    title = "Berkas persalinan tidak lengkap (partograf, surat keterangan lahir, KIA)"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset(_PERSALINAN)
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 14 huruf b (salinan buku KIA, partograf yang "
        "ditandatangani penolong, surat keterangan kelahiran)"
    )
    rationale = (
        "Partograf dan surat keterangan kelahiran membuktikan persalinan benar terjadi dan ditolong tim yang diklaim."
    )
    fix_hint = "Lampirkan salinan buku KIA, partograf yang ditandatangani penolong, dan surat keterangan kelahiran."

    def check(self, claim: Claim) -> list[Finding]:
        if claim.pengajuan.layanan not in _PERSALINAN or not is_billed(claim):
            return []
        return missing_documents(self, claim, {"kia": False, "partograf": True, "surat_keterangan_lahir": False})
