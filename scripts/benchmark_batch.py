"""Benchmark of the file path: batch file in, verdicts file out, through `python -m bimtek verify --keluaran`.

Usage (from the repository root):
    .venv/bin/python scripts/benchmark_batch.py [--n 100000] [--xlsx 50000] [--juta] [--dashboard] [--folder DIR]

Prints the machine's core count and load, then each target of issue 12 with its figure, its limit and PASS or
FAIL: in-memory verification of N synthetic claims (bimtek/synthetic.py) beside the N-row CSV -> verdicts CSV
through the CLI in a subprocess (wall time; peak memory: the summed PSS of the CLI and its worker processes,
sampled every 0.1 s) and their ratio;
the XLSX-row XLSX -> verdicts XLSX; with --juta the 1,000,000-row CSV streamed (its rows are the N-row file's,
repeated with new claim and card numbers; peak memory at N and at 1M side by side); with --dashboard the trainer's
dashboard read from the store (scripts/benchmark_dashboard.py). Files are written to --folder (default: a
temporary folder, removed afterwards).
"""

from __future__ import annotations

import argparse
import contextlib
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
    return "PASS" if ok else "FAIL"


def target(name: str, figure: str, limit: str, ok: bool) -> bool:
    print(f"  TARGET {name}: {figure} (limit {limit}) -> {_mark(ok)}")
    return ok


def load_text() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def repeat_csv(source: Path, target_path: Path, n: int) -> None:
    """n rows from the rows of `source`, repeated with new claim and card numbers (distinct participants)."""
    with source.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    klaim, kartu = header.index("no_klaim"), header.index("no_kartu")
    with target_path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        done, copy = 0, 0
        while done < n:
            for row in rows[: n - done]:
                if copy:
                    row = list(row)
                    row[klaim] = f"{row[klaim]}-{copy}"
                    row[kartu] = f"{copy % 1000:03d}{row[kartu][3:]}"  # 13 digits, another participant
                writer.writerow(row)
            done += len(rows[: n - done])
            copy += 1


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


def _tree(pid: int) -> list[int]:
    """pid and every descendant (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo += [int(child) for child in task.read_text().split()]
    return out


def _pss_mib(pids: list[int]) -> float:
    """The processes' proportional set size summed (shared pages of forked workers counted once), in MiB."""
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)
    return total / 1024


def run_cli(source: Path, target: Path) -> tuple[float, float, int]:
    """Wall seconds and peak memory (MiB) of `python -m bimtek verify source --keluaran target`: the peak of the
    summed PSS of the CLI and its worker processes, sampled every 0.1 s (Linux)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bimtek", "verify", str(source), "--keluaran", str(target)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    peak = 0.0
    while child.poll() is None:
        peak = max(peak, _pss_mib(_tree(child.pid)))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    return seconds, peak, child.returncode


def rows_in(path: Path) -> int:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        n = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 1
        book.close()
        return n
    with path.open(encoding="utf-8-sig", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def dashboard_seconds() -> float:
    """The trainer's dashboard for 1,000 trainees x 30 attempts read from a fresh SQLite store (best of 3)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import benchmark_dashboard as board

    members, attempts = board.make_records(1000, 30)
    with tempfile.TemporaryDirectory() as folder:
        store = board.open_store(f"sqlite:///{folder}/bench.sqlite")
        try:
            cohort_id = board.fill_store(store, members, attempts)

            def from_store() -> object:
                rows = [(m.id, m.name) for m in board.cohorts.cohort_members(store, cohort_id)]
                fields = board.cohorts.DASHBOARD_FIELDS
                return board.summarise(rows, board.cohorts.cohort_attempts(store, cohort_id, fields))

            seconds, _ = board.timed(from_store)
        finally:
            store.dispose()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="rows of the CSV run and the in-memory run")
    parser.add_argument("--xlsx", type=int, default=50_000, help="rows of the XLSX run (0: skip)")
    parser.add_argument("--juta", action="store_true", help="also the 1,000,000-row streamed CSV")
    parser.add_argument("--dashboard", action="store_true", help="also the trainer's dashboard read from the store")
    parser.add_argument("--folder", type=Path, help="keep the generated files here")
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}  python: {sys.version.split()[0]}  {load_text()}")
    results: list[bool] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)

        source = folder / f"batch-{args.n}.csv"
        if not source.exists():
            write_csv(source, args.n)
        claims = generate_claims(args.n, 1)
        start = time.perf_counter()
        verify_batch(claims)
        in_memory = time.perf_counter() - start
        del claims
        target_path = folder / f"hasil-{args.n}.csv"
        seconds, rss, code = run_cli(source, target_path)
        size = source.stat().st_size / 2**20
        print(f"in-memory verification, {args.n:,} claims: {in_memory:.2f} s")
        print(f"CSV {args.n:,} rows ({size:.0f} MiB) -> verdicts CSV (CLI): {seconds:.2f} s, peak {rss:.0f} MiB, "
              f"exit {code}, {rows_in(target_path):,} verdicts; {seconds / in_memory:.1f}x in-memory ({load_text()})")  # fmt: skip
        if args.n == 100_000:
            results.append(target("100k CSV time", f"{seconds:.1f} s", "10 s", seconds <= 10))
            results.append(target("100k CSV peak memory", f"{rss:.0f} MiB", "1024 MiB", rss <= GIB))
            ratio = seconds / in_memory
            target("goal, within 1.5x of in-memory", f"{ratio:.1f}x ({seconds:.1f} s vs {in_memory:.1f} s)", "1.5x", ratio <= 1.5)  # fmt: skip
        rss_small = rss

        if args.xlsx:
            xlsx = folder / f"batch-{args.xlsx}.xlsx"
            if not xlsx.exists():
                write_xlsx(xlsx, args.xlsx)
            target_path = folder / f"hasil-{args.xlsx}.xlsx"
            seconds, rss, code = run_cli(xlsx, target_path)
            print(f"XLSX {args.xlsx:,} rows -> verdicts XLSX (CLI): {seconds:.2f} s, peak {rss:.0f} MiB, exit {code}, "
                  f"{rows_in(target_path):,} verdicts ({load_text()})")  # fmt: skip
            if args.xlsx == 50_000:
                results.append(target("50k XLSX time", f"{seconds:.1f} s", "30 s", seconds <= 30))
                results.append(target("50k XLSX peak memory", f"{rss:.0f} MiB", "1024 MiB", rss <= GIB))

        if args.juta:
            n = 1_000_000
            big = folder / "batch-1000000.csv"
            if not big.exists():
                repeat_csv(source, big, n)
            target_path = folder / "hasil-1000000.csv"
            seconds, rss, code = run_cli(big, target_path)
            size = big.stat().st_size / 2**20
            print(f"CSV {n:,} rows ({size:.0f} MiB) -> verdicts CSV (CLI): {seconds:.1f} s, peak {rss:.0f} MiB, "
                  f"exit {code} ({load_text()})")  # fmt: skip
            print(f"  peak memory: {rss_small:.0f} MiB at {args.n:,} rows, {rss:.0f} MiB at {n:,} rows")
            results.append(target("1M CSV peak memory", f"{rss:.0f} MiB", "1024 MiB", rss <= GIB))

        if args.dashboard:
            seconds = dashboard_seconds()
            results.append(target("dashboard 1,000 x 30 from the store", f"{seconds:.3f} s", "0.5 s", seconds <= 0.5))
    print(f"{sum(results)} of {len(results)} targets met ({load_text()})")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
