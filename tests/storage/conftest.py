"""Stores for the storage tests: SQLite in a temporary folder, and PostgreSQL (a fresh database per test).

PostgreSQL comes from DATABASE_URL_TEST (scripts/test.sh starts a throwaway server via scripts/pg.sh). Without it
the `postgres` tests skip locally with the reason, and FAIL in CI (CI=true), where .ci/run installs the server.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from bimtek.storage.engine import database_url
from bimtek.storage.store import Store, open_store

IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")


def _server_url() -> URL:
    raw = os.environ.get("DATABASE_URL_TEST", "").strip()
    if not raw:
        if IN_CI:
            pytest.fail("CI=true but DATABASE_URL_TEST is not set: .ci/run must install and start PostgreSQL")
        pytest.skip(
            "no PostgreSQL: install it (apt-get install postgresql; scripts/test.sh starts one) or set DATABASE_URL_TEST"
        )
    return make_url(raw).set(drivername="postgresql+psycopg")


@contextmanager
def pg_database() -> Iterator[URL]:
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    server = _server_url()
    name = f"bimtek_test_{secrets.token_hex(6)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[URL]:
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    with pg_database() as url:
        yield url


@pytest.fixture
def new_database(isolated_store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], URL]]:
    """new_database("sqlite" | "postgres") -> the URL of another empty database of that backend (several per test)."""
    with ExitStack() as stack:

        def make(backend: str) -> URL:
            if backend == "postgres":
                return stack.enter_context(pg_database())
            return make_url(f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'bimtek.sqlite'}")

        yield make


@pytest.fixture
def sqlite_url(isolated_store) -> URL:
    return database_url()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> URL:
    """The URL of an empty database, once per backend."""
    return request.getfixturevalue("pg_url" if request.param == "postgres" else "sqlite_url")


@pytest.fixture
def store(db_url: URL) -> Iterator[Store]:
    """A migrated store on each backend."""
    opened = open_store(db_url)
    yield opened
    opened.dispose()
