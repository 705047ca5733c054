"""The rule contract: severity, finding, and the Rule base class every rule file subclasses."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from bimtek.claim import BerkasPengajuan, Claim, HasilLab
from bimtek.fmt import angka
from bimtek.normalise import vocabulary
from bimtek.reference import Reference, load_reference


class Severity(StrEnum):
    """How a BPJS verifier treats a finding, from worst to mildest."""

    DITOLAK = "ditolak"  # cannot be paid
    DIKEMBALIKAN = "dikembalikan"  # returned for completion, refile with the next batch
    PERINGATAN = "peringatan"  # paid, but hurts the facility (e.g. RRNS, KBK)

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        return _LABEL[self]


class Dasar(StrEnum):
    """What a rule rests on; only a written basis may reject a claim outright (issue 8 point 9)."""

    REGULASI = "regulasi"  # a written instrument: Perpres/Permenkes/Peraturan BPJS/KMK with number, year, article
    ARTIKEL = "artikel"  # the Bimtek source article's own words
    PRAKTIK = "praktik"  # verification practice; no written rule found

    @property
    def label(self) -> str:
        return _DASAR_LABEL[self]


_DASAR_LABEL = {
    Dasar.REGULASI: "Regulasi",
    Dasar.ARTIKEL: "Artikel sumber Bimtek",
    Dasar.PRAKTIK: "Praktik verifikasi (belum ada aturan tertulis yang ditemukan)",
}

_RANK = {Severity.DITOLAK: 3, Severity.DIKEMBALIKAN: 2, Severity.PERINGATAN: 1}
_LABEL = {
    Severity.DITOLAK: "Ditolak",
    Severity.DIKEMBALIKAN: "Dikembalikan",
    Severity.PERINGATAN: "Peringatan",
}


@dataclass(frozen=True)
class Finding:
    """One defect: which rule, which claim field, and a message in Bahasa Indonesia naming the value."""

    rule: str
    severity: Severity
    field: str
    message: str


class Rule:
    """Base class. Subclasses set the class attributes and implement `check`; docstring shows the anti-pattern."""

    code: ClassVar[str]
    family: ClassVar[str] = ""
    title: ClassVar[str]
    severity: ClassVar[Severity]
    dasar: ClassVar[Dasar]
    regulation: ClassVar[str]
    rationale: ClassVar[str]
    fix_hint: ClassVar[str]
    uncertain: ClassVar[bool] = False  # the rule rests on a fact the facts sheet marks uncertain
    # "klaim": checked on each claim; "pengajuan": checked once per submission file (verify_batch attaches its
    # findings to every billed claim the submission covers).
    scope: ClassVar[str] = "klaim"
    # The service lines the rule can find anything on (None: any). verify_batch skips the rule for other lines;
    # check() still guards itself, so a rule called directly gives the same answer.
    applies_to: ClassVar[frozenset[str] | None] = None

    def check(self, claim: Claim) -> list[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def check_berkas(self, berkas: BerkasPengajuan | None) -> list[Finding]:
        """A submission-level rule (scope "pengajuan") checks one submission's general file here."""
        return []

    def finding(self, field: str, message: str) -> Finding:
        return Finding(rule=self.code, severity=self.severity, field=field, message=message)

    @property
    def ref(self) -> Reference:
        return load_reference()


def is_billed(claim: Claim) -> bool:
    """A claim sent to BPJS for payment per service (everything but a kapitasi P-Care entry)."""
    return claim.pengajuan.jenis_klaim != "kapitasi"


def nearest(value: str, known: Iterable[str]) -> str:
    """' (maksud Anda 'x'?)' for the closest known value, or '' when nothing is close (difflib ratio >= 0.6)."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return f" (maksud Anda '{close[0]}'?)" if close else ""


def missing_documents(rule: Rule, claim: Claim, required: dict[str, bool]) -> list[Finding]:
    """Findings for each required document that is absent, or unsigned where a signature is required."""
    labels = rule.ref.document_labels
    out = []
    for jenis, needs_signature in required.items():
        doc = claim.document(jenis)
        label = labels.get(jenis, jenis)
        if doc is None:
            out.append(rule.finding("dokumen", f"Dokumen '{label}' tidak ada dalam berkas klaim."))
        elif needs_signature and not doc.ditandatangani:
            out.append(rule.finding(f"dokumen.{jenis}", f"Dokumen '{label}' belum ditandatangani."))
    return out


def readable(result: HasilLab) -> bool:
    """A lab result the verifier can read as evidence: a known examination, in its canonical unit, plausible."""
    kind = vocabulary().labs.get(result.jenis)
    if kind is None or result.satuan != kind.unit:
        return False
    if kind.qualitative:
        return result.nilai in (0.0, 1.0)
    return (kind.low is None or kind.low <= result.nilai) and (kind.high is None or result.nilai <= kind.high)


def lab_text(result: HasilLab) -> str:
    """'trombosit 85.000 /µL': a result as a verifier reads it back to the facility."""
    return f"{result.jenis} {angka(result.nilai)} {result.satuan}".rstrip()
