"""`db backup` / `db restore`: the whole store as one portable file, from SQLite or PostgreSQL into either.

The file is a zip: `tables/<table>.jsonl` per table (one JSON array per row, columns in the manifest's order) and
`manifest.json` (format and version, Alembic revision, source dialect, created-at, per table its columns with their
kind, row count and the SHA-256 of its lines). Values are written by kind, so a timestamp, a JSON document, a boolean
or bytes come back as the same value on the other backend. Rows stream in batches both ways: a store of any size
needs no more memory than a batch.

A restore runs in one transaction (all or nothing): it refuses a store that holds data unless told to replace it,
builds the schema of the backup's revision, loads every table in foreign-key order (checking counts and checksums),
moves PostgreSQL's id sequences past the loaded ids and upgrades to the newest revision.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import OperationalError
from sqlalchemy.types import TypeEngine

from bimtek.errors import InputError
from bimtek.storage import migrate
from bimtek.storage.models import Base, UTCDateTime
from bimtek.storage.store import Store

FORMAT = "bimtek-cadangan"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
BATCH = 1000
VERSION_TABLE = "alembic_version"
KINDS = ("int", "float", "decimal", "bool", "str", "bytes", "date", "datetime", "json")


@dataclass(frozen=True)
class Summary:
    """What a backup holds (or a restore loaded): its revision and the rows per table."""

    revision: str
    dialect: str
    created_at: str
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _kind(column: Column[Any]) -> str:
    kind = column.type
    if isinstance(kind, JSON):
        return "json"
    if isinstance(kind, UTCDateTime):
        return "datetime"
    python = kind.python_type
    for candidate, name in (
        (bool, "bool"), (int, "int"), (float, "float"), (decimal.Decimal, "decimal"), (str, "str"),
        (bytes, "bytes"), (dt.datetime, "datetime"), (dt.date, "date"),
    ):  # fmt: skip
        if python is candidate:
            return name
    raise AssertionError(f"column {column} has a type the backup cannot write: {kind!r}")


def _encode(value: Any, kind: str) -> Any:
    if value is None or kind in ("int", "float", "bool", "str", "json"):
        return value
    if kind == "datetime":
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC).isoformat()
    if kind == "date":
        return value.isoformat()
    if kind == "bytes":
        return base64.b64encode(value).decode("ascii")
    return str(value)  # decimal


def _decode(value: Any, kind: str) -> Any:
    if value is None or kind in ("int", "float", "bool", "str", "json"):
        return value
    if kind == "datetime":
        return dt.datetime.fromisoformat(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "bytes":
        return base64.b64decode(value, validate=True)
    return decimal.Decimal(value)


def _column_type(kind: str, nullable: bool) -> TypeEngine[Any]:
    """The type a restored value is bound with (SQLite and PostgreSQL alike)."""
    if kind == "json":  # a NULL stays SQL NULL where the column allows it, else JSON null (as the app wrote it)
        return JSON(none_as_null=nullable).with_variant(JSONB(none_as_null=nullable), "postgresql")
    types: dict[str, TypeEngine[Any]] = {
        "int": Integer(), "float": Float(), "decimal": Numeric(), "bool": Boolean(), "str": String(),
        "bytes": LargeBinary(), "date": Date(), "datetime": UTCDateTime(),
    }  # fmt: skip
    return types[kind]


# --- backup -----------------------------------------------------------------------------------------------------


def backup(store: Store, path: Path) -> Summary:
    """Writes every table of `store` (at the newest revision) to `path`, from one consistent snapshot.

    The file appears under its name only when complete (written beside it, then renamed).
    """
    revision = migrate.current_revision(store)
    assert revision is not None, "backup() needs a migrated store (open_store migrates)"
    partial = path.with_name(f".{path.name}.sebagian")
    tables: list[dict[str, Any]] = []
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            with _snapshot(store) as connection:
                for table in Base.metadata.sorted_tables:
                    tables.append(_write_table(connection, table, archive))
            created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "revision": revision,
                "dialect": store.engine.dialect.name,
                "created_at": created,
                "tables": tables,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(partial, path)
    except OperationalError as err:
        raise store.unreachable(err) from err
    except OSError as err:
        raise InputError([f"Berkas cadangan '{path}' tidak dapat ditulis ({err.strerror or err})."]) from None
    finally:
        partial.unlink(missing_ok=True)
    return Summary(revision, store.engine.dialect.name, created, {t["name"]: t["rows"] for t in tables})


@contextmanager
def _snapshot(store: Store) -> Iterator[Connection]:
    """A read-only transaction that sees one moment of the store (PostgreSQL: REPEATABLE READ; SQLite: WAL's snapshot)."""
    with store.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with connection.begin():
            yield connection


def _write_table(connection: Connection, table: Table, archive: zipfile.ZipFile) -> dict[str, Any]:
    columns = list(table.columns)
    kinds = [_kind(c) for c in columns]
    digest = hashlib.sha256()
    count = 0
    query = select(table).order_by(*table.primary_key.columns)
    with archive.open(f"tables/{table.name}.jsonl", "w", force_zip64=True) as out:
        for row in connection.execution_options(yield_per=BATCH).execute(query):
            line = json.dumps(
                [_encode(value, kind) for value, kind in zip(row, kinds, strict=True)],
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode("utf-8")
            line += b"\n"
            digest.update(line)
            out.write(line)
            count += 1
    return {
        "name": table.name,
        "columns": [
            {"name": c.name, "kind": k, "nullable": bool(c.nullable)} for c, k in zip(columns, kinds, strict=True)
        ],
        "rows": count,
        "sha256": digest.hexdigest(),
    }


# --- restore ----------------------------------------------------------------------------------------------------


def _unusable(path: Path, why: str) -> InputError:
    return InputError(
        [f"Berkas '{path.name}' bukan cadangan Bimtek yang utuh ({why}); basis data tujuan tidak diubah."]
    )


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a backup file, checked for shape and revision before anything is written."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise _unusable(path, f"tidak ada {MANIFEST}")
            manifest = json.loads(archive.read(MANIFEST))
    except FileNotFoundError:
        raise InputError([f"Berkas cadangan '{path}' tidak ditemukan."]) from None
    except IsADirectoryError:
        raise InputError([f"'{path}' adalah folder; sebutkan berkas cadangan (.zip)."]) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise _unusable(path, "bukan berkas zip atau terpotong") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _unusable(path, f"{MANIFEST} tidak dapat dibaca") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _unusable(path, f"format bukan '{FORMAT}'")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise InputError(
            [
                f"Cadangan '{path.name}' memakai format versi '{manifest.get('format_version')}', aplikasi ini "
                f"membaca versi {FORMAT_VERSION}; perbarui aplikasi. Basis data tujuan tidak diubah."
            ]
        )
    revision = manifest.get("revision")
    if revision not in migrate.known_revisions():
        raise InputError(
            [
                f"Cadangan '{path.name}' dibuat oleh versi aplikasi yang lebih baru (revisi '{revision}'); perbarui "
                "aplikasi sebelum memulihkannya. Basis data tujuan tidak diubah."
            ]
        )
    tables = manifest.get("tables")
    ok = isinstance(tables, list) and all(
        isinstance(t, dict)
        and isinstance(t.get("name"), str)
        and isinstance(t.get("rows"), int)
        and isinstance(t.get("sha256"), str)
        and isinstance(t.get("columns"), list)
        and all(isinstance(c, dict) and c.get("kind") in KINDS and isinstance(c.get("name"), str) for c in t["columns"])
        and f"tables/{t['name']}.jsonl" in names
        for t in tables
    )
    if not ok:
        raise _unusable(path, "daftar tabel di manifest tidak lengkap")
    return manifest


def restore(store: Store, path: Path, *, replace: bool = False) -> Summary:
    """Loads the backup at `path` into `store` in one transaction; refuses a store with data unless `replace`."""
    manifest = read_manifest(path)
    try:
        with zipfile.ZipFile(path) as archive, store.writer.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({migrate.PG_LOCK})")
            _clear(store, connection, manifest, replace)
            migrate.upgrade_connection(connection, manifest["revision"])
            present = MetaData()
            present.reflect(connection)
            for entry in manifest["tables"]:
                _load_table(connection, archive, entry, present, path)
            _check_all_tables_loaded(manifest, present, path)
            if connection.dialect.name == "postgresql":
                _reset_sequences(connection, present)
            migrate.upgrade_connection(connection, "head")
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile):
        raise _unusable(path, "isi zip rusak atau terpotong") from None
    except OperationalError as err:
        raise store.unreachable(err) from err
    store.migrated = True
    rows = {t["name"]: t["rows"] for t in manifest["tables"]}
    return Summary(manifest["revision"], manifest["dialect"], manifest["created_at"], rows)


def _clear(store: Store, connection: Connection, manifest: dict[str, Any], replace: bool) -> None:
    """Drops the app's tables of the target (refused when they hold rows and `replace` is not given)."""
    found = migrate.revision_of(connection)
    if found is not None and found not in migrate.known_revisions():
        raise migrate.newer_version_error(store, found)
    ours = {t.name for t in Base.metadata.sorted_tables} | {t["name"] for t in manifest["tables"]}
    existing = set(inspect(connection).get_table_names()) & (ours | {VERSION_TABLE})
    filled = {}
    for name in sorted(existing - {VERSION_TABLE}):
        count = connection.execute(select(func.count()).select_from(Table(name, MetaData()))).scalar_one()
        if count:
            filled[name] = count
    if filled and not replace:
        shown = ", ".join(f"{name} ({count})" for name, count in sorted(filled.items(), key=lambda i: -i[1])[:5])
        raise InputError(
            [
                f"Basis data tujuan '{store.describe()}' sudah berisi {sum(filled.values())} baris (antara lain "
                f"{shown}); tidak ada yang diubah. Tambahkan --timpa untuk menggantinya seluruhnya dengan isi cadangan."
            ]
        )
    doomed = MetaData()
    doomed.reflect(connection, only=sorted(existing))
    doomed.drop_all(connection)


def _lines(archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    with archive.open(f"tables/{name}.jsonl") as raw:
        yield from raw  # ZipExtFile reads ahead in blocks; lines come one at a time


def _load_table(
    connection: Connection, archive: zipfile.ZipFile, entry: dict[str, Any], present: MetaData, path: Path
) -> None:
    name = entry["name"]
    columns = entry["columns"]
    names = [c["name"] for c in columns]
    target = present.tables.get(name)
    if target is None or sorted(c.name for c in target.columns) != sorted(names):
        raise _unusable(path, f"kolom tabel '{name}' tidak cocok dengan skema revisinya")
    table = Table(
        name, MetaData(), *(Column(c["name"], _column_type(c["kind"], c.get("nullable", True))) for c in columns)
    )
    kinds = [c["kind"] for c in columns]
    digest = hashlib.sha256()
    count = 0
    batch: list[dict[str, Any]] = []
    for line in _lines(archive, name):
        digest.update(line)
        count += 1
        try:
            values = json.loads(line)
            if not isinstance(values, list) or len(values) != len(kinds):
                raise ValueError("row shape")
            batch.append({n: _decode(v, k) for n, v, k in zip(names, values, kinds, strict=True)})
        except (ValueError, TypeError, decimal.InvalidOperation):
            raise _unusable(path, f"baris {count} tabel '{name}' tidak dapat dibaca") from None
        if len(batch) >= BATCH:
            connection.execute(table.insert(), batch)
            batch = []
    if batch:
        connection.execute(table.insert(), batch)
    if count != entry["rows"] or digest.hexdigest() != entry["sha256"]:
        raise _unusable(path, f"isi tabel '{name}' tidak sesuai checksum di manifest")


def _check_all_tables_loaded(manifest: dict[str, Any], present: MetaData, path: Path) -> None:
    missing = set(present.tables) - {t["name"] for t in manifest["tables"]} - {VERSION_TABLE}
    if missing:
        raise _unusable(path, f"tabel {', '.join(sorted(missing))} tidak ada di cadangan")


def _reset_sequences(connection: Connection, present: MetaData) -> None:
    """Moves each id sequence past the largest loaded id, so the next row the app writes gets a fresh id."""
    for table in present.sorted_tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        connection.execute(
            text(
                f'SELECT setval(pg_get_serial_sequence(:table, :column), COALESCE(MAX("{keys[0].name}"), 0) + 1, '
                f'false) FROM "{table.name}"'
            ),
            {"table": table.name, "column": keys[0].name},
        )
