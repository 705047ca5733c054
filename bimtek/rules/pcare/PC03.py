"""PC03: consciousness (kdSadar) not recorded."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class PC03(Rule):
    """The kunjungan records the patient's level of consciousness (kdSadar).

    **Anti-pattern**: kd_sadar empty.
    **Best practice**: 01 Compos mentis for an alert patient; take it from the physical examination.
    """

    code = "PC03"
    title = "Kesadaran tidak diisi"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.ARTIKEL
    regulation = (
        'artikel "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer": kesalahan umum '
        '"input data di P-Care tidak lengkap"; kesadaran (kdSadar) adalah isian entri kunjungan P-Care'
    )
    rationale = "Kesadaran adalah bagian pemeriksaan fisik wajib pada entri kunjungan P-Care."
    fix_hint = "Pilih kode kesadaran sesuai pemeriksaan (01 Compos mentis, 02 Somnolence, 03 Sopor, 04 Coma)."

    def check(self, claim: Claim) -> list[Finding]:
        if claim.kunjungan.kd_tkp != "50" and not claim.kunjungan.kd_sadar:
            return [self.finding("kunjungan.kd_sadar", "Kesadaran (kdSadar) kosong; diharapkan kode 01-04.")]
        return []
