"""TR01: the amount claimed does not match the tariff in force for the service line."""

from bimtek.claim import Claim
from bimtek.fmt import rupiah
from bimtek.rules.base import Dasar, Finding, Rule, Severity
from bimtek.tariff import expected_amount


class TR01(Rule):
    """The amount claimed equals the tariff of the line in force on the service date (or stays under a ceiling).

    **Anti-pattern**: ANC by a doctor at a klinik billed Rp80.000 (the Puskesmas figure) instead of Rp90.000;
    rawat inap 2 days billed as 3 days of the package; a kapitasi visit billed per service.
    **Best practice**: take the amount from the tariff table for the facility type and the service date
    (Permenkes 3/2023 from 9 January 2023, Permenkes 52/2016 before).
    """

    code = "TR01"
    title = "Jumlah klaim tidak sesuai tarif yang berlaku"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.REGULASI
    regulation = "Permenkes 3/2023 Ps 12-24 (tarif non-kapitasi FKTP), sebelumnya Permenkes 52/2016; paket rawat inap sesuai PKS (facts §2.3, S5, S6)"
    rationale = "BPJS membayar sesuai tarif; klaim dengan jumlah berbeda dikembalikan untuk dikoreksi (selisih dicatat di piutang)."
    fix_hint = "Sesuaikan jumlah dengan tabel tarif untuk jenis fasilitas dan tanggal layanan (lihat Katalog Aturan)."

    def check(self, claim: Claim) -> list[Finding]:
        expected = expected_amount(claim)
        if expected is None:
            return []
        claimed = claim.pengajuan.jumlah_diajukan
        wrong = claimed > expected.amount if expected.ceiling else claimed != expected.amount
        if not wrong:
            return []
        what = "paling banyak " if expected.ceiling else ""
        return [
            self.finding(
                "pengajuan.jumlah_diajukan",
                f"Diajukan {rupiah(claimed)}; seharusnya {what}{rupiah(expected.amount)} ({expected.explanation}).",
            )
        ]
