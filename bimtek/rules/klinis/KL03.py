"""KL03: the service line billed does not fit the visit's TKP."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class KL03(Rule):
    """Each service line belongs to a place of service: persalinan and rawat inap are RITP (TKP 20), ANC is RJTP.

    **Anti-pattern**: layanan rawat_inap on a kunjungan with kd_tkp 10.
    **Best practice**: register the inpatient stay as TKP 20 in P-Care before billing a rawat inap package.
    """

    code = "KL03"
    title = "Layanan tidak sesuai tempat kunjungan (TKP)"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.REGULASI
    regulation = (
        "Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 11: ANC, PNC dan pra-rujukan adalah klaim rawat "
        "jalan tingkat pertama, persalinan adalah klaim rawat inap tingkat pertama"
    )
    rationale = "Jenis klaim RJTP/RITP ditentukan TKP kunjungan; ketidakcocokan membuat klaim salah kelompok."
    fix_hint = (
        "Sesuaikan TKP kunjungan di P-Care dengan layanan (20 untuk rawat inap/persalinan, 10 untuk rawat jalan)."
    )

    def check(self, claim: Claim) -> list[Finding]:
        service = self.ref.services.get(claim.pengajuan.layanan)
        tkp = claim.kunjungan.kd_tkp
        if service is None or tkp in service.kd_tkp or tkp not in self.ref.codes("kd_tkp"):
            return []
        return [
            self.finding(
                "kunjungan.kd_tkp",
                f"Layanan '{service.label}' diklaim pada TKP '{tkp}'; diharapkan TKP {' atau '.join(service.kd_tkp)}.",
            )
        ]
