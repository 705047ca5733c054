"""KD03: a status pulang that does not belong to the visit's TKP."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class KD03(Rule):
    """Outpatient and inpatient visits have different status-pulang lists.

    **Anti-pattern**: kd_tkp 10 (rawat jalan) with kd_status_pulang '0' (Sembuh, an inpatient code), or
    kd_tkp 20 with '3' (Berobat Jalan).
    **Best practice**: inpatient discharged well = 0 Sembuh; outpatient sent home = 3 Berobat Jalan.
    """

    code = "KD03"
    title = "Status pulang tidak sesuai TKP"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: referensi status pulang P-Care "
        "berbeda untuk rawat jalan dan rawat inap (daftar rawat inap: belum pasti)"
    )
    rationale = "Status pulang rawat inap dan rawat jalan adalah dua daftar berbeda; kode yang salah daftar tidak sah."
    fix_hint = "Rawat jalan: 3 Berobat Jalan, 4 Rujuk Vertikal, 6 Rujuk Horizontal, 1 Meninggal. Rawat inap: 0 Sembuh, 1, 2, 4, 6, 9."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        k = claim.kunjungan
        status = k.kd_status_pulang or ""
        if not status or k.kd_tkp not in ("10", "20"):
            return []
        list_name = "kd_status_pulang_rawat_inap" if k.kd_tkp == "20" else "kd_status_pulang_rawat_jalan"
        codes = self.ref.codes(list_name)
        if status in codes:
            return []
        kind = "rawat inap" if k.kd_tkp == "20" else "rawat jalan"
        allowed = ", ".join(f"{c} {n}" for c, n in codes.items())
        return [
            self.finding(
                "kunjungan.kd_status_pulang",
                f"Status pulang '{status}' tidak berlaku untuk {kind} (TKP {k.kd_tkp}); pilihan: {allowed}.",
            )
        ]
