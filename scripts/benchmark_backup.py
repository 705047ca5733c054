"""Benchmark: `db backup` and `db restore` of a large store, each as the command a server runs: time and peak memory.

Usage (from the repository root):
    .venv/bin/python scripts/benchmark_backup.py [--trainees 1000] [--attempts 30] [--database-url URL]

A fresh SQLite store gets `--trainees` x `--attempts` attempts (scripts/benchmark_dashboard.py's records); then
`python -m bimtek db backup` writes it, `db restore` loads it into a fresh SQLite store and, with --database-url (an
EMPTY PostgreSQL database), into PostgreSQL. Each step prints its wall time and the process's peak memory (max RSS):
rows stream in batches, so memory should not grow with the store.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark_dashboard import fill_store, make_records  # noqa: E402

from bimtek.storage.store import open_store  # noqa: E402


def run(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Runs `python -m bimtek db ARGS`; returns (seconds, peak RSS in MiB) of that process.

    The peak is the process's own VmHWM, sampled until it exits (a child's ru_maxrss would count the memory of this
    benchmark, which it was forked from).
    """
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "bimtek", "db", *args], cwd=ROOT, env=env)
    peak_kib = 0
    while process.poll() is None:
        try:
            for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak_kib = max(peak_kib, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"db {' '.join(args)} exited with {process.returncode}")
    return seconds, peak_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=1000)
    parser.add_argument("--attempts", type=int, default=30)
    parser.add_argument("--database-url", help="an EMPTY PostgreSQL database to restore into as well")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bimtek-backup-bench-") as folder:
        source = f"sqlite:///{folder}/sumber.sqlite"
        store = open_store(source)
        members, attempts = make_records(args.trainees, args.attempts)
        fill_store(store, members, attempts)
        store.dispose()
        file = Path(folder) / "cadangan.zip"
        base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        print(
            f"store: {len(members):,} trainees, {len(attempts):,} attempts (SQLite {Path(folder, 'sumber.sqlite').stat().st_size / 2**20:.0f} MiB)"
        )
        seconds, peak = run({**base, "DATABASE_URL": source}, "backup", str(file))
        print(f"backup SQLite -> {file.stat().st_size / 2**20:.1f} MiB zip: {seconds:.1f} s, peak {peak:.0f} MiB")
        seconds, peak = run({**base, "DATABASE_URL": f"sqlite:///{folder}/tujuan.sqlite"}, "restore", str(file))
        print(f"restore -> fresh SQLite: {seconds:.1f} s, peak {peak:.0f} MiB")
        if args.database_url:
            seconds, peak = run({**base, "DATABASE_URL": args.database_url}, "restore", str(file))
            print(f"restore -> PostgreSQL: {seconds:.1f} s, peak {peak:.0f} MiB")
            seconds, peak = run({**base, "DATABASE_URL": args.database_url}, "backup", str(Path(folder) / "pg.zip"))
            print(f"backup PostgreSQL: {seconds:.1f} s, peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
