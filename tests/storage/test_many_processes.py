"""Several app processes on one PostgreSQL: they migrate a fresh database at once safely, and each keeps its pool
within BIMTEK_DB_POOL so that processes x connections fit the server."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL

from bimtek import paths
from bimtek.errors import StorageError
from bimtek.storage.engine import make_engine, parse_url
from bimtek.storage.migrate import head_revision
from bimtek.storage.store import Store

PG = parse_url("postgresql://bimtek@127.0.0.1:1/bimtek")  # an engine does not connect until it is used


@pytest.mark.postgres
def test_three_processes_upgrading_a_fresh_database_at_once_migrate_it_once(pg_url: URL):
    env = {**os.environ, "DATABASE_URL": pg_url.render_as_string(hide_password=False)}
    command = [sys.executable, "-m", "bimtek", "db", "upgrade"]
    started = [
        subprocess.Popen(command, cwd=paths.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in started]
    assert [p.returncode for p in started] == [0, 0, 0], outputs
    assert all(f"revisi {head_revision()} (terbaru)" in out for out in outputs), outputs
    store = Store(pg_url)
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
                head_revision()
            ]
    finally:
        store.dispose()


def test_a_process_keeps_at_most_three_times_bimtek_db_pool_connections(monkeypatch: pytest.MonkeyPatch):
    assert (make_engine(PG).pool.size(), make_engine(PG).pool._max_overflow) == (5, 10)  # type: ignore[attr-defined]
    monkeypatch.setenv("BIMTEK_DB_POOL", "2")
    engine = make_engine(PG)
    assert (engine.pool.size(), engine.pool._max_overflow) == (2, 4)  # type: ignore[attr-defined]


@pytest.mark.parametrize("value", ["0", "banyak", "51", "-3"])
def test_an_unusable_pool_size_is_named_in_indonesian(monkeypatch: pytest.MonkeyPatch, value: str):
    monkeypatch.setenv("BIMTEK_DB_POOL", value)
    with pytest.raises(StorageError, match=f"BIMTEK_DB_POOL '{value}' tidak valid; isi bilangan bulat 1-50"):
        make_engine(PG)
