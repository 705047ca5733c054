"""Benchmark of the file path: batch file in, verdicts file out, through `python -m bimtek verify --keluaran`.

Usage (from the repository root):
    .venv/bin/python scripts/benchmark_batch.py [--n 100000] [--xlsx 50000] [--juta] [--folder DIR]

Prints, with the machine's core count: in-memory verification of N synthetic claims (bimtek/synthetic.py);
N-row CSV -> verdicts CSV through the CLI in a subprocess (wall time, peak RSS of the child via
getrusage(RUSAGE_CHILDREN)) and its ratio to the in-memory time; the XLSX-row XLSX -> verdicts XLSX; with
--juta also the 1,000,000-row CSV streamed (peak RSS at 100k and at 1M side by side: it must not grow with the
rows). Each target of issue 12 is marked TERCAPAI or BELUM. Files are written to --folder (default: a
temporary folder, removed afterwards).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bimtek.batch_columns import claim_to_row  # noqa: E402
from bimtek.io import COLUMNS  # noqa: E402
from bimtek.spreadsheet import csv_text  # noqa: E402
from bimtek.synthetic import generate_claims  # noqa: E402
from bimtek.verification import verify_batch  # noqa: E402

GIB = 1024.0  # MiB
GENERATE_STEP = 50_000  # claims generated at a time while writing a big file (memory stays flat)


def _mark(ok: bool) -> str:
    return "TERCAPAI" if ok else "BELUM"


def write_csv(path: Path, n: int, seed: int = 1) -> None:
    """n synthetic claims as a batch CSV (full card numbers: it is the facility's own input file)."""
    names = [c.name for c in COLUMNS]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(names)
        done = 0
        while done < n:
            step = min(GENERATE_STEP, n - done)
            # each step is its own month of facilities; a new seed per step keeps card numbers varied
            for claim in generate_claims(step, seed + done):
                row = claim_to_row(claim)
                writer.writerow([csv_text(row[name]) for name in names])
            done += step


def write_xlsx(path: Path, n: int, seed: int = 1) -> None:
    from openpyxl import Workbook

    from bimtek.spreadsheet import safe_cell

    names = [c.name for c in COLUMNS]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("klaim")
    sheet.append(names)
    for claim in generate_claims(n, seed):
        row = claim_to_row(claim)
        sheet.append([safe_cell(row[name]) for name in names])
    book.save(path)


def run_cli(source: Path, target: Path) -> tuple[float, float, int]:
    """Wall seconds and peak RSS (MiB) of `python -m bimtek verify source --keluaran target` in a fresh child."""
    code = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run([sys.executable, '-m', 'bimtek', 'verify', sys.argv[1], '--keluaran', sys.argv[2]],"
        " stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
    )  # one wrapper per run, so RUSAGE_CHILDREN holds this run's peak only
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code, str(source), str(target)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    kib, returncode = out.stdout.split()
    scale = 1 if sys.platform == "darwin" else 1024
    return seconds, int(kib) * scale / 2**20, int(returncode)


def rows_in(path: Path) -> int:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        n = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 1
        book.close()
        return n
    with path.open(encoding="utf-8-sig", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="rows of the CSV run and the in-memory run")
    parser.add_argument("--xlsx", type=int, default=50_000, help="rows of the XLSX run (0: skip)")
    parser.add_argument("--juta", action="store_true", help="also the 1,000,000-row streamed CSV")
    parser.add_argument("--folder", type=Path, help="keep the generated files here")
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}  python: {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)

        claims = generate_claims(args.n, 1)
        start = time.perf_counter()
        verify_batch(claims)
        in_memory = time.perf_counter() - start
        del claims
        print(f"in-memory verification, {args.n:,} claims: {in_memory:.2f} s")

        source = folder / f"batch-{args.n}.csv"
        write_csv(source, args.n)
        target = folder / f"hasil-{args.n}.csv"
        seconds, rss, code = run_cli(source, target)
        size = source.stat().st_size / 2**20
        print(f"CSV {args.n:,} rows ({size:.0f} MiB) -> verdicts CSV (CLI): {seconds:.2f} s, peak {rss:.0f} MiB, "
              f"exit {code}, {rows_in(target):,} verdicts; {seconds / in_memory:.1f}x in-memory")  # fmt: skip
        if args.n == 100_000:
            print(f"  target 100k CSV <= 10 s and <= 1 GiB: {_mark(seconds <= 10 and rss <= GIB)}")
            print(f"  goal within 1.5x of in-memory: {_mark(seconds <= 1.5 * in_memory)}")
        rss_small = rss

        if args.xlsx:
            source = folder / f"batch-{args.xlsx}.xlsx"
            write_xlsx(source, args.xlsx)
            target = folder / f"hasil-{args.xlsx}.xlsx"
            seconds, rss, code = run_cli(source, target)
            print(f"XLSX {args.xlsx:,} rows -> verdicts XLSX (CLI): {seconds:.2f} s, peak {rss:.0f} MiB, exit {code}, "
                  f"{rows_in(target):,} verdicts")  # fmt: skip
            if args.xlsx == 50_000:
                print(f"  target 50k XLSX <= 30 s and <= 1 GiB: {_mark(seconds <= 30 and rss <= GIB)}")

        if args.juta:
            n = 1_000_000
            source = folder / "batch-1000000.csv"
            write_csv(source, n)
            target = folder / "hasil-1000000.csv"
            seconds, rss, code = run_cli(source, target)
            print(f"CSV {n:,} rows -> verdicts CSV (CLI): {seconds:.1f} s, peak {rss:.0f} MiB, exit {code}")
            print(f"  peak RSS: {rss_small:.0f} MiB at {args.n:,} rows, {rss:.0f} MiB at {n:,} rows")
            print(f"  target 1M CSV peak <= 1 GiB: {_mark(rss <= GIB)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
