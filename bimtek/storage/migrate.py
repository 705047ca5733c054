"""Schema migrations (Alembic, migrations/ at the repository root): upgrade a store to the newest schema, keeping data."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from bimtek import paths
from bimtek.errors import StorageError
from bimtek.storage.store import Store

MIGRATIONS = paths.MIGRATIONS_DIR
INITIAL = "0001"
PG_LOCK = 0x42494D54  # "BIMT": one process at a time migrates (or restores) a shared PostgreSQL database


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "migrations/versions has no revision"
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def newer_version_error(store: Store, revision: str) -> StorageError:
    """A store stamped with a revision this code does not have: made by a newer release of the app."""
    where = "DATABASE_URL" if not store.is_sqlite else "BIMTEK_DATA_DIR"
    return StorageError(
        f"Basis data dibuat oleh versi aplikasi yang lebih baru (revisi '{revision}'); perbarui aplikasi atau "
        f"gunakan {where} lain. Data di dalamnya tidak diubah."
    )


def current_revision(store: Store) -> str | None:
    with store.engine.connect() as connection:
        return revision_of(connection)


def revision_of(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_connection(connection: Connection, revision: str) -> None:
    """Runs the migrations up to `revision` inside the caller's transaction (a restore builds its schema this way)."""
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def upgrade(store: Store, revision: str = "head") -> None:
    """Brings the store to `revision` in one transaction; does nothing when it is there already (idempotent).

    SQLite: the write lock (BEGIN IMMEDIATE) makes a second process wait and then find the work done.
    PostgreSQL: an advisory lock does the same for several app processes starting at once.
    """
    wanted = head_revision() if revision == "head" else revision
    if store.migrated and wanted == head_revision():
        return
    try:
        with store.writer.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_LOCK})")
            found = revision_of(connection)
            if found is not None and found not in known_revisions():
                raise newer_version_error(store, found)  # leaves the transaction before anything is written
            if found != wanted:
                upgrade_connection(connection, revision)
    except OperationalError as err:
        raise store.unreachable(err) from err
    store.migrated = wanted == head_revision()
