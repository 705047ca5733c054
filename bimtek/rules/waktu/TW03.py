"""TW03: dates that cannot all be true."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class TW03(Rule):
    """Admission <= discharge <= submission, and the P-Care entry lies between the service and the submission.

    **Anti-pattern**: tgl_pulang 3 October for tgl_daftar 5 October; service dated after the claim was sent;
    a P-Care entry dated after the claim (with its P-Care print-out) was sent.
    **Best practice**: copy dates from the register and the resume; check the recap for reversed dates.
    """

    code = "TW03"
    title = "Tanggal tidak mungkin"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.PRAKTIK
    # facts §3 (general claim file, S5)
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: urutan tanggal pelayanan, pulang, entri "
        "dan pengajuan harus mungkin (rekapitulasi pelayanan, Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 12)"
    )
    rationale = (
        "Tanggal yang saling bertentangan menandakan salah entri; verifikator tidak dapat menentukan periode layanan."
    )
    fix_hint = "Perbaiki tanggal sesuai register dan resume medis."

    def check(self, claim: Claim) -> list[Finding]:
        k = claim.kunjungan
        start, back, entry = k.tgl_daftar, k.tgl_pulang, k.tgl_entri
        sent = claim.pengajuan.tgl_pengajuan
        end = claim.service_end()
        out = []
        if back is not None and back < start:
            out.append(
                self.finding(
                    "kunjungan.tgl_pulang",
                    f"Tanggal pulang {tanggal(back)} sebelum tanggal masuk {tanggal(start)}.",
                )
            )
        if end > sent:
            out.append(
                self.finding(
                    "pengajuan.tgl_pengajuan",
                    f"Layanan (selesai {tanggal(end)}) tercatat setelah klaim diajukan {tanggal(sent)}.",
                )
            )
        if entry is not None and entry > sent and end <= sent:
            out.append(
                self.finding(
                    "kunjungan.tgl_entri",
                    f"Tanggal entri P-Care {tanggal(entry)} setelah klaim diajukan {tanggal(sent)}.",
                )
            )
        elif entry is not None and entry < start:
            out.append(
                self.finding(
                    "kunjungan.tgl_entri",
                    f"Tanggal entri P-Care {tanggal(entry)} sebelum tanggal pelayanan {tanggal(start)}.",
                )
            )
        return out
