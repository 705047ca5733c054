"""EX04: contraceptive supplies (alat/obat kontrasepsi) billed to JKN on top of the KB service."""

from bimtek.claim import Claim
from bimtek.fmt import rupiah
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed


class EX04(Rule):
    """JKN pays the KB service (insertion, injection, MOP); the contraceptive itself comes from the BKKBN programme.

    **Anti-pattern**: kb_implan billed with the implant rod as a terapi line costing Rp150.000.
    **Best practice**: bill the KB service at its tariff line; contraceptives are supplied by BKKBN, cost 0.
    """

    code = "EX04"
    title = "Alat/obat kontrasepsi ditagihkan ke JKN"
    severity = Severity.DITOLAK
    needs = frozenset({Need.BILLED, Need.THERAPY})
    dasar = Dasar.REGULASI
    regulation = (
        "Perpres Nomor 82 Tahun 2018 Pasal 52 ayat (1) huruf m: alat dan obat kontrasepsi tidak dijamin (huruf "
        "ayat menurut salinan yang umum beredar: belum pasti); pelayanan KB dibayar menurut Permenkes Nomor 3 "
        "Tahun 2023 Pasal 22 ayat (2)"
    )
    rationale = (
        "Alat dan obat kontrasepsi disediakan program KB BKKBN; yang dibayar JKN adalah jasa pelayanan KB-nya. "
        "Menagihkan kontrasepsinya berarti menagih barang yang sudah dibiayai negara."
    )
    fix_hint = "Hapus biaya alat/obat kontrasepsi dari klaim; tagihkan pelayanan KB sesuai baris tarifnya saja."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        if not is_billed(claim) or not any(t.biaya > 0 for t in claim.kunjungan.terapi):
            return []
        return [
            self.finding(
                f"kunjungan.terapi.{i}",
                f"Alat/obat kontrasepsi '{t.nama}' ditagihkan {rupiah(t.biaya)}: di luar manfaat JKN, disediakan "
                "program KB BKKBN; bagian ini ditolak, pelayanan KB-nya tetap dapat dibayar.",
            )
            for i, t in enumerate(claim.kunjungan.terapi)
            if (t.golongan or "").strip().lower() == "kontrasepsi" and t.biaya > 0
        ]
