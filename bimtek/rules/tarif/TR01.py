"""TR01: the amount claimed does not match the tariff in force for the service line."""

from bimtek.claim import Claim
from bimtek.fmt import rupiah
from bimtek.rules.base import Dasar, Finding, Rule, Severity
from bimtek.tariff import absurd_amount_limit, expected_amount


class TR01(Rule):
    """The amount claimed equals the tariff of the line in force on the service date (or stays under a ceiling).

    **Anti-pattern**: ANC by a doctor at a klinik billed Rp80.000 (the Puskesmas figure) instead of Rp90.000;
    rawat inap 2 days billed as 3 days of the package; a kapitasi visit billed per service; a stay billed at the
    Puskesmas's own (Perkada/BLUD) tariff instead of the package.
    **Best practice**: take the amount from the tariff table for the facility type and the service date
    (Permenkes 3/2023 from 9 January 2023, Permenkes 52/2016 before). The facility's own tariff goes in
    pengajuan.tarif_fasilitas: the receivable is recognised at it and the difference booked when BPJS pays.
    """

    code = "TR01"
    title = "Jumlah klaim tidak sesuai tarif yang berlaku"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.REGULASI
    # facts §2.3 (S5, S6); seed 004 for the own-tariff example
    regulation = (
        "Permenkes Nomor 3 Tahun 2023 Pasal 12 sampai Pasal 24 (tarif non-kapitasi FKTP), sebelumnya Permenkes "
        'Nomor 52 Tahun 2016; paket rawat inap sesuai perjanjian kerja sama; artikel "Pengakuan & Perhitungan '
        'Piutang Pasien BPJS di Puskesmas" (klaim dibayar sebesar paket, bukan tarif Puskesmas)'
    )
    rationale = (
        "BPJS membayar sesuai tarif paket; klaim dengan jumlah berbeda dikembalikan untuk dikoreksi. Tarif "
        "Puskesmas sendiri (Perkada/BLUD) hanya dipakai untuk mengakui piutang; selisihnya dicatat saat dibayar."
    )
    fix_hint = "Sesuaikan jumlah dengan tabel tarif untuk jenis fasilitas dan tanggal layanan (lihat Katalog Aturan)."

    def check(self, claim: Claim) -> list[Finding]:
        expected = expected_amount(claim)
        if expected is None:
            return []
        p = claim.pengajuan
        claimed = p.jumlah_diajukan
        if expected.amount > 0 and (claimed <= 0 or claimed > absurd_amount_limit()):
            return []  # TR04 reports an impossible amount
        wrong = claimed > expected.amount if expected.ceiling else claimed != expected.amount
        if not wrong:
            return []
        what = "paling banyak " if expected.ceiling else ""
        own = (
            "; tarif fasilitas sendiri hanya untuk pengakuan piutang, klaim ditagihkan sebesar paket"
            if p.tarif_fasilitas is not None and claimed == p.tarif_fasilitas
            else ""
        )
        return [
            self.finding(
                "pengajuan.jumlah_diajukan",
                f"Diajukan {rupiah(claimed)}; seharusnya {what}{rupiah(expected.amount)} ({expected.explanation}){own}.",
            )
        ]
