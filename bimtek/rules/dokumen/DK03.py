"""DK03: an ANC, PNC or pre-referral claim without the KIA page (and referral letter)."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed, missing_documents

_KIA = {"anc_dokter_usg", "anc_dokter", "anc_bidan", "pnc", "pra_rujukan", "pasca_persalinan_poned"}


class DK03(Rule):
    """ANC/PNC claims carry a copy of the KIA-book page of the visit; pre-referral claims also the referral letter.

    **Anti-pattern**: layanan anc_bidan with no kia document.
    **Best practice**: photocopy the KIA page at each visit (or the kartu ibu signed by mother and officer).
    """

    code = "DK03"
    title = "Salinan buku KIA (atau surat rujukan) tidak dilampirkan"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset(_KIA)
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 13 huruf b (salinan buku KIA; pra-rujukan juga "
        "surat rujukan)"
    )
    rationale = (
        "Halaman KIA membuktikan kunjungan ke berapa dan oleh siapa; tanpa itu ANC/PNC tidak dapat diverifikasi."
    )
    fix_hint = "Lampirkan salinan halaman buku KIA kunjungan ini; untuk pra-rujukan juga surat rujukan."

    def check(self, claim: Claim) -> list[Finding]:
        layanan = claim.pengajuan.layanan
        if layanan not in _KIA or not is_billed(claim):
            return []
        required = {"kia": False}
        if layanan == "pra_rujukan":
            required["surat_rujukan"] = False
        return missing_documents(self, claim, required)
