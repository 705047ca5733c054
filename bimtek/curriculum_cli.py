"""`python -m bimtek kurikulum`: the training curriculum (Kemenkes layout) as a DOCX or PDF file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bimtek.errors import InputError

EXIT_OK = 0


def _format(text: str) -> str:
    from bimtek.curriculum import FORMATS

    value = text.strip().lower().lstrip(".")
    if value not in FORMATS:
        raise argparse.ArgumentTypeError(f"format '{text[:20]}' tidak dikenal; pilihan: {', '.join(FORMATS)}")
    return value


def add_parsers(sub: Any) -> None:
    from bimtek.curriculum import ORGANISER_ENV, file_name

    p = sub.add_parser("kurikulum", help="kurikulum pelatihan (format Kemenkes) sebagai DOCX atau PDF")
    p.add_argument("--format", required=True, type=_format, metavar="docx|pdf", help="format berkas: docx atau pdf")
    p.add_argument(
        "--keluaran", metavar="FILE", help=f"berkas yang ditulis (bawaan: {file_name('docx')} atau .pdf di folder ini)"
    )
    p.add_argument("--penyelenggara", metavar="NAMA", help=f"nama penyelenggara (bawaan: {ORGANISER_ENV})")


def _check_target(path: Path, fmt: str) -> None:
    if path.is_dir():
        raise InputError([f"{path}: ini folder; beri nama berkas keluaran, mis. {path / f'kurikulum.{fmt}'}"])
    if path.suffix.lower() != f".{fmt}":
        raise InputError(
            [f"{path}: akhiran '{path.suffix or '(tidak ada)'}' tidak cocok dengan --format {fmt}; pakai berkas .{fmt}"]
        )
    if not path.parent.is_dir():
        raise InputError([f"{path}: folder '{path.parent}' tidak ada; buat dulu atau pilih folder lain"])


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as err:
        raise InputError([f"{path}: tidak dapat ditulis ({err.strerror or err}); pilih berkas keluaran lain"]) from None


def run(args: argparse.Namespace) -> int:
    from bimtek.content import load_scenarios
    from bimtek.curriculum import build_curriculum, file_name, organiser_from_env, render

    out = Path(args.keluaran) if args.keluaran else Path(file_name(args.format))
    _check_target(out, args.format)  # before any work: a wrong path is said at once
    from bimtek.modules import load_modules

    loaded = load_modules()
    if not loaded.modules:
        raise InputError(["tidak ada modul yang dapat dimuat; jalankan 'python -m bimtek validate modules/'"])
    organiser = args.penyelenggara if args.penyelenggara is not None else organiser_from_env()
    curriculum = build_curriculum(loaded.modules, organiser, load_scenarios().scenarios)
    data = render(curriculum, args.format)
    _write(out, data)
    print(
        f"Kurikulum {args.format.upper()}: {len(curriculum.modules)} materi, {curriculum.total_jpl} JPL, "
        f"{len(data) // 1024} KB -> {out}"
    )
    for problem in loaded.problems:  # a broken module is left out: say so, the file is still useful
        print(f"peringatan: modul tidak dimuat dan tidak ada di kurikulum: {problem}", file=sys.stderr)
    return EXIT_OK
