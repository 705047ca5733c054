"""A learner's work in the store: case-study attempts, exercise results, saved documents, where they left off.

Records go in and come out as plain dicts in the shapes ui/progress.py has always used; each write is committed
before the function returns, so nothing in the app process is the only copy of a trainee's work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bimtek.storage.models import Attempt, Document, DocumentVersion, ExerciseResult, KeyView, Learner, utcnow
from bimtek.storage.store import Store

ATTEMPT_FIELDS = (
    "scenario_id",
    "score",
    "points",
    "correction_ok",
    "integrity_ok",
    "withdrawn",
    "flagged",
    "found",
    "missed",
    "false_alarms",
    "remaining",
    "status_after",
    "seconds",
    "corrected",
    "detail",
    "key_seen",
)
_ATTEMPT_DEFAULTS: dict[str, Any] = {
    "points": {},
    "withdrawn": False,
    "flagged": [],
    "found": [],
    "missed": [],
    "false_alarms": [],
    "remaining": [],
    "status_after": None,
    "corrected": None,
    "detail": None,
    "key_seen": None,
}
EXERCISE_FIELDS = ("module_id", "exercise_id", "item_id", "kind", "score", "correct", "answer", "details")


def plain(value: Any) -> Any:
    """JSON-ready: sets become sorted lists, tuples lists, mapping keys strings; other values pass as they are."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(plain(v) for v in value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


# --- attempts -----------------------------------------------------------------------------------------------------


def record_attempt(store: Store, learner_id: str, record: Mapping[str, Any]) -> int:
    """Stores one graded attempt (the ui/progress record shape; missing optional fields get empty values)."""
    values = {**_ATTEMPT_DEFAULTS, **{k: record[k] for k in ATTEMPT_FIELDS if k in record}}
    columns = {
        "learner_id": learner_id,
        "scenario_id": str(values["scenario_id"]),
        "score": int(values["score"]),
        "points": plain(values["points"]),
        "correction_ok": bool(values["correction_ok"]),
        "integrity_ok": bool(values["integrity_ok"]),
        "withdrawn": bool(values["withdrawn"]),
        **{name: plain(values[name]) for name in ("flagged", "found", "missed", "false_alarms", "remaining")},
        "status_after": values["status_after"],
        "seconds": float(values["seconds"]),
        "corrected": plain(values["corrected"]),
        "detail": plain(values["detail"]),
        "key_seen": None if values["key_seen"] is None else bool(values["key_seen"]),
    }

    def work(session: Session) -> int:
        row = Attempt(**columns, created_at=utcnow())
        session.add(row)
        session.flush()
        return row.id

    return store.write(work)


def _attempt_dict(row: Attempt) -> dict[str, Any]:
    record = {name: getattr(row, name) for name in ATTEMPT_FIELDS}
    record["created_at"] = _iso(row.created_at)
    return record


def attempts(store: Store, learner_id: str, scenario_id: str | None = None) -> list[dict[str, Any]]:
    """The learner's attempts, oldest first (all of them, or one case's)."""

    def work(session: Session) -> list[dict[str, Any]]:
        query = select(Attempt).where(Attempt.learner_id == learner_id)
        if scenario_id is not None:
            query = query.where(Attempt.scenario_id == scenario_id)
        return [_attempt_dict(row) for row in session.scalars(query.order_by(Attempt.id))]

    return store.read(work)


def attempt_ids(store: Store, learner_id: str | None = None) -> list[int]:
    """Ids of stored attempts, oldest first (reliability checks)."""

    def work(session: Session) -> list[int]:
        query = select(Attempt.id).order_by(Attempt.id)
        if learner_id is not None:
            query = query.where(Attempt.learner_id == learner_id)
        return list(session.scalars(query))

    return store.read(work)


# --- answer keys seen (issue 11: only attempts made before the key count as proof) --------------------------------


def mark_key_seen(store: Store, learner_id: str, scenario_id: str) -> None:
    """Notes that the learner has seen this case's answer key (the first time counts; later calls change nothing)."""

    def work(session: Session) -> None:
        if session.get(KeyView, (learner_id, scenario_id)) is None:
            session.add(KeyView(learner_id=learner_id, scenario_id=scenario_id, seen_at=utcnow()))

    store.write(work)


