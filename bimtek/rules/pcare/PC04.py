"""PC04: no first diagnosis (kdDiag1)."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class PC04(Rule):
    """kdDiag1 is mandatory on every P-Care kunjungan.

    **Anti-pattern**: diagnosa [] (no ICD-10 code at all).
    **Best practice**: code the main diagnosis from the doctor's note with the ICD-10 reference of P-Care.
    """

    code = "PC04"
    title = "Diagnosa pertama tidak diisi"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.ARTIKEL
    regulation = (
        'artikel "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer": kesalahan umum '
        '"input data di P-Care tidak lengkap"; diagnosa pertama wajib di entri kunjungan P-Care; ICD-10 '
        "standar kode morbiditas (KMK Nomor 50/MENKES/SK/I/1998)"
    )
    rationale = "Tanpa diagnosa, tidak ada dasar medis untuk layanan yang diklaim."
    fix_hint = "Isi diagnosa utama (kdDiag1) sesuai catatan dokter, dengan kode ICD-10 dari referensi P-Care."

    def check(self, claim: Claim) -> list[Finding]:
        diag = claim.kunjungan.diagnosa
        if not diag or not diag[0]:
            return [self.finding("kunjungan.diagnosa", "Diagnosa pertama (kdDiag1) kosong; wajib diisi kode ICD-10.")]
        return []
