"""DK04: a KB claim without the KB book copy or the signed consent."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed, missing_documents

_CONSENT = {"kb_iud", "kb_implan", "kb_mop"}
_KB = _CONSENT | {"kb_suntik", "kb_komplikasi"}


class DK04(Rule):
    """KB claims carry the buku peserta KB copy; IUD, implant and MOP also a signed informed consent.

    **Anti-pattern**: layanan kb_implan with no consent, or an unsigned one.
    **Best practice**: have the acceptor sign the consent before the procedure and file a copy with the claim.
    """

    code = "DK04"
    title = "Berkas KB tidak lengkap (buku KB / informed consent)"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset(_KB)
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 13 huruf d (salinan buku peserta KB; persetujuan "
        "tindakan untuk implan, IUD dan MOP)"
    )
    rationale = "Informed consent adalah syarat hukum tindakan KB invasif dan syarat kelengkapan klaimnya."
    fix_hint = "Lampirkan salinan buku peserta KB; untuk IUD, implan dan MOP juga informed consent bertanda tangan."

    def check(self, claim: Claim) -> list[Finding]:
        layanan = claim.pengajuan.layanan
        if layanan not in _KB or not is_billed(claim):
            return []
        required = {"buku_kb": False}
        if layanan in _CONSENT:
            required["consent"] = True
        return missing_documents(self, claim, required)