def key_seen(store: Store, learner_id: str, scenario_id: str) -> bool:
    """Whether the learner has seen this case's answer key: noted, or (for work stored before keys were noted) an
    earlier attempt on it, after which the old page always showed the key."""

    def work(session: Session) -> bool:
        if session.get(KeyView, (learner_id, scenario_id)) is not None:
            return True
        query = select(Attempt.id).where(Attempt.learner_id == learner_id, Attempt.scenario_id == scenario_id)
        return session.scalar(query.limit(1)) is not None

    return store.read(work)


# --- exercise results ---------------------------------------------------------------------------------------------


def record_exercise(store: Store, learner_id: str, record: Mapping[str, Any]) -> int:
    values: dict[str, Any] = {name: record.get(name) for name in EXERCISE_FIELDS}

    def work(session: Session) -> int:
        row = ExerciseResult(
            learner_id=learner_id,
            module_id=str(values["module_id"]),
            exercise_id=str(values["exercise_id"]),
            item_id=str(values["item_id"]),
            kind=str(values["kind"]),
            score=float(values["score"]),
            correct=bool(values["correct"]),
            answer=plain(values["answer"]),
            details=plain(values["details"] or {}),
            created_at=utcnow(),
        )
        session.add(row)
        session.flush()
        return row.id

    return store.write(work)


def exercise_results(store: Store, learner_id: str, module_id: str | None = None) -> list[dict[str, Any]]:
    """The learner's graded exercise items, oldest first (all modules, or one)."""

    def work(session: Session) -> list[dict[str, Any]]:
        query = select(ExerciseResult).where(ExerciseResult.learner_id == learner_id)
        if module_id is not None:
            query = query.where(ExerciseResult.module_id == module_id)
        rows = session.scalars(query.order_by(ExerciseResult.id))
        return [{**{n: getattr(r, n) for n in EXERCISE_FIELDS}, "created_at": _iso(r.created_at)} for r in rows]

    return store.read(work)


# --- documents ----------------------------------------------------------------------------------------------------


def save_document(store: Store, learner_id: str, kind: str, data: Mapping[str, Any]) -> None:
    """Replaces the learner's current `kind` document and appends the version to its history."""
    payload = plain(dict(data))

    def work(session: Session) -> None:
        when = utcnow()
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        upsert = dialect.insert(Document).values(learner_id=learner_id, kind=kind, data=payload, updated_at=when)
        upsert = upsert.on_conflict_do_update(
            index_elements=[Document.learner_id, Document.kind], set_={"data": payload, "updated_at": when}
        )
        session.execute(upsert)
        session.add(DocumentVersion(learner_id=learner_id, kind=kind, data=payload, created_at=when))

    store.write(work)


def load_document(store: Store, learner_id: str, kind: str) -> dict[str, Any] | None:
    def work(session: Session) -> dict[str, Any] | None:
        query = select(Document.data).where(Document.learner_id == learner_id, Document.kind == kind)
        return session.scalar(query)

    return store.read(work)


def document_history(store: Store, learner_id: str, kind: str) -> list[dict[str, Any]]:
    """Every saved version of a document, oldest first: {"data", "saved_at"}."""

    def work(session: Session) -> list[dict[str, Any]]:
        rows = session.scalars(
            select(DocumentVersion)
            .where(DocumentVersion.learner_id == learner_id, DocumentVersion.kind == kind)
            .order_by(DocumentVersion.id)
        )
        return [{"data": row.data, "saved_at": _iso(row.created_at)} for row in rows]

    return store.read(work)


# --- where the learner left off -----------------------------------------------------------------------------------


def note_place(store: Store, learner_id: str, place: Mapping[str, Any]) -> None:
    def work(session: Session) -> None:
        row = session.get(Learner, learner_id)
        if row is not None:
            row.last_place = {**plain(dict(place)), "at": _iso(utcnow())}

    store.write(work)


def last_place(store: Store, learner_id: str) -> dict[str, Any] | None:
    return store.read(lambda session: session.scalar(select(Learner.last_place).where(Learner.id == learner_id)))
