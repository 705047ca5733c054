"""RJ02: status pulang says referred but the kunjungan has no referral."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity

_REFERRAL_STATUSES = {"4": "Rujuk Vertikal", "6": "Rujuk Horizontal"}


class RJ02(Rule):
    """A referral status pulang (4 vertikal, 6 horizontal) comes with rujukLanjut: destination and date.

    **Anti-pattern**: kd_status_pulang '4' with rujukan null.
    **Best practice**: fill the referral in P-Care (destination PPK, specialist, estimated date) when choosing 4/6.
    """

    code = "RJ02"
    title = "Status pulang rujuk tanpa data rujukan"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: rujukan lanjut di P-Care memuat "
        "kode PPK tujuan, spesialis/khusus dan tanggal estimasi rujuk"
    )
    rationale = "Rujukan tanpa tujuan dan tanggal tidak dapat diterbitkan dan tidak dapat ditelusuri verifikator."
    fix_hint = "Lengkapi data rujukan (kode PPK tujuan, spesialis, tanggal estimasi) atau perbaiki status pulang."

    def check(self, claim: Claim) -> list[Finding]:
        status = claim.kunjungan.kd_status_pulang or ""
        if status in _REFERRAL_STATUSES and claim.kunjungan.rujukan is None:
            return [
                self.finding(
                    "kunjungan.rujukan",
                    f"Status pulang '{status}' ({_REFERRAL_STATUSES[status]}) tetapi data rujukan kosong.",
                )
            ]
        return []
