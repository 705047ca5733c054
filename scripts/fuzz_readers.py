"""Feeds N generated malformed inputs to every reader and prints how many raised an uncaught exception and the
slowest input (issue 10: 10,000 inputs, 0 uncaught, none over 2 s).

    .venv/bin/python scripts/fuzz_readers.py [--n 10000] [--seed 1] [--save DIR]

Inputs are mutations of the shipped examples, a scenario and a module (tests/fuzzing.py): bytes flipped, cut or
repeated, values swapped for hostile ones (huge or non-finite numbers, impossible dates, lone surrogates, control
characters, deep nesting, YAML alias bombs, formulas, very long cells, thousands of columns), damaged .xlsx parts.
Exit code 1 when any input raised something other than the project's user-safe error or took over 2 s; with
--save, each such input is written to DIR for reproduction.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzzing import MAX_SECONDS, mutate, run, seeds  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of generated inputs (10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--save", type=Path, default=None, help="folder for inputs that failed")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    uncaught: Counter[str] = Counter()
    slow = 0
    slowest = (0.0, "")
    per_kind: Counter[str] = Counter()
    started = time.perf_counter()
    for i in range(args.n):
        seed = rng.choice(seeds())
        data = mutate(rng, seed, rounds=rng.randint(1, 3))
        outcome = run(seed.kind, seed.name, data)
        per_kind[f"{seed.kind}:{seed.name}"] += 1
        if outcome.seconds > slowest[0]:
            slowest = (outcome.seconds, f"#{i} {seed.kind} {seed.name} ({len(data)} bytes)")
        failed = outcome.error is not None or outcome.seconds > MAX_SECONDS
        if outcome.error is not None:
            uncaught[f"{type(outcome.error).__name__}: {str(outcome.error)[:100]}"] += 1
        if outcome.seconds > MAX_SECONDS:
            slow += 1
        if failed and args.save is not None:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{i:05d}-{seed.kind}-{seed.name}").write_bytes(data)
    total = time.perf_counter() - started
    print(f"inputs: {args.n} (seed {args.seed}) in {total:.1f} s")
    print("per reader: " + ", ".join(f"{k} {v}" for k, v in sorted(per_kind.items())))
    print(f"uncaught exceptions: {sum(uncaught.values())}")
    for message, count in uncaught.most_common(20):
        print(f"  {count} x {message}")
    print(f"inputs over {MAX_SECONDS:g} s: {slow}")
    print(f"slowest input: {slowest[0]:.3f} s ({slowest[1]})")
    return 1 if uncaught or slow else 0


if __name__ == "__main__":
    sys.exit(main())
