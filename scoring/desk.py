"""Grading a day sheet of Meja petugas klaim: precision and recall of what the trainee returns, reasons, time.

Positive = a claim the verifier returns or rejects. Precision = true returns / everything the trainee returned;
recall = true returns / every defective claim. A returned defective claim's reason is right when it names a
family of a rule that returns it. The rules of a defective claim the trainee let through, or returned for a wrong
reason, were missed (they enter the spaced review, bimtek/review.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bimtek.desk import Sheet

LAYAK, KEMBALIKAN = "layak", "kembalikan"
DECISIONS = {LAYAK: "Layak bayar", KEMBALIKAN: "Kembalikan"}

# outcome kinds, for the per-claim table after submitting
TRUE_RETURN, MISSED, WRONG_RETURN, TRUE_PAY = "benar_dikembalikan", "terlewat", "salah_dikembalikan", "benar_dibayar"
OUTCOME_LABELS = {
    TRUE_RETURN: "Benar dikembalikan",
    MISSED: "Cacat terlewat",
    WRONG_RETURN: "Klaim bersih dikembalikan",
    TRUE_PAY: "Benar layak bayar",
}


@dataclass(frozen=True)
class Decision:
    action: str  # LAYAK | KEMBALIKAN
    category: str | None = None  # a rule family (bimtek.desk.categories) for a returned claim

    @property
    def returned(self) -> bool:
        return self.action == KEMBALIKAN


@dataclass(frozen=True)
class Outcome:
    index: int
    kind: str
    category_ok: bool | None  # for a true return: was the reason right; else None


@dataclass(frozen=True)
class DeskResult:
    outcomes: tuple[Outcome, ...]
    seconds: float
    missed_rules: tuple[str, ...]
    found_rules: tuple[str, ...]

    def count(self, kind: str) -> int:
        return sum(o.kind == kind for o in self.outcomes)

    @property
    def true_returns(self) -> int:
        return self.count(TRUE_RETURN)

    @property
    def missed(self) -> int:
        return self.count(MISSED)

    @property
    def wrong_returns(self) -> int:
        return self.count(WRONG_RETURN)

    @property
    def true_pays(self) -> int:
        return self.count(TRUE_PAY)

    @property
    def right_reasons(self) -> int:
        return sum(o.category_ok is True for o in self.outcomes)

    @property
    def precision(self) -> float | None:
        """None when the trainee returned nothing (precision is undefined, shown as '—')."""
        returned = self.true_returns + self.wrong_returns
        return self.true_returns / returned if returned else None

    @property
    def recall(self) -> float | None:
        """None when the sheet has no defective claim."""
        defective = self.true_returns + self.missed
        return self.true_returns / defective if defective else None

    def record(self) -> dict[str, Any]:
        """The figures kept in the learner's history (bimtek/storage/desk.py)."""
        return {
            "claims": len(self.outcomes),
            "true_returns": self.true_returns,
            "missed": self.missed,
            "wrong_returns": self.wrong_returns,
            "true_pays": self.true_pays,
            "right_reasons": self.right_reasons,
            "precision": self.precision,
            "recall": self.recall,
            "seconds": self.seconds,
            "missed_rules": list(self.missed_rules),
        }


def unanswered(sheet: Sheet, decisions: Mapping[int, Decision | None]) -> list[str]:
    """One Indonesian message per claim without a decision, or returned without a reason (nothing is graded then)."""
    problems = []
    for i in range(sheet.n):
        decision = decisions.get(i)
        if decision is None or decision.action not in DECISIONS:
            problems.append(f"Klaim {i + 1}: pilih 'Layak bayar' atau 'Kembalikan'.")
        elif decision.returned and not decision.category:
            problems.append(f"Klaim {i + 1}: pilih alasan pengembalian.")
    return problems


def grade_sheet(sheet: Sheet, decisions: Mapping[int, Decision], seconds: float) -> DeskResult:
    """The sheet graded claim by claim; every claim must have a decision (see `unanswered`)."""
    outcomes = []
    missed: set[str] = set()
    found: set[str] = set()
    for i, item in enumerate(sheet.items):
        decision = decisions[i]
        if item.defective and decision.returned:
            ok = decision.category in item.families
            outcomes.append(Outcome(i, TRUE_RETURN, ok))
            (found if ok else missed).update(item.rules)
        elif item.defective:
            outcomes.append(Outcome(i, MISSED, None))
            missed.update(item.rules)
        elif decision.returned:
            outcomes.append(Outcome(i, WRONG_RETURN, None))
        else:
            outcomes.append(Outcome(i, TRUE_PAY, None))
    return DeskResult(tuple(outcomes), float(seconds), tuple(sorted(missed)), tuple(sorted(found - missed)))
