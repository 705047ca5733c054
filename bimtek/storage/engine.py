"""Where the store lives and how to reach it: the URL from the environment, the engine, SQLite's pragmas and locks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from bimtek import paths
from bimtek.errors import StorageError

DB_FILE = "bimtek.sqlite"
BUSY_TIMEOUT_MS = 10_000  # a writer waits this long for another writer before SQLite reports "database is locked"
WRITE = "bimtek_write"  # execution option: this connection is about to write (SQLite: BEGIN IMMEDIATE)
POOL_ENV = "BIMTEK_DB_POOL"  # PostgreSQL connections a process keeps open; it may open twice as many more when busy
POOL_DEFAULT, POOL_MAX = 5, 50


def data_dir() -> Path:
    """The folder of the embedded SQLite store: BIMTEK_DATA_DIR, else data/ at the repository root in a checkout, or
    the user's data folder when installed as a package (paths.default_data_dir)."""
    return Path(os.environ.get("BIMTEK_DATA_DIR") or paths.default_data_dir())


def database_url() -> URL:
    """DATABASE_URL (PostgreSQL for a server many rooms share) or the SQLite file under data_dir()."""
    raw = os.environ.get("DATABASE_URL", "").strip()
    if not raw:
        return make_url(f"sqlite:///{data_dir() / DB_FILE}")
    return parse_url(raw)


def parse_url(raw: str) -> URL:
    try:
        url = make_url(raw)
    except ArgumentError:
        raise StorageError(
            "DATABASE_URL tidak dapat dibaca; contoh yang benar: 'postgresql+psycopg://user:sandi@host:5432/bimtek'."
        ) from None
    if url.drivername in ("postgres", "postgresql", "postgresql+psycopg"):
        return url.set(drivername="postgresql+psycopg")
    if url.drivername.startswith("sqlite"):
        return url
    shown = url.render_as_string(hide_password=True)
    raise StorageError(
        f"DATABASE_URL '{shown}' tidak didukung; gunakan 'postgresql+psycopg://...' atau kosongkan untuk SQLite."
    )


def pool_size() -> int:
    """BIMTEK_DB_POOL: a process's PostgreSQL pool (several processes x 3 x this must fit max_connections)."""
    raw = os.environ.get(POOL_ENV, "").strip()
    if not raw:
        return POOL_DEFAULT
    if not raw.isdigit() or not 1 <= int(raw) <= POOL_MAX:
        raise StorageError(f"{POOL_ENV} '{raw}' tidak valid; isi bilangan bulat 1-{POOL_MAX} (bawaan {POOL_DEFAULT}).")
    return int(raw)


def make_engine(url: URL) -> Engine:
    """An engine that is safe for many threads and processes: SQLite in WAL mode with a busy timeout."""
    if url.get_backend_name() != "sqlite":
        size = pool_size()
        return create_engine(url, pool_pre_ping=True, pool_size=size, max_overflow=2 * size)  # <= 3 x size a process
    if url.database and url.database != ":memory:":
        folder = Path(url.database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StorageError(f"Folder data '{folder}' tidak dapat dibuat ({err.strerror or err}).") from None
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, pool_size=5, max_overflow=15)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling would defer BEGIN and commit before DDL; we emit BEGIN ourselves.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=FULL")  # a committed attempt survives a power cut, not only a killed process
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A writer takes the write lock up front, so it waits (busy timeout) instead of failing when it upgrades a read
    # lock that another writer has made stale; readers keep WAL's non-blocking snapshots.
    write = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
