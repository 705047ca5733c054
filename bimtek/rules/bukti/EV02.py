"""EV02: an inpatient claim whose resume medis is missing or not signed by the doctor."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class EV02(Rule):
    """Every rawat inap claim carries a resume medis signed by the responsible doctor.

    **Anti-pattern**: layanan rawat_inap with no resume_medis document, or one with ditandatangani false.
    **Best practice**: the doctor signs the resume at discharge; the claim officer checks it before the recap.
    """

    code = "EV02"
    title = "Resume medis tidak ada atau tidak ditandatangani dokter"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset({"rawat_inap"})
    dasar = Dasar.ARTIKEL
    regulation = (
        'artikel "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer": kesalahan umum '
        '"resume medis tidak ditandatangani dokter"; berkas rawat inap tingkat pertama memuat resume medis '
        "yang ditandatangani dokter (daftar dokumen rawat inap dalam Peraturan BPJS Kesehatan Nomor 7 Tahun "
        "2018 Pasal 14: belum pasti)"
    )
    rationale = "Resume medis yang tidak ditandatangani tidak sah sebagai bukti pelayanan rawat inap."
    fix_hint = "Mintakan tanda tangan dokter penanggung jawab pada resume medis lalu lampirkan ke berkas klaim."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        if claim.pengajuan.layanan != "rawat_inap":
            return []
        resume = claim.document("resume_medis")
        if resume is None:
            return [self.finding("dokumen", "Resume medis tidak ada dalam berkas klaim rawat inap.")]
        if not resume.ditandatangani:
            return [self.finding("dokumen.resume_medis", "Resume medis belum ditandatangani dokter.")]
        return []
