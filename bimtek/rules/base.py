"""The rule contract: severity, finding, and the Rule base class every rule file subclasses."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
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


class Need(StrEnum):
    """A fact about a claim without which a rule finds nothing (Rule.needs): decided once per claim, not per rule."""

    BILLED = "billed"  # sent for payment per service: everything but a kapitasi P-Care entry (is_billed)
    LAB = "lab"  # at least one lab result
    THERAPY = "therapy"  # at least one therapy line (kunjungan.terapi)
    REFERRAL = "referral"  # a referral is recorded (kunjungan.rujukan)
    HISTORY = "history"  # earlier claims of the participant are known (riwayat_klaim)


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
    # The service lines the rule can find anything on (None: any), and the facts about a claim without which it
    # finds nothing (Need). verify_batch skips the rule on other claims; check() still guards itself, so a rule
    # called directly gives the same answer (a contract test runs every case claim through both).
    applies_to: ClassVar[frozenset[str] | None] = None
    needs: ClassVar[frozenset[Need]] = frozenset()

    def check(self, claim: Claim) -> list[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def check_berkas(self, berkas: BerkasPengajuan | None) -> list[Finding]:
        """A submission-level rule (scope "pengajuan") checks one submission's general file here."""
        return []

    def finding(self, field: str, message: str) -> Finding:
        return Finding(rule=self.code, severity=self.severity, field=field, message=message)

    @cached_property
    def ref(self) -> Reference:
        """The shipped reference data (loaded once per process; kept on the rule after the first look-up)."""
        return load_reference()

    def runs_on(self, layanan: str, facts: frozenset[Need]) -> bool:
        """Whether the rule can find anything on a claim of this service line with these facts (claim_facts)."""
        return (self.applies_to is None or layanan in self.applies_to) and self.needs <= facts


def is_billed(claim: Claim) -> bool:
    """A claim sent to BPJS for payment per service (everything but a kapitasi P-Care entry)."""
    return claim.pengajuan.jenis_klaim != "kapitasi"


def claim_facts(claim: Claim) -> frozenset[Need]:
    """The Need facts that hold for a claim: verify_batch runs a rule only where all of its `needs` hold."""
    k = claim.kunjungan
    return _FACTS[
        (
            claim.pengajuan.jenis_klaim != "kapitasi",
            bool(claim.lab),
            bool(k.terapi),
            k.rujukan is not None,
            bool(claim.riwayat_klaim),
        )
    ]


_ORDER = (Need.BILLED, Need.LAB, Need.THERAPY, Need.REFERRAL, Need.HISTORY)
# Every combination built once: claim_facts is called for each claim of a batch.
_FACTS: dict[tuple[bool, ...], frozenset[Need]] = {
    flags: frozenset(n for n, on in zip(_ORDER, flags, strict=True) if on)
    for flags in itertools.product((False, True), repeat=len(_ORDER))
}


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
