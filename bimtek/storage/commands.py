"""`python -m bimtek trainer|cohort|db ...`: the store's command-line tools (first trainer, a cohort's join code, upgrade,
backup and restore).

The store is imported only when one of these commands runs, so the other commands start without SQLAlchemy.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from bimtek.errors import InputError

EXIT_OK = 0


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("trainer", help="akun narasumber (kata sandi disimpan sebagai hash)")
    actions = p.add_subparsers(dest="action", required=True, metavar="AKSI", parser_class=type(p))
    create = actions.add_parser("create", help="buat akun narasumber; kata sandi ditanyakan dua kali")
    create.add_argument("username", metavar="USERNAME", help="nama pengguna: huruf kecil, angka, . _ -")
    create.add_argument(
        "--password-stdin", action="store_true", help="baca kata sandi dari stdin (satu baris), untuk skrip"
    )
    reset = actions.add_parser(
        "reset-password", help="atur ulang kata sandi narasumber (membuka kunci, mengakhiri semua sesinya; dicatat)"
    )
    reset.add_argument("username", metavar="USERNAME", help="nama pengguna narasumber")
    reset.add_argument(
        "--password-stdin", action="store_true", help="baca kata sandi baru dari stdin (satu baris), untuk skrip"
    )
    p = sub.add_parser("cohort", help="kelas Bimtek (kode gabung untuk peserta)")
    actions = p.add_subparsers(dest="action", required=True, metavar="AKSI", parser_class=type(p))
    create = actions.add_parser("create", help="buat kelas dan cetak kode gabungnya")
    create.add_argument("name", metavar="NAMA", help="nama kelas, mis. 'Bimtek Klaim Puskesmas Oktober 2026'")
    create.add_argument("--trainer", required=True, metavar="USERNAME", help="narasumber pemilik kelas")
    p = sub.add_parser("db", help="basis data (SQLite bawaan atau DATABASE_URL)")
    actions = p.add_subparsers(dest="action", required=True, metavar="AKSI", parser_class=type(p))
    actions.add_parser("upgrade", help="perbarui skema ke revisi terbaru (data tetap); aplikasi juga melakukannya")
    backup = actions.add_parser(
        "backup", help="simpan seluruh isi basis data ke satu berkas cadangan (.zip), dari SQLite atau PostgreSQL"
    )
    backup.add_argument("file", metavar="BERKAS", help="berkas cadangan yang ditulis, mis. cadangan-2026-12-01.zip")
    restore = actions.add_parser(
        "restore",
        help="pulihkan berkas cadangan ke basis data ini (SQLite atau PostgreSQL); semua atau tidak sama sekali",
    )
    restore.add_argument("file", metavar="BERKAS", help="berkas cadangan dari 'db backup'")
    restore.add_argument(
        "--timpa",
        action="store_true",
        help="ganti seluruh isi basis data tujuan yang sudah berisi data (tanpa ini pemulihan ditolak)",
    )


def run(args: argparse.Namespace) -> int:
    return {"trainer": _trainer, "cohort": _cohort, "db": _db}[args.command](args)


def _read_password(from_stdin: bool, unchanged: str = "akun tidak dibuat") -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise InputError([f"Kedua kata sandi tidak sama; {unchanged}."])
    return first


def _trainer(args: argparse.Namespace) -> int:
    from bimtek.storage import accounts
    from bimtek.storage.store import open_store

    if args.action == "reset-password":
        return _reset_password(args)
    password = _read_password(args.password_stdin)
    store = open_store()
    try:
        trainer = accounts.create_trainer(store, args.username, password)
    finally:
        store.dispose()
    print(f"Narasumber '{trainer.username}' dibuat; masuk lewat halaman Masuk > Narasumber.")
    return EXIT_OK


def _reset_password(args: argparse.Namespace) -> int:
    from bimtek.storage import account_tools
    from bimtek.storage.store import open_store

    password = _read_password(args.password_stdin, "kata sandi tidak diubah")
    store = open_store()
    try:
        trainer = account_tools.reset_trainer_password(store, args.username, password, account_tools.cli_actor())
    finally:
        store.dispose()
    print(
        f"Kata sandi narasumber '{trainer.username}' diatur ulang; kuncinya dibuka dan semua sesinya diakhiri. "
        "Tindakan ini dicatat."
    )
    return EXIT_OK


def _cohort(args: argparse.Namespace) -> int:
    from bimtek.storage import accounts
    from bimtek.storage.store import open_store

    store = open_store()
    try:
        cohort = accounts.create_cohort(store, args.name, args.trainer)
    finally:
        store.dispose()
    print(f"Kelas '{cohort.name}' dibuat untuk narasumber '{cohort.trainer}'.")
    print(f"Kode gabung: {cohort.join_code}")
    return EXIT_OK


def _db(args: argparse.Namespace) -> int:
    from bimtek.storage.migrate import current_revision
    from bimtek.storage.store import open_store

    if args.action in ("backup", "restore"):
        return _backup_or_restore(args)
    store = open_store()
    try:
        print(f"{store.describe()}: skema pada revisi {current_revision(store)} (terbaru).")
    finally:
        store.dispose()
    return EXIT_OK


def _backup_or_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bimtek.storage import backup
    from bimtek.storage.store import open_store

    path = Path(args.file)
    if args.action == "restore":
        backup.read_manifest(path)  # a foreign, damaged or newer file is refused before the store is even opened
    store = open_store(migrate=args.action == "backup")  # a backup is always of the newest schema
    try:
        if args.action == "backup":
            summary = backup.backup(store, path)
            print(
                f"Cadangan {store.describe()} ditulis ke '{path}': {summary.total} baris dari {len(summary.rows)} "
                f"tabel, revisi skema {summary.revision}."
            )
        else:
            summary = backup.restore(store, path, replace=args.timpa)
            print(
                f"Cadangan '{path}' (revisi {summary.revision}, dari {summary.dialect}, dibuat {summary.created_at}) "
                f"dipulihkan ke {store.describe()}: {summary.total} baris dari {len(summary.rows)} tabel."
            )
    finally:
        store.dispose()
    return EXIT_OK
