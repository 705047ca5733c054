"""Each learner's stored checklist status: the last computed result per indicator, written through, read in bulk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bimtek.storage.models import ChecklistStatus, utcnow
from bimtek.storage.progress import plain
from bimtek.storage.store import Store

SUMMARY_FIELDS = ("evidence", "next_steps", "field_met")


def _summary(status: Mapping[str, Any]) -> dict[str, Any]:
    return plain({name: status.get(name) for name in SUMMARY_FIELDS if name in status})


def save_checklist_statuses(store: Store, reports: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> int:
    """Stores {learner_id: {indicator: {"met", "evidence", "next_steps", "field_met"}}} in one transaction.

    An upsert that changes only what differs: an unchanged indicator keeps its row and its updated_at, so writing the
    same report again is a no-op. Returns how many indicator rows were inserted or changed.
    """
    wanted = {
        (learner_id, indicator): (bool(status["met"]), _summary(status))
        for learner_id, statuses in reports.items()
        for indicator, status in statuses.items()
    }
    if not wanted:
        return 0

    def work(session: Session) -> int:
        learner_ids = {learner_id for learner_id, _ in wanted}
        rows = session.scalars(
            select(ChecklistStatus).where(ChecklistStatus.learner_id.in_(learner_ids)).with_for_update()
        )
        existing = {(row.learner_id, row.indicator): row for row in rows}
        when, changed = utcnow(), 0
        for (learner_id, indicator), (met, summary) in wanted.items():
            row = existing.get((learner_id, indicator))
            if row is None:  # an upsert: another process may insert the same row at the same moment
                values = {"met": met, "summary": summary, "updated_at": when}
                dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
                insert = dialect.insert(ChecklistStatus).values(learner_id=learner_id, indicator=indicator, **values)
                session.execute(
                    insert.on_conflict_do_update(
                        index_elements=[ChecklistStatus.learner_id, ChecklistStatus.indicator], set_=values
                    )
                )
            elif (row.met, row.summary) != (met, summary):
                row.met, row.summary, row.updated_at = met, summary, when
            else:
                continue
            changed += 1
        return changed

    return store.write(work)


def save_checklist_status(store: Store, learner_id: str, statuses: Mapping[str, Mapping[str, Any]]) -> int:
    """One learner's report (see save_checklist_statuses)."""
    return save_checklist_statuses(store, {learner_id: statuses})


def checklist_statuses(store: Store, learner_ids: Iterable[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """{learner_id: {indicator: {"met", "evidence", "next_steps", "field_met", "updated_at": datetime UTC}}}.

    A learner whose checklist was never computed is absent.
    """
    ids = sorted(set(learner_ids))

    def work(session: Session) -> dict[str, dict[str, dict[str, Any]]]:
        out: dict[str, dict[str, dict[str, Any]]] = {}
        if not ids:
            return out
        query = select(ChecklistStatus).where(ChecklistStatus.learner_id.in_(ids)).order_by(ChecklistStatus.id)
        for row in session.scalars(query):
            status: dict[str, Any] = {"met": row.met, **row.summary, "updated_at": row.updated_at}
            out.setdefault(row.learner_id, {})[row.indicator] = status
        return out

    return store.read(work)


def last_updated(statuses: Mapping[str, Mapping[str, Any]]) -> dt.datetime | None:
    """When any of one learner's indicators last changed (None when none is stored)."""
    stamps = [s["updated_at"] for s in statuses.values() if s.get("updated_at") is not None]
    return max(stamps) if stamps else None
