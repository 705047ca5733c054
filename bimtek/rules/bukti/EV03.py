"""EV03: a lab value no living patient can have (usually a unit error)."""

from bimtek.claim import Claim
from bimtek.fmt import angka as _n
from bimtek.normalise import vocabulary
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity


class EV03(Rule):
    """A result outside what a living patient can have is not evidence: most often a unit was dropped or mixed up.

    **Anti-pattern**: trombosit 90 with unit /µL (the analyser's 90 x 10^3/µL copied without its unit);
    hematokrit 450 %; efusi_pleura 3 (a finding is 1 or 0).
    **Best practice**: copy value and unit from the lab book together (90 10^3/µL is 90.000/µL).
    """

    code = "EV03"
    title = "Nilai hasil lab tidak mungkin"
    severity = Severity.DIKEMBALIKAN
    needs = frozenset({Need.LAB})
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: nilai di luar batas fisiologis "
        "menandakan salah satuan atau salah ketik dan tidak dapat dipakai sebagai bukti"
    )
    rationale = (
        "Nilai seperti trombosit 90/µL tidak mungkin pada pasien yang dirawat; bila diterima apa adanya, "
        "kriteria diagnosa akan terpenuhi atau gagal secara keliru."
    )
    fix_hint = "Periksa satuan di buku laboratorium (mis. 10^3/µL) dan salin nilai beserta satuannya."

    def check(self, claim: Claim) -> list[Finding]:
        if not claim.lab:
            return []
        labs = vocabulary().labs
        out = []
        for i, r in enumerate(claim.lab):
            kind = labs.get(r.jenis)
            if kind is None or r.satuan != kind.unit:
                continue  # KD05 / KD06
            if kind.qualitative:
                if r.nilai not in (0.0, 1.0):
                    out.append(
                        self.finding(
                            f"lab.{i}.nilai",
                            f"{kind.label} bernilai '{_n(r.nilai)}'; temuan dicatat 1 (ditemukan) atau 0 (tidak).",
                        )
                    )
                continue
            if (kind.low is not None and r.nilai < kind.low) or (kind.high is not None and r.nilai > kind.high):
                out.append(
                    self.finding(
                        f"lab.{i}.nilai",
                        f"{kind.label} {_n(r.nilai)} {kind.unit} di luar nilai yang mungkin ({_n(kind.low or 0)}-"
                        f"{_n(kind.high or 0)} {kind.unit}); periksa satuannya.",
                    )
                )
        return out
