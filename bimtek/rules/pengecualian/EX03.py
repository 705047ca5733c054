"""EX03: care or drugs already paid by another government programme billed to JKN."""

from bimtek.claim import Claim
from bimtek.fmt import rupiah
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed

# Drug groups supplied free by national programmes (programme immunisation, TB, HIV, malaria).
PROGRAMME_GROUPS = {
    "vaksin_program": "imunisasi program (vaksin dari Kemenkes/Dinas Kesehatan)",
    "oat_program": "program penanggulangan TB (obat anti tuberkulosis program)",
    "arv_program": "program penanggulangan HIV (ARV program)",
    "antimalaria_program": "program penanggulangan malaria (obat antimalaria program)",
}


class EX03(Rule):
    """What another programme already pays (programme vaccines, TB/HIV/malaria drugs) is not billed to JKN.

    **Anti-pattern**: OAT from the TB programme billed as a drug cost on the claim; a programme immunisation
    visit recorded with konteks.program_lain and still billed.
    **Best practice**: record programme drugs at zero cost; bill JKN only for the service the tariff pays.
    """

    code = "EX03"
    title = "Layanan atau obat yang sudah ditanggung program lain ditagihkan ke JKN"
    severity = Severity.DITOLAK
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Perpres Nomor 82 Tahun 2018 Pasal 52 ayat (1) huruf u: pelayanan yang sudah ditanggung dalam program "
        "lain tidak dijamin (huruf ayat menurut salinan yang umum beredar: belum pasti)"
    )
    rationale = (
        "Vaksin imunisasi program dan obat program TB, HIV dan malaria dibiayai pemerintah melalui programnya; "
        "menagihkannya ke JKN berarti membayar dua kali."
    )
    fix_hint = "Hapus bagian yang dibiayai program dari klaim (biaya obat program = 0); program itu yang menanggung."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        program = (claim.konteks.program_lain or "").strip()
        if not is_billed(claim) or (not program and not any(t.biaya > 0 for t in claim.kunjungan.terapi)):
            return []
        out = []
        if program:
            out.append(
                self.finding(
                    "konteks.program_lain",
                    f"Layanan ini sudah ditanggung program '{program}': di luar manfaat JKN; program itu yang membayar.",
                )
            )
        for i, t in enumerate(claim.kunjungan.terapi):
            payer = PROGRAMME_GROUPS.get((t.golongan or "").strip().lower())
            if payer and t.biaya > 0:
                out.append(
                    self.finding(
                        f"kunjungan.terapi.{i}",
                        f"'{t.nama}' ditagihkan {rupiah(t.biaya)}, padahal disediakan {payer}; bagian ini ditolak.",
                    )
                )
        return out
