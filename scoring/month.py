"""Scores a simulated-month review: returned plus rejected claims before and after the trainee's actions.

Before: the verifier on the month as generated. After: the verifier on the month as the trainee files it (every
claim with its actions applied, withdrawn claims left out). Two outcomes the verifier cannot see count as
rejections in the after figure: a claim withdrawn although it could have been fixed (its money is lost, so
withdrawing everything never passes), and a claim with a fabricated fix (fraud voids it). The indicator passes at
a reduction of at least 25% with no fabrication (seed 000, "Penurunan Klaim Ditolak: turun minimal 25% dalam 1
bulan pasca pelatihan").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bimtek.month import Month, MonthClaim
from bimtek.month_actions import TARIK, Applied, apply_actions, model_answer
from bimtek.verification import Verdict, verify_batch

PASS_REDUCTION = 25  # percent (seed 000, evaluation checklist)

OUTCOME_LABELS = {
    "layak": "Layak dibayar",
    "peringatan": "Layak dengan peringatan",
    "dikembalikan": "Dikembalikan",
    "ditolak": "Ditolak",
    "ditarik_tepat": "Ditarik (tepat: tidak dapat dibayar)",
    "ditarik_keliru": "Ditarik padahal dapat dibayar",
    "fabrikasi": "Fabrikasi: bukti tidak ada",
}
_REJECTED = ("ditolak", "ditarik_keliru", "fabrikasi")


@dataclass(frozen=True)
class Counts:
    returned: int
    rejected: int
    total: int

    @property
    def bad(self) -> int:
        return self.returned + self.rejected

    @property
    def rate(self) -> float:
        """Returned plus rejected as a share of the month's claims, 0..1."""
        return self.bad / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, int]:
        return {"returned": self.returned, "rejected": self.rejected, "total": self.total}


@dataclass(frozen=True)
class ClaimReview:
    item: MonthClaim
    chosen: tuple[str, ...]
    model: tuple[str, ...]  # the best honest answer for this claim
    before: Verdict
    applied: Applied
    after: Verdict | None  # None when withdrawn
    outcome: str  # an OUTCOME_LABELS key
    best_payable: int  # what the claim pays under the best honest answer

    @property
    def right(self) -> list[str]:
        return [a for a in self.chosen if a in self.model]

    @property
    def wrong(self) -> list[str]:
        """Chosen but not in the best answer: unnecessary, harmful or fabricating."""
        return [a for a in self.chosen if a not in self.model]

    @property
    def missing(self) -> list[str]:
        return [a for a in self.model if a not in self.chosen]

    @property
    def payable_after(self) -> int:
        return 0 if self.after is None or self.outcome == "fabrikasi" else self.after.payable


@dataclass(frozen=True)
class MonthResult:
    seed: int
    reviews: tuple[ClaimReview, ...]
    before: Counts
    after: Counts
    fabrications: int  # fabricating actions over the whole month

    @property
    def reduction_percent(self) -> float:
        return reduction_percent(self.before.bad, self.after.bad)

    @property
    def passed(self) -> bool:
        return passes(self.before.bad, self.after.bad, self.fabrications)

    def payable(self, when: str) -> int:
        """Money BPJS pays for the month: 'before', 'after' (the trainee's review) or 'best' (the best answer)."""
        if when == "before":
            return sum(r.before.payable for r in self.reviews)
        if when == "after":
            return sum(r.payable_after for r in self.reviews)
        return sum(r.best_payable for r in self.reviews)

    @property
    def lost_by_withdrawal(self) -> int:
        return sum(r.best_payable for r in self.reviews if r.outcome == "ditarik_keliru")


def reduction_percent(before_bad: int, after_bad: int) -> float:
    """(before - after) / before x 100, one decimal; 0 when nothing was returned or rejected before."""
    return round((before_bad - after_bad) / before_bad * 100, 1) if before_bad else 0.0


def passes(before_bad: int, after_bad: int, fabrications: int) -> bool:
    """At least PASS_REDUCTION percent fewer returned plus rejected claims, without fabrication (exact arithmetic)."""
    return before_bad > 0 and fabrications == 0 and (before_bad - after_bad) * 100 >= PASS_REDUCTION * before_bad


def _outcome(applied: Applied, model: tuple[str, ...], after: Verdict | None) -> str:
    if applied.withdrawn:
        return "ditarik_tepat" if model == (TARIK,) else "ditarik_keliru"
    if applied.fabricated:
        return "fabrikasi"
    assert after is not None
    return after.status


def _counts(statuses: Sequence[str]) -> Counts:
    returned = sum(s == "dikembalikan" for s in statuses)
    return Counts(returned, sum(s in _REJECTED for s in statuses), len(statuses))


def review_month(month: Month, decisions: Mapping[str, Sequence[str]]) -> MonthResult:
    """Scores the trainee's actions per claim (no_klaim -> action ids; a claim left out is filed as it is)."""
    model = model_answer(month)
    before = verify_batch(month.claims)
    applied = [apply_actions(item, decisions.get(item.no_klaim, ())) for item in month.items]
    filed = [a.claim for a in applied if a.claim is not None]
    after_iter = iter(verify_batch(filed))
    best_claims = [apply_actions(item, model[item.no_klaim]).claim for item in month.items]
    best_iter = iter(verify_batch([c for c in best_claims if c is not None]))
    reviews = []
    for item, verdict, done, best in zip(month.items, before, applied, best_claims, strict=True):
        after = None if done.withdrawn else next(after_iter)
        best_payable = 0 if best is None else next(best_iter).payable
        chosen = tuple(dict.fromkeys(decisions.get(item.no_klaim, ())))
        outcome = _outcome(done, model[item.no_klaim], after)
        reviews.append(ClaimReview(item, chosen, model[item.no_klaim], verdict, done, after, outcome, best_payable))
    return MonthResult(
        seed=month.seed,
        reviews=tuple(reviews),
        before=_counts([v.status for v in before]),
        after=_counts([r.outcome for r in reviews]),
        fabrications=sum(len(r.applied.fabricated) for r in reviews),
    )


def month_document(result: MonthResult, completed_at: str) -> dict[str, Any]:
    """The record ui.progress keeps under 'simulasi_bulan' (the checklist reads seed..completed_at)."""
    return {
        "seed": result.seed,
        "n": result.before.total,
        "before": result.before.as_dict(),
        "after": result.after.as_dict(),
        "reduction_percent": result.reduction_percent,
        "fabrications": result.fabrications,
        "completed_at": completed_at,
        "passed": result.passed,
        "withdrawn_fixable": sum(r.outcome == "ditarik_keliru" for r in result.reviews),
        "payable_before": result.payable("before"),
        "payable_after": result.payable("after"),
        "payable_best": result.payable("best"),
    }


def keep_better(saved: Mapping[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """The document to keep: a pass beats a fail, then the higher reduction; the earlier runs go into 'riwayat'."""

    def rank(doc: Mapping[str, Any]) -> tuple[bool, bool, float]:
        return (bool(doc.get("passed")), doc.get("fabrications", 1) == 0, float(doc.get("reduction_percent", 0)))

    if saved is None:
        return {**new, "riwayat": [_summary(new)]}
    history = [*saved.get("riwayat", []), _summary(new)]
    best = new if rank(new) >= rank(saved) else dict(saved)
    return {**best, "riwayat": history}


def _summary(doc: Mapping[str, Any]) -> dict[str, Any]:
    keys = ("seed", "n", "reduction_percent", "fabrications", "passed", "completed_at")
    return {k: doc.get(k) for k in keys}
