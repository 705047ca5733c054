"""Benchmark: generate N synthetic claims and verify them as one batch (target: 100,000 verified in <= 5 s, issue 8; <= 1 GiB).

Usage (from the repository root):
    .venv/bin/python scripts/benchmark_verify.py [--n 100000] [--seed 1] [--tracemalloc] [--profile FILE]

Prints generation and verification seconds separately, claims per second, peak memory (ru_maxrss of the
whole process; with --tracemalloc also the Python heap peak, which slows the run) and the status mix.
--profile writes cProfile stats of the verification to FILE (read with `python -m pstats FILE`).
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bimtek.synthetic import generate_claims  # noqa: E402
from bimtek.verification import STATUS_LABELS, verify_batch  # noqa: E402

TARGET_SECONDS = 5.0
TARGET_MIB = 1024.0


def peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of claims (default 100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tracemalloc", action="store_true", help="also report the Python heap peak (slower)")
    parser.add_argument("--profile", metavar="FILE", help="write cProfile stats of the verification to FILE")
    args = parser.parse_args(argv)
    if args.tracemalloc:
        tracemalloc.start()

    start = time.perf_counter()
    claims = generate_claims(args.n, args.seed)
    generated = time.perf_counter()
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    verdicts = verify_batch(claims)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    verified = time.perf_counter()

    gen_s, ver_s = generated - start, verified - generated
    rss = peak_rss_mib()
    print(f"claims:        {args.n:,} (seed {args.seed})")
    print(f"generation:    {gen_s:6.2f} s  ({args.n / gen_s:,.0f} claims/s)")
    print(f"verification:  {ver_s:6.2f} s  ({args.n / ver_s:,.0f} claims/s)")
    print(f"total:         {gen_s + ver_s:6.2f} s")
    print(f"peak RSS:      {rss:6.0f} MiB (whole process)")
    if args.tracemalloc:
        print(f"Python heap:   {tracemalloc.get_traced_memory()[1] / 2**20:6.0f} MiB peak (tracemalloc)")
    mix = Counter(v.status for v in verdicts)
    order = ("layak", "peringatan", "dikembalikan", "ditolak")
    print("status mix:    " + ", ".join(f"{STATUS_LABELS[s]} {mix[s] / args.n:.1%}" for s in order if mix[s]))
    if args.n >= 100_000:
        verdict = "met" if ver_s <= TARGET_SECONDS and rss <= TARGET_MIB else "MISSED"
        print(f"target (100k verified <= {TARGET_SECONDS:.0f} s, <= {TARGET_MIB:.0f} MiB): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
