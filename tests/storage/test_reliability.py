"""Issue 4 item 8: concurrent submissions lose nothing; a writer killed mid-write leaves the store intact.

On SQLite (WAL, busy timeout, BEGIN IMMEDIATE for writers) and on PostgreSQL, through the repository API.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import text

from bimtek.storage import accounts
from bimtek.storage import progress as stored
from bimtek.storage.store import open_store
from tests.storage.writer import CORRECTED, attempt

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = 100
ROOM = 20  # trainees; each submits SUBMISSIONS / ROOM attempts at the same moment


def _writer(url: str, learner_id: str, tag: str, count: int) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.storage.writer", url, learner_id, tag, str(count)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _url(store) -> str:
    return store.url.render_as_string(hide_password=False)


def test_100_concurrent_submissions_from_threads_lose_none(store):
    learners = [accounts.create_profile(store, f"Peserta {i:02d}").id for i in range(ROOM)]
    start = threading.Barrier(SUBMISSIONS)

    def submit(n: int) -> int:
        start.wait()
        return stored.record_attempt(store, learners[n % ROOM], attempt(f"t{n}", n))

    with ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool:
        ids = list(pool.map(submit, range(SUBMISSIONS)))

    assert len(set(ids)) == SUBMISSIONS
    assert sorted(stored.attempt_ids(store)) == sorted(ids)
    for i, learner in enumerate(learners):
        mine = stored.attempts(store, learner)
        assert sorted(a["score"] for a in mine) == list(range(i, SUBMISSIONS, ROOM))
        assert all(a["corrected"] == CORRECTED and a["flagged"] == ["EV01"] for a in mine)


def test_100_submissions_from_4_processes_at_once_lose_none(store):
    learners = [accounts.create_profile(store, f"Proses {i}").id for i in range(4)]
    writers = [_writer(_url(store), learner, str(i), SUBMISSIONS // 4) for i, learner in enumerate(learners)]
    outputs = [w.communicate(timeout=120) for w in writers]
    assert [w.returncode for w in writers] == [0, 0, 0, 0], [err for _, err in outputs]
    committed = [int(line.split()[0]) for out, _ in outputs for line in out.splitlines()]
    assert len(committed) == SUBMISSIONS
    assert sorted(stored.attempt_ids(store)) == sorted(committed)
    for learner in learners:
        assert [a["score"] for a in stored.attempts(store, learner)] == list(range(1, SUBMISSIONS // 4 + 1))


def test_writers_killed_mid_write_leave_the_store_intact_and_every_committed_attempt_readable(store):
    learners = [accounts.create_profile(store, f"Korban {i}").id for i in range(3)]
    writers = [_writer(_url(store), learner, str(i), 0) for i, learner in enumerate(learners)]
    committed: dict[str, list[tuple[int, int]]] = {learner: [] for learner in learners}
    deadline = time.monotonic() + 60
    for learner, writer in zip(learners, writers, strict=True):
        assert writer.stdout is not None
        while len(committed[learner]) < 20 and time.monotonic() < deadline:
            line = writer.stdout.readline()
            assert line, writer.stderr.read() if writer.stderr else "writer exited"
            attempt_id, number = map(int, line.split())
            committed[learner].append((attempt_id, number))
    for writer in writers:
        os.kill(writer.pid, signal.SIGKILL)
    for learner, writer in zip(learners, writers, strict=True):
        rest, _ = writer.communicate(timeout=30)  # commits printed between our last read and the kill
        committed[learner] += [tuple(map(int, line.split())) for line in rest.splitlines() if line.count(" ") == 1]
        assert writer.returncode == -signal.SIGKILL

    reopened = open_store(store.url)
    try:
        if reopened.is_sqlite:
            with reopened.engine.connect() as connection:
                assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        for learner in learners:
            rows = {a["score"]: a for a in stored.attempts(reopened, learner)}
            assert {number for _, number in committed[learner]} <= set(rows)
            assert all(rows[n]["corrected"] == CORRECTED for _, n in committed[learner])
            assert sorted(rows) == list(range(1, len(rows) + 1))  # nothing half-written, no gap
        assert stored.record_attempt(reopened, learners[0], attempt("sesudah", 1)) > 0  # and it still takes writes
    finally:
        reopened.dispose()
