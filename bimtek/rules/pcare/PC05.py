"""PC05: no examining doctor / health worker recorded."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class PC05(Rule):
    """The kunjungan names the examining doctor or health worker (kdDokter).

    **Anti-pattern**: kd_dokter empty.
    **Best practice**: pick the examiner from P-Care's `dokter` reference at the time of service.
    """

    code = "PC05"
    title = "Dokter/tenaga pemeriksa tidak diisi"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.ARTIKEL
    regulation = (
        'artikel "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer": kesalahan umum '
        '"input data di P-Care tidak lengkap"; dokter/tenaga pemeriksa adalah isian entri kunjungan P-Care'
    )
    rationale = "Layanan harus dapat ditelusuri ke tenaga kesehatan yang memberikannya."
    fix_hint = "Isi kode dokter/tenaga pemeriksa dari referensi dokter P-Care sesuai rekam medis."

    def check(self, claim: Claim) -> list[Finding]:
        if not claim.kunjungan.kd_dokter:
            return [self.finding("kunjungan.kd_dokter", "Kode dokter/tenaga pemeriksa (kdDokter) kosong.")]
        return []
