"""DK01: the submission's general file (FPK, rekapitulasi, kuitansi, SPTJM) is missing, unsigned or unstamped."""

from bimtek.claim import BerkasPengajuan, Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity, is_billed

# jenis -> (must be signed, must carry a meterai)
GENERAL_FILE = {"fpk": (True, False), "rekapitulasi": (False, False), "kuitansi": (True, True), "sptjm": (True, True)}


class DK01(Rule):
    """Each submission carries one general file: FPK, rekapitulasi pelayanan, kuitansi asli and SPTJM, both bermeterai.

    It lives at the submission level (one per monthly submission, covering all its claims), not in each claim:
    a defect in it returns every claim of the submission.

    **Anti-pattern**: a batch with no berkas_pengajuan, or an SPTJM signed but without meterai.
    **Best practice**: print the FPK and the rekapitulasi from eClaim, have the head of FKTP sign the FPK, the
    kuitansi and the SPTJM (both bermeterai) before the monthly submission.
    """

    code = "DK01"
    title = "Berkas umum pengajuan (FPK, rekapitulasi, kuitansi, SPTJM) tidak lengkap"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.REGULASI
    scope = "pengajuan"
    regulation = (
        "Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 12: formulir pengajuan klaim (FPK) ditandatangani "
        "kepala FKTP atau pejabat yang ditunjuk, rekapitulasi pelayanan, kuitansi asli bermeterai, dan surat "
        "pernyataan tanggung jawab mutlak (SPTJM) bermeterai ditandatangani kepala FKTP"
    )
    rationale = (
        "Berkas umum dibuat sekali per pengajuan dan berlaku untuk semua klaimnya; bila tidak lengkap, seluruh "
        "klaim dalam pengajuan itu dikembalikan dan baru dapat diajukan lagi bersama pengajuan bulan berikutnya."
    )
    fix_hint = (
        "Lengkapi berkas pengajuan: FPK dan rekapitulasi dari eClaim, kuitansi asli dan SPTJM bermeterai yang "
        "ditandatangani kepala FKTP, lalu kirim ulang seluruh pengajuan."
    )

    def check(self, claim: Claim) -> list[Finding]:
        if not is_billed(claim):
            return []
        return self.check_berkas(claim.berkas_pengajuan)

    def check_berkas(self, berkas: BerkasPengajuan | None) -> list[Finding]:
        """Findings on one submission's general file (None: the submission has none)."""
        if berkas is None:
            return [
                self.finding(
                    "berkas_pengajuan",
                    "Pengajuan tidak disertai berkas umum (FPK, rekapitulasi pelayanan, kuitansi asli bermeterai, "
                    "SPTJM bermeterai).",
                )
            ]
        labels = self.ref.document_labels
        out = []
        for jenis, (signed, stamped) in GENERAL_FILE.items():
            doc = berkas.document(jenis)
            label = labels.get(jenis, jenis)
            field = f"berkas_pengajuan.dokumen.{jenis}"
            if doc is None:
                out.append(self.finding("berkas_pengajuan.dokumen", f"'{label}' tidak ada dalam berkas pengajuan."))
            elif signed and not doc.ditandatangani:
                out.append(self.finding(field, f"'{label}' dalam berkas pengajuan belum ditandatangani."))
            elif stamped and not doc.bermeterai:
                out.append(self.finding(field, f"'{label}' dalam berkas pengajuan belum bermeterai."))
        return out
