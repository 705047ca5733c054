"""TR05: a tariff that rests on a local figure (Pemda ambulance rate, PKS day rate) is missing or out of range."""

from bimtek.claim import Claim
from bimtek.fmt import rupiah
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed


class TR05(Rule):
    """Lines priced by a local figure need that figure: the Pemda ambulance rate, the PKS day rate within its range.

    **Anti-pattern**: an ambulance referral billed with no tarif_ambulans_pemda declared; a klinik's rawat inap
    billed at a PKS day rate of Rp350.000, above the Rp200.000-300.000 range.
    **Best practice**: declare the Perda/Perkada ambulance rate and attach it; check the PKS day rate against the
    range of Permenkes 3/2023 before signing the PKS.
    """

    code = "TR05"
    title = "Tarif daerah atau tarif per hari tidak ada / di luar rentang"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset({"rawat_inap", "ambulans"})
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Permenkes Nomor 3 Tahun 2023 Pasal 12 ayat (2)-(3) (ambulans sesuai tarif pemerintah daerah setempat) dan "
        "Pasal 17 ayat (1) (rawat inap tingkat pertama Rp200.000-300.000 per hari untuk FKTP selain Puskesmas); "
        "kedua pasal dari satu salinan sekunder: belum pasti"
    )
    rationale = (
        "Tanpa tarif daerah yang dinyatakan, tidak ada dasar untuk membayar ambulans; tarif per hari di luar "
        "rentang peraturan tidak dapat dibayar begitu saja dan perlu dijelaskan."
    )
    fix_hint = (
        "Nyatakan tarif ambulans pemerintah daerah (Perda/Perkada) di data fasilitas dan lampirkan dasarnya; "
        "sesuaikan tarif rawat inap per hari dengan PKS dan rentang Permenkes Nomor 3 Tahun 2023."
    )
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        if not is_billed(claim):
            return []
        line = self.ref.tariff(claim.pengajuan.layanan, claim.kunjungan.tgl_daftar)
        if line is None:
            return []
        f = claim.fasilitas
        if line.jenis_tarif == "tarif_pemda" and f.tarif_ambulans_pemda is None:
            return [
                self.finding(
                    "fasilitas.tarif_ambulans_pemda",
                    f"Layanan '{claim.pengajuan.layanan}' dibayar sesuai tarif pemerintah daerah, tetapi '{f.nama}' "
                    "tidak menyatakan tarif itu; tidak ada jumlah yang dapat dibayar.",
                )
            ]
        if line.jenis_tarif != "per_hari_pks":
            return []
        rate = f.tarif_rawat_inap_per_hari
        if rate is None:
            return [
                self.finding(
                    "fasilitas.tarif_rawat_inap_per_hari",
                    f"Tarif rawat inap per hari sesuai PKS untuk '{f.nama}' tidak diisi; jumlah tidak dapat dihitung.",
                )
            ]
        low, high = line.minimal, line.maksimal
        if f.jenis == "puskesmas" or low is None or high is None or low <= rate <= high:
            return []
        return [
            self.finding(
                "fasilitas.tarif_rawat_inap_per_hari",
                f"Tarif rawat inap per hari {rupiah(rate)} di luar rentang {rupiah(low)}-{rupiah(high)} untuk FKTP "
                "selain Puskesmas; jelaskan dasar tarif PKS ini.",
            )
        ]
