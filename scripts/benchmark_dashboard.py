"""Benchmark: the trainer's dashboard aggregation at 1,000 trainees x 30 attempts, and 60 trainees submitting at once.

Usage (from the repository root):
    .venv/bin/python scripts/benchmark_dashboard.py [--trainees 1000] [--attempts 30] [--room 60] [--rounds 5]
                                                    [--database-url URL]

1. summarise() over records generated in memory (target: <= 1 s for 1,000 x 30);
2. the same cohort written to a fresh SQLite store (or --database-url, e.g. PostgreSQL), then read back with the
   dashboard's repository calls (cohort_members + cohort_attempts) and aggregated;
3. `--room` trainees (threads) submit `--rounds` attempts each, all released at once, through the same repository
   calls ui/progress.record_attempt makes (record_attempt + complete_assignments); p50/p95/max latency printed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bimtek.storage import accounts, cohorts  # noqa: E402
from bimtek.storage import progress as stored  # noqa: E402
from bimtek.storage.models import Attempt, Learner, utcnow  # noqa: E402
from bimtek.storage.store import Store, open_store  # noqa: E402
from scoring.dashboard import summarise  # noqa: E402

TARGET_SECONDS = 1.0
RULES = ["EV01", "EV02", "DK01", "DK02", "DK03", "KD01", "KD02", "KL01", "PC01", "PC02", "TR01", "WK01"]
CASES = [f"kasus-{i:02d}" for i in range(34)]


def make_records(trainees: int, per_trainee: int, seed: int = 1) -> tuple[list[tuple[str, str]], list[dict]]:
    rng = random.Random(seed)
    members = [(f"p{i:05d}", f"Peserta {i:04d}") for i in range(trainees)]
    attempts = []
    for learner_id, _ in members:
        for _ in range(per_trainee):
            score = rng.randint(0, 100)
            attempts.append(
                {
                    "learner_id": learner_id,
                    "scenario_id": rng.choice(CASES),
                    "score": score,
                    "correction_ok": score >= 70,
                    "integrity_ok": rng.random() > 0.05,
                    "missed": rng.sample(RULES, rng.randint(0, 2)),
                    "remaining": rng.sample(RULES, rng.randint(0, 1)),
                    "seconds": rng.uniform(60, 900),
                }
            )
    return members, attempts


def timed(work, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def fill_store(store: Store, members: list[tuple[str, str]], attempts: list[dict]) -> int:
    accounts.create_trainer(store, "bench", "sandi-bench-1")
    cohort = accounts.create_cohort(store, "Kelas Benchmark", "bench")
    now = utcnow()

    def work(session) -> None:
        session.add_all(
            Learner(id=i, name=n, name_key=n.casefold(), scope=f"kelas:{cohort.id}", cohort_id=cohort.id, guest=False,
                    failed_pins=0, created_at=now, last_seen_at=now)
            for i, n in members
        )  # fmt: skip
        session.flush()
        session.add_all(
            Attempt(learner_id=a["learner_id"], scenario_id=a["scenario_id"], score=a["score"], points={},
                    correction_ok=a["correction_ok"], integrity_ok=a["integrity_ok"], withdrawn=False, flagged=[],
                    found=[], missed=a["missed"], false_alarms=[], remaining=a["remaining"], status_after=None,
                    seconds=a["seconds"], corrected=None, created_at=now)
            for a in attempts
        )  # fmt: skip

    store.write(work)
    return cohort.id


def room_submits(store: Store, room: int, rounds: int) -> list[float]:
    """`room` trainees, one thread each, submit `rounds` attempts; every thread starts at the same instant."""
    accounts.create_trainer(store, "ruang", "sandi-ruang-1")
    cohort = accounts.create_cohort(store, "Ruang Bimtek", "ruang")
    ids = [accounts.join_cohort(store, cohort.join_code, f"Peserta {i}", "4821").id for i in range(room)]
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(room)

    def trainee(learner_id: str) -> None:
        barrier.wait()
        for n in range(rounds):
            record = {"scenario_id": CASES[n], "score": 80, "correction_ok": True, "integrity_ok": True,
                      "missed": ["EV01"], "seconds": 300.0}  # fmt: skip
            start = time.perf_counter()
            stored.record_attempt(store, learner_id, record)
            cohorts.complete_assignments(store, learner_id, "skenario", CASES[n])
            with lock:
                latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=trainee, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = len(cohorts.cohort_attempts(store, cohort.id))
    assert saved == room * rounds, f"{saved} of {room * rounds} attempts saved"
    return latencies


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=1000)
    parser.add_argument("--attempts", type=int, default=30, help="attempts per trainee")
    parser.add_argument("--room", type=int, default=60, help="trainees submitting at once")
    parser.add_argument("--rounds", type=int, default=5, help="attempts each of them submits")
    parser.add_argument("--database-url", help="an EMPTY database to use instead of a temporary SQLite file")
    args = parser.parse_args(argv)

    members, attempts = make_records(args.trainees, args.attempts)
    seconds, board = timed(lambda: summarise(members, attempts))
    verdict = "OK" if seconds <= TARGET_SECONDS else "TOO SLOW"
    print(f"aggregation, in memory: {args.trainees} trainees x {args.attempts} attempts = {len(attempts)} records: "
          f"{seconds:.3f} s (target <= {TARGET_SECONDS:.0f} s: {verdict})")  # fmt: skip

    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite"
        store = open_store(url)
        try:
            start = time.perf_counter()
            cohort_id = fill_store(store, members, attempts)
            print(f"store ({store.url.get_backend_name()}): wrote {len(attempts)} attempts in "
                  f"{time.perf_counter() - start:.2f} s")  # fmt: skip

            def from_store():
                rows = [(m.id, m.name) for m in cohorts.cohort_members(store, cohort_id)]
                return summarise(rows, cohorts.cohort_attempts(store, cohort_id, cohorts.DASHBOARD_FIELDS))

            loaded, board_from_store = timed(from_store)
            same = board_from_store.heatmap == board.heatmap  # type: ignore[attr-defined]
            print(f"aggregation, loaded from the store: {loaded:.3f} s (read + aggregate; same figures: {same})")

            latencies = room_submits(store, args.room, args.rounds)
            print(f"{args.room} trainees submitting at once, {args.rounds} attempts each ({len(latencies)} saved, "
                  f"none lost): p50 {1000 * percentile(latencies, 50):.1f} ms, "
                  f"p95 {1000 * percentile(latencies, 95):.1f} ms, max {1000 * max(latencies):.1f} ms")  # fmt: skip
        finally:
            store.dispose()
    return 0 if seconds <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
