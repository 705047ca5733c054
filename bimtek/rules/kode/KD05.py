"""KD05: a lab examination (lab[].jenis) that the reference data does not know."""

from bimtek.claim import Claim
from bimtek.normalise import vocabulary
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, nearest


class KD05(Rule):
    """Every attached result names a known examination; an unknown name cannot be read as evidence.

    **Anti-pattern**: lab jenis 'trombo cyt' or 'darah lengkap' (a panel, not one examination).
    **Best practice**: write each examination by its name or usual abbreviation (trombosit/PLT, hematokrit/HCT,
    hemoglobin/Hb); the model reads synonyms in any case.
    """

    code = "KD05"
    title = "Jenis pemeriksaan lab tidak dikenal"
    severity = Severity.DIKEMBALIKAN
    needs = frozenset({Need.LAB})
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: hasil penunjang yang tidak dapat "
        "dikenali tidak dapat dinilai sebagai bukti klinis"
    )
    rationale = "Hasil yang namanya tidak dikenali tidak dapat dicocokkan dengan kriteria diagnosa; verifikator mengembalikannya."
    fix_hint = "Tulis nama pemeriksaan sesuai buku laboratorium (trombosit, hematokrit, hemoglobin, gds, ...)."

    def check(self, claim: Claim) -> list[Finding]:
        if not claim.lab:
            return []
        labs = vocabulary().labs
        return [
            self.finding(f"lab.{i}", f"Pemeriksaan '{r.jenis}' tidak dikenal{nearest(r.jenis, labs)}.")
            for i, r in enumerate(claim.lab)
            if r.jenis not in labs
        ]
