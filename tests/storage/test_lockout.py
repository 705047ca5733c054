"""Issue 10 point 5: the lockout holds under concurrency - 60 parallel wrong guesses reach the slow hash at most
MAX_FAILURES times, on SQLite and PostgreSQL, for trainees' PINs and trainers' passwords alike."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from bimtek.errors import InputError
from bimtek.storage import accounts, hashing
from bimtek.storage.models import Learner, Trainer

GUESSES = 60


class CountingVerifier:
    """Wraps hashing.verify_secret: counts the verifications against one account's hash, and makes each one slow
    (like argon2 at production strength) so the parallel guesses really overlap."""

    def __init__(self, stored_hash: str) -> None:
        self.stored_hash = stored_hash
        self.count = 0
        self._lock = threading.Lock()
        self._real = hashing.verify_secret

    def __call__(self, stored_hash: str | None, secret: str) -> bool:
        if stored_hash == self.stored_hash:
            with self._lock:
                self.count += 1
            time.sleep(0.05)
        return self._real(stored_hash, secret)


def _guess_in_parallel(attempt: Callable[[], object]) -> list[str]:
    start = threading.Barrier(GUESSES)

    def one(_: int) -> str:
        start.wait()
        try:
            attempt()
        except InputError as err:
            return str(err)
        return "DIBUKA"

    with ThreadPoolExecutor(max_workers=GUESSES) as pool:
        return list(pool.map(one, range(GUESSES)))


def _row(store, model, **where) -> dict[str, object]:
    """The account's columns, as stored."""
    return store.read(lambda session: dict(session.execute(select(model.__table__).filter_by(**where)).one()._mapping))


def test_60_parallel_wrong_pins_reach_the_hash_at_most_5_times_and_lock_the_profile(store, monkeypatch):
    accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    cohort = accounts.create_cohort(store, "Bimtek Klaim Oktober", "siti")
    rina = accounts.join_cohort(store, cohort.join_code, "Rina", "4821")
    pin_hash = _row(store, Learner, id=rina.id)["pin_hash"]
    verifier = CountingVerifier(pin_hash)
    monkeypatch.setattr(hashing, "verify_secret", verifier)

    outcomes = _guess_in_parallel(lambda: accounts.open_profile(store, rina.id, "0000"))

    print(f"\n{store.url.get_backend_name()}: {verifier.count} of {GUESSES} parallel PIN guesses verified")
    assert "DIBUKA" not in outcomes
    assert 1 <= verifier.count <= accounts.MAX_FAILURES
    assert sum("dikunci" in text for text in outcomes) >= GUESSES - accounts.MAX_FAILURES
    row = _row(store, Learner, id=rina.id)
    assert row["locked_until"] is not None and row["locked_until"] > accounts.now()
    with pytest.raises(InputError, match="dikunci"):
        accounts.open_profile(store, rina.id, "4821")  # the right PIN waits for the lock too
    assert verifier.count <= accounts.MAX_FAILURES
    later = accounts.now() + dt.timedelta(minutes=accounts.LOCK_MINUTES + 1)
    monkeypatch.setattr(accounts, "now", lambda: later)
    assert accounts.open_profile(store, rina.id, "4821").id == rina.id
    assert _row(store, Learner, id=rina.id)["failed_pins"] == 0


def test_60_parallel_wrong_passwords_reach_the_hash_at_most_5_times_and_lock_the_trainer(store, monkeypatch):
    accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    verifier = CountingVerifier(_row(store, Trainer, username="siti")["password_hash"])
    monkeypatch.setattr(hashing, "verify_secret", verifier)

    outcomes = _guess_in_parallel(lambda: accounts.authenticate_trainer(store, "siti", "tebakan-salah"))

    print(f"\n{store.url.get_backend_name()}: {verifier.count} of {GUESSES} parallel password guesses verified")
    assert "DIBUKA" not in outcomes
    assert 1 <= verifier.count <= accounts.MAX_FAILURES
    with pytest.raises(InputError):
        accounts.authenticate_trainer(store, "siti", "sandi-rahasia-1")
    assert verifier.count <= accounts.MAX_FAILURES
    later = accounts.now() + dt.timedelta(minutes=accounts.LOCK_MINUTES + 1)
    monkeypatch.setattr(accounts, "now", lambda: later)
    assert accounts.authenticate_trainer(store, "siti", "sandi-rahasia-1").username == "siti"


def test_an_expired_lock_gives_a_fresh_count_of_tries(store, monkeypatch):
    profile = accounts.create_profile(store, "Ahmad", "2468")
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(InputError):
            accounts.open_profile(store, profile.id, "0000")
    later = accounts.now() + dt.timedelta(minutes=accounts.LOCK_MINUTES + 1)
    monkeypatch.setattr(accounts, "now", lambda: later)
    with pytest.raises(InputError, match="sisa 4 percobaan"):
        accounts.open_profile(store, profile.id, "0000")
