"""KD10: P-Care fields that contradict each other (consciousness, kind of visit, how the patient went home)."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity

_SADAR = {"01": "Compos mentis", "02": "Somnolence", "03": "Sopor", "04": "Coma"}
_DEEP = {"03", "04"}  # a sopor or comatose patient cannot be sent home from an outpatient visit
_SENT_HOME = "3"  # Berobat Jalan
_DIED = "1"


class KD10(Rule):
    """The consciousness level must fit the kind of visit and how the patient left.

    **Anti-pattern**: kd_sadar 04 (Coma) or 03 (Sopor) with kd_status_pulang 3 (Berobat Jalan) at an outpatient
    visit; kd_sadar 02-04 on a healthy visit (kunjungan_sakit false) or a promotif visit (TKP 50); status 1
    (Meninggal) on a healthy or promotif visit.
    **Best practice**: take kdSadar from the examination; a patient who is not compos mentis on a routine visit
    is referred or admitted, and the status pulang says so.
    """

    code = "KD10"
    title = "Isian kesadaran, jenis kunjungan dan status pulang saling bertentangan"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: isian kunjungan P-Care (kesadaran, "
        "kunjungan sakit/sehat, tempat kunjungan, status pulang) harus menggambarkan satu kunjungan yang sama"
    )
    rationale = (
        "Pasien sopor atau koma tidak dipulangkan berobat jalan, dan kunjungan sehat atau promotif tidak dilakukan "
        "pada pasien yang kesadarannya menurun; isian yang bertentangan menandakan salah entri atau salin-tempel."
    )
    fix_hint = (
        "Periksa kembali kesadaran, jenis kunjungan dan status pulang di rekam medis, lalu perbaiki entri P-Care."
    )

    def check(self, claim: Claim) -> list[Finding]:
        k = claim.kunjungan
        sadar = (k.kd_sadar or "").strip()
        status = (k.kd_status_pulang or "").strip()
        label = f"'{sadar}' ({_SADAR[sadar]})" if sadar in _SADAR else ""
        healthy = not k.kunjungan_sakit or k.kd_tkp == "50"
        kind = "kunjungan promotif (TKP 50)" if k.kd_tkp == "50" else "kunjungan sehat"
        out = []
        if sadar in _DEEP and k.kd_tkp == "10" and status == _SENT_HOME:
            out.append(
                self.finding(
                    "kunjungan.kd_sadar",
                    f"Kesadaran {label} pada kunjungan rawat jalan dengan status pulang '3' (Berobat Jalan); pasien "
                    "dengan kesadaran itu dirujuk atau dirawat, tidak dipulangkan.",
                )
            )
        if healthy and sadar in _SADAR and sadar != "01":
            out.append(self.finding("kunjungan.kd_sadar", f"Kesadaran {label} tidak sesuai dengan {kind}."))
        if healthy and status == _DIED:
            out.append(self.finding("kunjungan.kd_status_pulang", f"Status pulang '1' (Meninggal) pada {kind}."))
        return out
