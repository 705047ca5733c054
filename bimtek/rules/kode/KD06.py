"""KD06: a lab result in a unit the reference data cannot convert to the examination's unit."""

from bimtek.claim import Claim
from bimtek.normalise import vocabulary
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity


class KD06(Rule):
    """A result's unit must be one the examination is reported in, so its value can be compared with a criterion.

    **Anti-pattern**: trombosit 90 'sel' or hemoglobin 12 'mg' (no conversion exists).
    **Best practice**: copy the unit from the lab book; /µL, 10^3/µL, %, g/dL and g/L are all read and converted.
    """

    code = "KD06"
    title = "Satuan hasil lab tidak dikenal"
    severity = Severity.DIKEMBALIKAN
    needs = frozenset({Need.LAB})
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: nilai lab dibaca dalam satuan bakunya "
        "(mis. trombosit per µL, hematokrit dalam %)"
    )
    rationale = "Tanpa satuan yang dikenal, nilai tidak dapat dibandingkan dengan kriteria (90 bisa berarti 90 atau 90.000 per µL)."
    fix_hint = "Salin satuan dari buku laboratorium (mis. /µL, 10^3/µL, %, g/dL)."

    def check(self, claim: Claim) -> list[Finding]:
        if not claim.lab:
            return []
        labs = vocabulary().labs
        out = []
        for i, r in enumerate(claim.lab):
            kind = labs.get(r.jenis)
            if kind is not None and r.satuan != kind.unit:
                accepted = "positif/negatif" if kind.qualitative else kind.accepted_units()
                out.append(
                    self.finding(
                        f"lab.{i}.satuan",
                        f"Satuan '{r.satuan}' untuk {kind.label.lower()} tidak dikenal; satuan yang dibaca: {accepted}.",
                    )
                )
        return out
