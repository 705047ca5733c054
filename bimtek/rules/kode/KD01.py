"""KD01: a diagnosis that is not an ICD-10 (WHO 2010) code."""

from functools import lru_cache

from bimtek.claim import Claim
from bimtek.reference import load_reference
from bimtek.rules.base import Dasar, Finding, Rule, Severity, nearest


@lru_cache(maxsize=1024)
def _suggestion(code: str) -> str:
    """The nearest known code in the same category (else the same block of ten), cached: defects repeat."""
    if code.startswith("A97"):
        return " (kode edisi 2019; P-Care memakai A90/A91 untuk dengue)"
    categories, blocks = _icd10_index()
    return nearest(code, categories.get(code[:3]) or blocks.get(code[:2]) or [])


@lru_cache(maxsize=1)
def _icd10_index() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The known ICD-10 codes by their first three characters and by their first two, in reference order.

    Built once: scanning all 12,000 codes for each unknown code cost more than every other check of a batch.
    """
    categories: dict[str, list[str]] = {}
    blocks: dict[str, list[str]] = {}
    for c in load_reference().icd10:
        categories.setdefault(c[:3], []).append(c)
        blocks.setdefault(c[:2], []).append(c)
    return categories, blocks


class KD01(Rule):
    """kdDiag1..3 take ICD-10 codes from P-Care's `diagnosa` reference (WHO 2010 edition).

    **Anti-pattern**: 'A91.1' (no such subcode), 'A97.0' (2019 code P-Care does not know), 'demam' (free text).
    Case, spaces and a missing dot are not defects: the claim model reads 'k297' as K29.7.
    **Best practice**: search the reference and copy the code as listed: A91, A01.0, K29.7.
    """

    code = "KD01"
    title = "Diagnosa bukan kode ICD-10 yang berlaku di P-Care"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.REGULASI
    # facts §1 R15, §6, §6.2
    regulation = (
        "KMK Nomor 50/MENKES/SK/I/1998 (ICD-10 sebagai standar kode morbiditas nasional); referensi diagnosa "
        "P-Care memakai ICD-10 WHO edisi 2010"
    )
    rationale = (
        "P-Care hanya menerima kode dari referensi diagnosanya (ICD-10 edisi 2010). Kode edisi 2019 seperti "
        "A97 untuk dengue tidak dikenal; DBD tetap A91."
    )
    fix_hint = "Cari kode di referensi ICD-10 P-Care dan salin kode yang tercantum (mis. A01.0, K29.7)."

    def check(self, claim: Claim) -> list[Finding]:
        ref = self.ref
        out = []
        for i, code in enumerate(claim.kunjungan.diagnosa):
            if code and not ref.is_icd10(code):
                out.append(
                    self.finding(
                        f"kunjungan.diagnosa.{i}",
                        f"'{code}' bukan kode ICD-10 yang dikenal P-Care{_suggestion(code)}.",
                    )
                )
        return out
