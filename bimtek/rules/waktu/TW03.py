"""TW03: dates that cannot all be true."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class TW03(Rule):
    """Admission <= discharge <= submission, and a P-Care entry cannot precede the service.

    **Anti-pattern**: tgl_pulang 3 October for tgl_daftar 5 October; service dated after the claim was sent.
    **Best practice**: copy dates from the register and the resume; check the recap for reversed dates.
    """

    code = "TW03"
    title = "Tanggal tidak mungkin"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.REGULASI
    regulation = "Konsistensi data klaim: tanggal pelayanan, pulang dan pengajuan (Peraturan BPJS Kesehatan 7/2018 Ps 12, rekapitulasi pelayanan; facts §3)"
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
        if k.tgl_entri is not None and k.tgl_entri < k.tgl_daftar:
            out.append(
                self.finding(
                    "kunjungan.tgl_entri",
                    f"Tanggal entri P-Care {tanggal(k.tgl_entri)} sebelum tanggal pelayanan {tanggal(k.tgl_daftar)}.",
                )
            )
        return out
