"""TW06: a lab result dated after the claim was sent, or before the participant was born."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity


class TW06(Rule):
    """Attached results exist when the claim is sent: a result dated later (or before birth) cannot be true.

    **Anti-pattern**: trombosit dated 2026-12-04 on a claim sent 2026-11-05 (month typed wrong, or a result
    written after the fact).
    **Best practice**: copy the date of each result from the lab book.
    """

    code = "TW06"
    title = "Tanggal hasil lab tidak mungkin"
    severity = Severity.DIKEMBALIKAN
    needs = frozenset({Need.LAB})
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: hasil penunjang yang dilampirkan sudah "
        "ada saat klaim diajukan"
    )
    rationale = "Hasil yang bertanggal setelah klaim dikirim tidak mungkin dilampirkan saat pengajuan; bukti diragukan."
    fix_hint = "Salin tanggal pemeriksaan dari buku laboratorium; jangan membuat hasil baru."

    def check(self, claim: Claim) -> list[Finding]:
        if not claim.lab:
            return []
        sent = claim.pengajuan.tgl_pengajuan
        born = claim.peserta.tgl_lahir
        out = []
        for i, r in enumerate(claim.lab):
            if r.tanggal > sent:
                out.append(
                    self.finding(
                        f"lab.{i}.tanggal",
                        f"Hasil {r.jenis} tanggal {tanggal(r.tanggal)} setelah klaim diajukan {tanggal(sent)}.",
                    )
                )
            elif born is not None and r.tanggal < born:
                out.append(
                    self.finding(
                        f"lab.{i}.tanggal",
                        f"Hasil {r.jenis} tanggal {tanggal(r.tanggal)} sebelum tanggal lahir peserta {tanggal(born)}.",
                    )
                )
        return out
