"""Where the store lives (BIMTEK_DATA_DIR, DATABASE_URL) and how SQLite is set up for many writers."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bimtek.errors import StorageError
from bimtek.storage.engine import BUSY_TIMEOUT_MS, database_url
from bimtek.storage.store import get_store


def test_the_default_store_is_a_sqlite_file_in_bimtek_data_dir(isolated_store):
    assert database_url().database == str(isolated_store / "bimtek.sqlite")


def test_database_url_selects_postgresql_with_the_psycopg_driver(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://bimtek:rahasia@db.lan:5432/bimtek")
    url = database_url()
    assert (url.drivername, url.host, url.database) == ("postgresql+psycopg", "db.lan", "bimtek")


def test_an_unsupported_database_url_is_named_without_its_password(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://bimtek:rahasia@db.lan/bimtek")
    with pytest.raises(StorageError) as err:
        database_url()
    assert "DATABASE_URL 'mysql://bimtek:***@db.lan/bimtek' tidak didukung" in str(err.value)
    assert "rahasia" not in str(err.value)


def test_an_unreachable_postgresql_gives_a_message_not_a_traceback(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://bimtek:rahasia@127.0.0.1:1/bimtek")
    with pytest.raises(StorageError, match="Basis data 'postgresql\\+psycopg://bimtek:\\*\\*\\*@127.0.0.1:1/bimtek'"):
        get_store()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_foreign_keys():
    store = get_store()
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == BUSY_TIMEOUT_MS
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_get_store_is_one_store_per_database(isolated_store, tmp_path, monkeypatch):
    first = get_store()
    assert get_store() is first
    monkeypatch.setenv("BIMTEK_DATA_DIR", str(tmp_path / "lain"))
    other = get_store()
    assert other is not first and (tmp_path / "lain" / "bimtek.sqlite").exists()
