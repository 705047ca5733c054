"""KD01: a diagnosis that is not an ICD-10 (WHO 2010) code."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class KD01(Rule):
    """kdDiag1..3 take ICD-10 codes from P-Care's `diagnosa` reference (WHO 2010 edition).

    **Anti-pattern**: 'A911' (no dot), 'A97.0' (2019 code P-Care does not know), 'demam' (free text).
    **Best practice**: search the reference and copy the code as listed: A91, A01.0, K29.7.
    """

    code = "KD01"
    title = "Diagnosa bukan kode ICD-10 yang berlaku di P-Care"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.REGULASI
    regulation = (
        "KMK Nomor 50/MENKES/SK/I/1998 (ICD-10 sebagai standar kode morbiditas nasional); referensi diagnosa "
        "P-Care memakai ICD-10 WHO edisi 2010"
    )
    rationale = (
        "P-Care hanya menerima kode dari referensi diagnosanya (ICD-10 edisi 2010). Kode edisi 2019 seperti "
        "A97 untuk dengue tidak dikenal; DBD tetap A91."
    )
    fix_hint = "Cari kode di referensi ICD-10 P-Care dan salin persis, termasuk titik (mis. A01.0)."

    def check(self, claim: Claim) -> list[Finding]:
        ref = self.ref
        out = []
        for i, code in enumerate(claim.kunjungan.diagnosa):
            if code.strip() and not ref.is_icd10(code.strip()):
                hint = " (kode edisi 2019; P-Care memakai A90/A91 untuk dengue)" if code.startswith("A97") else ""
                out.append(
                    self.finding(f"kunjungan.diagnosa.{i}", f"'{code}' bukan kode ICD-10 yang dikenal P-Care{hint}.")
                )
        return out
