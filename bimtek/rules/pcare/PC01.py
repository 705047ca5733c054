"""PC01: the P-Care entry has no keluhan (chief complaint)."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class PC01(Rule):
    """Every P-Care kunjungan records the chief complaint that brought the patient.

    **Anti-pattern**: keluhan empty or '-'.
    **Best practice**: copy the complaint from the rekam medis in the patient's words ("demam 3 hari").
    """

    code = "PC01"
    title = "Keluhan tidak diisi di P-Care"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.ARTIKEL
    regulation = (
        'artikel "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer": kesalahan umum '
        '"input data di P-Care tidak lengkap"; keluhan adalah isian pendaftaran dan kunjungan P-Care'
    )
    rationale = "Keluhan adalah dasar indikasi medis layanan; entri tanpa keluhan dianggap tidak lengkap."
    fix_hint = "Isi keluhan utama sesuai rekam medis (mis. 'demam 4 hari, mual')."

    def check(self, claim: Claim) -> list[Finding]:
        if claim.kunjungan.keluhan in ("", "-"):
            return [self.finding("kunjungan.keluhan", "Keluhan kosong; diharapkan keluhan utama pasien.")]
        return []
