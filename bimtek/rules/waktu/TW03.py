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
        sent = claim.pengajuan.tgl_pengajuan
        out = []
        if k.tgl_pulang is not None and k.tgl_pulang < k.tgl_daftar:
            out.append(
                self.finding(
                    "kunjungan.tgl_pulang",
                    f"Tanggal pulang {tanggal(k.tgl_pulang)} sebelum tanggal masuk {tanggal(k.tgl_daftar)}.",
                )
            )
        if claim.service_end() > sent:
            out.append(
                self.finding(
                    "pengajuan.tgl_pengajuan",
                    f"Layanan (selesai {tanggal(claim.service_end())}) tercatat setelah klaim diajukan {tanggal(sent)}.",
                )
            )
        if k.tgl_entri is not None and k.tgl_entri > sent and claim.service_end() <= sent:
            out.append(
                self.finding(
                    "kunjungan.tgl_entri",
                    f"Tanggal entri P-Care {tanggal(k.tgl_entri)} setelah klaim diajukan {tanggal(sent)}.",
                )
            )
        elif k.tgl_entri is not None and k.tgl_entri < k.tgl_daftar:
            out.append(
                self.finding(
                    "kunjungan.tgl_entri",
                    f"Tanggal entri P-Care {tanggal(k.tgl_entri)} sebelum tanggal pelayanan {tanggal(k.tgl_daftar)}.",
                )
            )
        return out
