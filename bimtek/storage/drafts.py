"""Drafts: an answer in progress, one per learner and key, written as it is edited and read back on the next visit.

`key` names what is being answered ("kasus:<scenario id>", "latihan:<module id>:<exercise id>", "jurnal:<situation>");
`payload` is a JSON-ready dict of the form's values. Saving the same payload again writes nothing, so a page may save
on every rerun. A guest's drafts never reach the store (the pages keep them in the session only).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bimtek.storage.models import Draft, utcnow
from bimtek.storage.progress import plain
from bimtek.storage.store import Store

MAX_KEY = 120


def _check_key(key: str) -> str:
    if not key or len(key) > MAX_KEY:
        raise ValueError(f"draft key must be 1-{MAX_KEY} characters, got {key!r}")
    return key


def save_draft(store: Store, learner_id: str, key: str, payload: dict[str, Any]) -> bool:
    """Stores the learner's draft under `key` (an upsert); returns False when the stored draft was already equal."""
    _check_key(key)
    data = plain(payload)

    def work(session: Session) -> bool:
        row = session.scalars(
            select(Draft).where(Draft.learner_id == learner_id, Draft.key == key).with_for_update()
        ).first()
        if row is not None:
            if row.payload == data:
                return False
            row.payload, row.updated_at = data, utcnow()
            return True
        # Two tabs of one profile may insert the same draft at the same moment: the later one wins.
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        values = {"payload": data, "updated_at": utcnow()}
        insert = dialect.insert(Draft).values(learner_id=learner_id, key=key, **values)
        session.execute(insert.on_conflict_do_update(index_elements=[Draft.learner_id, Draft.key], set_=values))
        return True

    return store.write(work)


def load_draft(store: Store, learner_id: str, key: str) -> dict[str, Any] | None:
    """The learner's draft under `key`, or None when there is none."""
    _check_key(key)

    def work(session: Session) -> dict[str, Any] | None:
        payload = session.scalars(select(Draft.payload).where(Draft.learner_id == learner_id, Draft.key == key)).first()
        return dict(payload) if payload is not None else None

    return store.read(work)


def clear_draft(store: Store, learner_id: str, key: str) -> bool:
    """Deletes the draft (after the answer was submitted, or on "Mulai ulang"); returns whether there was one."""
    _check_key(key)

    def work(session: Session) -> bool:
        done = session.execute(delete(Draft).where(Draft.learner_id == learner_id, Draft.key == key))
        return bool(getattr(done, "rowcount", 0))

    return store.write(work)
