"""KD04: a service line (pengajuan.layanan) that the tariff reference does not know."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity, nearest


class KD04(Rule):
    """The service line billed must be one of the claimable lines; an unknown line cannot be priced or paid.

    **Anti-pattern**: layanan 'anc_bidann' (typo), 'rawat inap 3 hari' (free text), 'usg' (not a claimable line).
    **Best practice**: choose the line from the tariff table (Katalog Aturan); the claim model already accepts
    any case and spaces ('ANC Bidan' is anc_bidan), so only a real unknown line is returned.
    """

    code = "KD04"
    title = "Layanan yang diklaim tidak dikenal"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.REGULASI
    regulation = (
        "Permenkes Nomor 3 Tahun 2023 Pasal 12 sampai Pasal 24 (jenis pelayanan non-kapitasi FKTP yang dapat "
        "ditagihkan dan tarifnya)"
    )
    rationale = (
        "Verifikator hanya dapat membayar layanan yang ada dalam daftar tarif; layanan yang tidak dikenal tidak "
        "dapat dihargai, jadi klaim dikembalikan, bukan dibayar sebesar yang diajukan."
    )
    fix_hint = "Pilih baris layanan dari daftar tarif (mis. anc_bidan, rawat_inap, kb_suntik) sesuai pelayanan."

    def check(self, claim: Claim) -> list[Finding]:
        layanan = claim.pengajuan.layanan
        services = self.ref.services
        if layanan in services:
            return []
        return [
            self.finding(
                "pengajuan.layanan",
                f"Layanan '{layanan}' tidak dikenal{nearest(layanan, services)}; klaim tidak dapat dihargai.",
            )
        ]
