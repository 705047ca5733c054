"""EV01: a dengue inpatient claim without laboratory evidence of DBD."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity

PLATELET_MAX = 100_000  # per microlitre
HAEMATOCRIT_RISE_MIN = 0.20  # relative rise over the first (baseline) value


def meets_dbd_lab_criteria(claim: Claim) -> bool:
    """Platelets <= 100.000/uL, or a haematocrit rise >= 20% over the first measurement."""
    platelets = [r.nilai for r in claim.lab if r.jenis == "trombosit"]
    if any(v <= PLATELET_MAX for v in platelets):
        return True
    hct = [r.nilai for r in sorted(claim.lab, key=lambda r: r.tanggal) if r.jenis == "hematokrit"]
    # Rounded so that a rise of exactly 20% (36.5 -> 43.8) is not lost to floating-point error.
    return len(hct) >= 2 and hct[0] > 0 and round((max(hct[1:]) - hct[0]) / hct[0], 9) >= HAEMATOCRIT_RISE_MIN


class EV01(Rule):
    """Rawat inap DBD (A91) needs lab evidence: platelets <= 100.000/uL or a haematocrit rise >= 20%.

    **Anti-pattern**: kdTkp 20, kdDiag1 A91, no platelet count in the claim file.
    **Best practice**: attach the platelet series from the lab book, or recode to A90 and justify the stay.
    """

    code = "EV01"
    title = "Bukti laboratorium DBD tidak dilampirkan"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.ARTIKEL
    regulation = "Kriteria DBD WHO 2011 / IDAI 2012: trombosit <= 100.000/uL dan/atau hematokrit naik >= 20% (facts §5, S25, S26); Kasus 2 Puskesmas Perkotaan (seed 000)"
    rationale = (
        "Klaim rawat inap DBD tanpa hasil lab yang menunjukkan trombositopenia atau hemokonsentrasi tidak "
        "membuktikan diagnosa; verifikator mengembalikannya sampai bukti objektif dilampirkan."
    )
    fix_hint = "Lampirkan hasil trombosit/hematokrit dari buku laboratorium; jangan membuat hasil baru."

    def check(self, claim: Claim) -> list[Finding]:
        k = claim.kunjungan
        if k.kd_tkp != "20" or not any(d.startswith("A91") for d in k.diagnosa):
            return []
        if meets_dbd_lab_criteria(claim):
            return []
        found = ", ".join(f"{r.jenis} {r.nilai:g}" for r in claim.lab) or "tidak ada hasil lab"
        return [
            self.finding(
                "lab",
                f"Rawat inap DBD (A91) tanpa bukti trombosit <= 100.000/uL atau hematokrit naik >= 20%; "
                f"terlampir: {found}.",
            )
        ]
