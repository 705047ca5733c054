"""A cohort's authored scenario library with its bookkeeping: who added each scenario and when (the authoring page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bimtek.storage.models import CohortScenario, Trainer
from bimtek.storage.store import Store


@dataclass(frozen=True)
class LibraryEntry:
    scenario_id: str
    yaml_text: str
    added_by: str  # username of the trainer who last saved it ("" when that trainer is gone)
    created_at: dt.datetime  # UTC; when the scenario was first added (a re-upload replaces the text, keeps this)


def library_entries(store: Store, cohort_id: int) -> list[LibraryEntry]:
    """The cohort's library with who added each scenario and when, in the order they were first added."""

    def work(session: Session) -> list[LibraryEntry]:
        query = (
            select(CohortScenario, Trainer.username)
            .outerjoin(Trainer, Trainer.id == CohortScenario.added_by)
            .where(CohortScenario.cohort_id == cohort_id)
            .order_by(CohortScenario.id)
        )
        return [
            LibraryEntry(row.scenario_id, row.yaml_text, username or "", row.created_at)
            for row, username in session.execute(query)
        ]

    return store.read(work)
