"""The Store: one engine per database, read and write transactions, retries while the database is busy."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from bimtek.errors import StorageError
from bimtek.storage.engine import WRITE, database_url, make_engine, parse_url

T = TypeVar("T")
WRITE_TRIES = 6
_BUSY_SQLSTATES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available


class Store:
    """A database the app keeps its learners' work in. All SQL runs through `read` and `write`."""

    def __init__(self, url: URL):
        self.url = url
        self.engine: Engine = make_engine(url)
        self.writer = self.engine.execution_options(**{WRITE: True})
        self.migrated = False

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def describe(self) -> str:
        """The URL without its password, for messages and logs."""
        return self.url.render_as_string(hide_password=True)

    def read(self, work: Callable[[Session], T]) -> T:
        """Runs `work` in a read transaction (a consistent snapshot; never blocks a writer on SQLite's WAL)."""
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                return work(session)
        except OperationalError as err:
            raise self.unreachable(err) from err

    def write(self, work: Callable[[Session], T]) -> T:
        """Runs `work` in one write transaction and commits; retried whole while the database is busy.

        `work` must touch only the session (it may run more than once); when this returns, the data is committed.
        """
        for attempt in range(WRITE_TRIES):
            try:
                with Session(self.writer, expire_on_commit=False) as session, session.begin():
                    return work(session)
            except DBAPIError as err:
                if not _is_busy(err):
                    if isinstance(err, OperationalError):
                        raise self.unreachable(err) from err
                    raise
                if attempt == WRITE_TRIES - 1:
                    raise StorageError(
                        "Penyimpanan sedang sibuk dan pekerjaan Anda belum tersimpan; coba kirim lagi sebentar lagi."
                    ) from err
                time.sleep(0.05 * 2**attempt * (1 + random.random()))
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        self.engine.dispose()

    def unreachable(self, err: OperationalError) -> StorageError:
        """The user-safe error for a database that cannot be reached or opened."""
        return StorageError(
            f"Basis data '{self.describe()}' tidak dapat dipakai ({str(err.orig).strip().splitlines()[0]}); "
            "periksa DATABASE_URL atau folder data."
        )


def _is_busy(err: DBAPIError) -> bool:
    sqlstate = getattr(err.orig, "sqlstate", None)
    if sqlstate in _BUSY_SQLSTATES:
        return True
    text = str(err.orig).lower()
    return "database is locked" in text or "database is busy" in text


def open_store(url: URL | str | None = None, *, migrate: bool = True) -> Store:
    """A new Store on `url` (default: the environment's), brought to the newest schema unless migrate=False."""
    if url is None:
        url = database_url()
    store = Store(parse_url(url) if isinstance(url, str) else url)
    if migrate:
        from bimtek.storage.migrate import upgrade

        upgrade(store)
    return store


_STORES: dict[str, Store] = {}
_LOCK = threading.Lock()


def get_store() -> Store:
    """The process's Store for the environment's database (BIMTEK_DATA_DIR / DATABASE_URL), migrated once."""
    url = database_url()
    key = url.render_as_string(hide_password=False)
    store = _STORES.get(key)
    if store is not None:
        return store
    with _LOCK:
        if key not in _STORES:
            _STORES[key] = open_store(url)
        return _STORES[key]


def dispose_all() -> None:
    """Forgets every cached Store and closes its connections (tests; a process about to exit)."""
    with _LOCK:
        stores = list(_STORES.values())
        _STORES.clear()
    for store in stores:
        store.dispose()
