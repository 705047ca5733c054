"""PC06: no status pulang (kdStatusPulang)."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class PC06(Rule):
    """Every closed kunjungan carries its status pulang.

    **Anti-pattern**: kd_status_pulang empty.
    **Best practice**: 3 Berobat Jalan for an outpatient sent home; 0 Sembuh for an inpatient discharged well.
    """

    code = "PC06"
    title = "Status pulang tidak diisi"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.ARTIKEL
    regulation = (
        'artikel "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer": kesalahan umum '
        '"input data di P-Care tidak lengkap"; status pulang adalah isian entri kunjungan P-Care'
    )
    rationale = "Status pulang menutup kunjungan dan menentukan apakah ada rujukan atau rawat inap."
    fix_hint = "Pilih status pulang sesuai TKP: rawat jalan 3/4/6/1, rawat inap 0/1/2/4/6/9."

    def check(self, claim: Claim) -> list[Finding]:
        if claim.kunjungan.kd_tkp != "50" and not claim.kunjungan.kd_status_pulang:
            return [self.finding("kunjungan.kd_status_pulang", "Status pulang (kdStatusPulang) kosong.")]
        return []
