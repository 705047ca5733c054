"""A learner's graded Meja petugas klaim sheets in the store (table desk_attempts), newest last."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bimtek.storage.models import DeskAttempt, Learner, utcnow
from bimtek.storage.progress import plain
from bimtek.storage.store import Store

FIGURES = ("claims", "true_returns", "missed", "wrong_returns", "right_reasons", "seconds")


def record_sheet(
    store: Store,
    learner_id: str,
    *,
    source: str,
    seed: int,
    figures: Mapping[str, Any],
    decisions: Mapping[str, Any],
    sheet: Mapping[str, Any] | None = None,
    when: dt.datetime | None = None,
) -> int:
    """Stores one graded sheet (`figures` as scoring.desk.DeskResult.record()); `sheet` only when it is to be kept."""
    details = {"missed_rules": list(figures.get("missed_rules", []))}

    def work(session: Session) -> int:
        row = DeskAttempt(
            learner_id=learner_id,
            source=source,
            seed=int(seed),
            claims=int(figures["claims"]),
            true_returns=int(figures["true_returns"]),
            missed=int(figures["missed"]),
            wrong_returns=int(figures["wrong_returns"]),
            right_reasons=int(figures["right_reasons"]),
            seconds=float(figures["seconds"]),
            decisions=plain(dict(decisions)),
            details=details,
            sheet=plain(dict(sheet)) if sheet is not None else None,
            created_at=when or utcnow(),
        )
        session.add(row)
        session.flush()
        return row.id

    return store.write(work)


def _record(row: DeskAttempt, learner_name: str | None = None) -> dict[str, Any]:
    returned = row.true_returns + row.wrong_returns
    defective = row.true_returns + row.missed
    return {
        "id": row.id,
        "source": row.source,
        "seed": row.seed,
        **{name: getattr(row, name) for name in FIGURES},
        "precision": row.true_returns / returned if returned else None,
        "recall": row.true_returns / defective if defective else None,
        "decisions": row.decisions,
        "missed_rules": list(row.details.get("missed_rules", [])),
        "sheet": row.sheet,
        "created_at": row.created_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
        **({"learner_id": row.learner_id, "learner_name": learner_name} if learner_name is not None else {}),
    }


def sheets(store: Store, learner_id: str) -> list[dict[str, Any]]:
    """The learner's graded sheets, oldest first, with precision and recall computed from the counts."""

    def work(session: Session) -> list[dict[str, Any]]:
        query = select(DeskAttempt).where(DeskAttempt.learner_id == learner_id).order_by(DeskAttempt.id)
        return [_record(row) for row in session.scalars(query)]

    return store.read(work)


def cohort_sheets(store: Store, cohort_id: int) -> list[dict[str, Any]]:
    """Every graded sheet of the cohort's trainees, oldest first, each with `learner_id` and `learner_name`."""

    def work(session: Session) -> list[dict[str, Any]]:
        query = (
            select(DeskAttempt, Learner.name)
            .join(Learner, Learner.id == DeskAttempt.learner_id)
            .where(Learner.cohort_id == cohort_id)
            .order_by(DeskAttempt.id)
        )
        return [_record(row, name) for row, name in session.execute(query)]

    return store.read(work)
