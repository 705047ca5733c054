"""TW04: the service was not recorded in P-Care when it happened."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class TW04(Rule):
    """Services are entered in P-Care on the day they are given (at discharge for an inpatient stay).

    **Anti-pattern**: visit on 2 October, tgl_entri 9 October.
    **Best practice**: enter at the point of service; a daily internal check catches what was missed.
    """

    code = "TW04"
    title = "Layanan tidak dicatat pada hari pelayanan"
    severity = Severity.PERINGATAN
    dasar = Dasar.ARTIKEL
    regulation = (
        'artikel "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer": kesalahan umum '
        '"layanan tidak dicatat pada saat pelayanan"; Angka Kontak KBK hanya menghitung kontak yang masuk '
        "P-Care (Peraturan BPJS Kesehatan Nomor 7 Tahun 2019)"
    )
    rationale = (
        "Entri yang terlambat mudah terlupa atau tidak cocok dengan rekam medis, dan kontak yang tidak masuk "
        "P-Care tepat waktu tidak dihitung dalam Angka Kontak KBK."
    )
    fix_hint = "Biasakan entri P-Care saat pelayanan; lakukan verifikasi internal harian."

    def check(self, claim: Claim) -> list[Finding]:
        entry = claim.kunjungan.tgl_entri
        end = claim.service_end()
        if entry is not None and entry > end:
            days = (entry - end).days
            return [
                self.finding(
                    "kunjungan.tgl_entri",
                    f"Dientri ke P-Care {tanggal(entry)}, {days} hari setelah pelayanan selesai {tanggal(end)}.",
                )
            ]
        return []
