"""Alembic: the revisions build exactly the models' schema, and upgrading a database that holds work keeps it."""

from __future__ import annotations

import datetime as dt
import json

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from bimtek.storage import accounts
from bimtek.storage import progress as stored
from bimtek.storage.migrate import INITIAL, current_revision, head_revision, upgrade
from bimtek.storage.models import Base
from bimtek.storage.store import Store, open_store


def test_the_migrations_create_exactly_the_models_schema(store):
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert current_revision(store) == head_revision()


def _seed_at_initial_revision(store: Store) -> None:
    """Work written with plain SQL against the initial schema, as an old release of the app would have left it."""
    now = dt.datetime(2026, 10, 4, 8, 30, tzinfo=dt.UTC)
    rows = {
        "trainers": {"id": 1, "username": "siti", "password_hash": "$argon2id$x", "failed_logins": 0,
                     "created_at": now},
        "cohorts": {"id": 1, "name": "Bimtek Oktober", "join_code": "K7M2QX", "trainer_id": 1, "created_at": now},
        "learners": {"id": "lama-1", "name": "Rina", "name_key": "rina", "scope": "kelas:1", "cohort_id": 1,
                     "guest": False, "pin_hash": None, "failed_pins": 0, "created_at": now, "last_seen_at": now},
        "attempts": {"learner_id": "lama-1", "scenario_id": "dbd-ranap-tanpa-lab", "score": 77,
                     "points": json.dumps({"identifikasi": 40}), "correction_ok": True, "integrity_ok": True,
                     "withdrawn": False, "flagged": '["EV01"]', "found": '["EV01"]', "missed": "[]",
                     "false_alarms": "[]", "remaining": "[]", "status_after": "layak", "seconds": 200.0,
                     "corrected": None, "created_at": now},
        "documents": {"learner_id": "lama-1", "kind": "sop", "data": '{"langkah": 6}', "updated_at": now},
    }  # fmt: skip
    casts = {"points", "flagged", "found", "missed", "false_alarms", "remaining", "data"}
    pg = store.engine.dialect.name == "postgresql"
    with store.engine.begin() as connection:
        for table, row in rows.items():
            names = ", ".join(row)
            values = ", ".join(f"CAST(:{k} AS JSONB)" if pg and k in casts else f":{k}" for k in row)
            connection.execute(text(f"INSERT INTO {table} ({names}) VALUES ({values})"), row)


def test_upgrading_a_database_from_the_initial_revision_keeps_its_data(db_url):
    old = open_store(db_url, migrate=False)
    upgrade(old, INITIAL)
    assert current_revision(old) == INITIAL
    _seed_at_initial_revision(old)
    old.dispose()

    started = open_store(db_url)  # what the app does on start: upgrade head
    started_again = open_store(db_url)  # a second start (or a second process) finds nothing to do
    try:
        assert current_revision(started) == head_revision()
        [attempt] = stored.attempts(started_again, "lama-1")
        assert (attempt["score"], attempt["flagged"], attempt["points"]) == (77, ["EV01"], {"identifikasi": 40})
        assert attempt["created_at"] == "2026-10-04T08:30:00+00:00"
        # an attempt of the old answer shape (ticked codes): no findings detail, "key seen" unknown
        assert (attempt["detail"], attempt["key_seen"]) == (None, None)
        assert stored.key_seen(started_again, "lama-1", "dbd-ranap-tanpa-lab")  # the old page showed the key
        assert stored.load_document(started_again, "lama-1", "sop") == {"langkah": 6}
        assert accounts.find_cohort(started_again, "k7m2qx").trainer == "siti"
        with started.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    finally:
        started.dispose()
        started_again.dispose()


def test_the_app_creates_the_sqlite_file_under_the_data_dir_on_first_run(isolated_store):
    assert not (isolated_store / "bimtek.sqlite").exists()
    store = open_store()
    try:
        assert (isolated_store / "bimtek.sqlite").exists()
        assert current_revision(store) == head_revision()
    finally:
        store.dispose()
