"""`python -m bimtek scorm` and `python -m bimtek xapi`: the course out to an LMS (SCORM 1.2) and an LRS (xAPI)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bimtek.errors import InputError

EXIT_OK = 0


def _percent(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' bukan bilangan bulat 0-100") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"'{value}' di luar 0-100")
    return value


def add_parsers(sub: Any) -> None:
    from bimtek.scorm import MASTERY_PERCENT

    p = sub.add_parser("scorm", help="paket SCORM 1.2 modul Bimtek untuk LMS (mis. Moodle)")
    p.add_argument("modules", nargs="*", metavar="MODUL", help="id modul, mis. tarif (bawaan: seluruh kursus)")
    p.add_argument("--keluaran", required=True, metavar="FILE.zip", help="berkas paket yang ditulis")
    p.add_argument("--judul", help="judul kursus di LMS (bawaan: judul modul, atau judul Bimtek untuk seluruh kursus)")
    p.add_argument(
        "--nilai-lulus",
        type=_percent,
        default=MASTERY_PERCENT,
        metavar="0-100",
        help=f"nilai lulus (bawaan {MASTERY_PERCENT})",
    )
    p = sub.add_parser("xapi", help="percobaan peserta sebagai pernyataan xAPI (JSON Lines), opsional dikirim ke LRS")
    p.add_argument("--keluaran", required=True, metavar="FILE.jsonl", help="berkas JSON Lines yang ditulis")
    p.add_argument("--kirim", action="store_true", help="kirim juga ke LRS (BIMTEK_LRS_ENDPOINT, _KEY, _SECRET)")
    p.add_argument("--kelas", metavar="KODE", help="hanya peserta kelas dengan kode gabung ini")
    p.add_argument("--basis", metavar="URL", help="alamat dasar id aktivitas dan akun (bawaan: BIMTEK_XAPI_BASE)")
    p.add_argument("--sertakan-nama", action="store_true", help="cantumkan nama peserta pada aktor (bawaan: tidak)")
    p.add_argument(
        "--nilai-lulus",
        type=_percent,
        default=MASTERY_PERCENT,
        metavar="0-100",
        help=f"nilai lulus modul (bawaan {MASTERY_PERCENT})",
    )


def run(args: argparse.Namespace) -> int:
    return _scorm(args) if args.command == "scorm" else _xapi(args)


def _write(path: Path, data: bytes) -> None:
    if path.is_dir():
        raise InputError([f"{path}: ini folder; beri nama berkas keluaran"])
    if not path.parent.is_dir():
        raise InputError([f"{path}: folder '{path.parent}' tidak ada"])
    try:
        path.write_bytes(data)
    except OSError as err:
        raise InputError([f"{path}: tidak dapat ditulis ({err.strerror or err})"]) from None


def _scorm(args: argparse.Namespace) -> int:
    from bimtek.modules import load_modules
    from bimtek.scorm import build_package

    loaded = load_modules()
    by_id = {m.id: m for m in loaded.modules}
    broken = {Path(p.file).stem for p in loaded.problems}
    problems = []
    for wanted in args.modules:
        if wanted in broken:
            problems.append(
                f"modul '{wanted}' tidak dapat dimuat; jalankan 'python -m bimtek validate' untuk rinciannya"
            )
        elif wanted not in by_id:
            problems.append(f"modul '{wanted[:60]}' tidak dikenal; pilihan: {', '.join(by_id)}")
    if problems:
        raise InputError(problems)
    modules = [by_id[m] for m in dict.fromkeys(args.modules)] or loaded.modules
    package = build_package(modules, args.judul, args.nilai_lulus)
    out = Path(args.keluaran)
    _write(out, package.data)
    print(f"Paket SCORM 1.2: {len(modules)} modul, {len(package.data) // 1024} KB -> {out}")
    return EXIT_OK


def _xapi(args: argparse.Namespace) -> int:
    from bimtek.content import load_scenarios
    from bimtek.modules import load_modules
    from bimtek.storage.accounts import find_cohort
    from bimtek.storage.learning_records import learning_records
    from bimtek.storage.store import open_store
    from bimtek.xapi import Catalogue, base_iri, build_statements, lrs_config, send_statements, to_jsonl

    base = base_iri(args.basis)
    config = lrs_config() if args.kirim else None  # a missing setting is said before any work
    store = open_store()
    cohort_id = find_cohort(store, args.kelas).id if args.kelas else None
    modules = load_modules().modules
    catalogue = Catalogue(
        {m.id: m.judul for m in modules},
        {m.id: {e.id: e.judul for e in m.latihan} for m in modules},
        {s.id: s.judul for s in load_scenarios().scenarios},
    )
    statements = build_statements(
        learning_records(store, cohort_id), catalogue, base, with_name=args.sertakan_nama, mastery=args.nilai_lulus
    )
    out = Path(args.keluaran)
    _write(out, to_jsonl(statements))
    counts: dict[str, int] = {}
    for s in statements:
        word = s["verb"]["display"]["id-ID"]
        counts[word] = counts.get(word, 0) + 1
    detail = ", ".join(f"{n} {word}" for word, n in counts.items())
    print(f"{len(statements)} pernyataan xAPI{f' ({detail})' if detail else ''} -> {out}")
    if config is not None:
        sent = send_statements(statements, config)
        print(f"{sent} pernyataan terkirim ke LRS {config.endpoint}", file=sys.stdout)
    return EXIT_OK
