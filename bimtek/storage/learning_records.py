"""Every learner's graded work read for an LMS export (xAPI): learners, case-study attempts, exercise items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bimtek.storage.models import Attempt, Cohort, ExerciseResult, Learner
from bimtek.storage.store import Store


@dataclass(frozen=True)
class LearnerRow:
    id: str
    name: str
    cohort: str | None  # the cohort's join code


@dataclass(frozen=True)
class LearningRecords:
    learners: dict[str, LearnerRow]
    attempts: list[
        dict[str, Any]
    ]  # learner_id, id, scenario_id, score, correction_ok, integrity_ok, withdrawn, seconds
    exercises: list[dict[str, Any]]  # learner_id, id, module_id, exercise_id, item_id, kind, score, correct


_ATTEMPT = ("id", "learner_id", "scenario_id", "score", "correction_ok", "integrity_ok", "withdrawn", "seconds")
_EXERCISE = ("id", "learner_id", "module_id", "exercise_id", "item_id", "kind", "score", "correct")


def _utc(when: dt.datetime) -> dt.datetime:
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


def learning_records(store: Store, cohort_id: int | None = None) -> LearningRecords:
    """The records of every learner (or one cohort's), oldest first; created_at as an aware UTC datetime."""

    def rows(model: type[Attempt] | type[ExerciseResult], names: tuple[str, ...], session: Session) -> list[dict[str, Any]]:  # fmt: skip
        query = select(*(getattr(model, n) for n in names), model.created_at).order_by(model.id)
        if cohort_id is not None:
            query = query.join(Learner, Learner.id == model.learner_id).where(Learner.cohort_id == cohort_id)
        out = []
        for row in session.execute(query):
            record = dict(zip(names, row[:-1], strict=True))
            record["created_at"] = _utc(row[-1])
            out.append(record)
        return out

    def work(session: Session) -> LearningRecords:
        query = select(Learner.id, Learner.name, Cohort.join_code).outerjoin(Cohort, Cohort.id == Learner.cohort_id)
        if cohort_id is not None:
            query = query.where(Learner.cohort_id == cohort_id)
        learners = {r[0]: LearnerRow(r[0], r[1], r[2]) for r in session.execute(query)}
        return LearningRecords(learners, rows(Attempt, _ATTEMPT, session), rows(ExerciseResult, _EXERCISE, session))

    return store.read(work)
