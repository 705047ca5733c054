"""Shared by every test: each test gets its own empty store, so no test reads or writes the repository's data/."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest
from hypothesis import HealthCheck, settings

_SESSION_DATA: list[str] = []

# Fuzzing profiles (tests/test_fuzz_readers.py): `ci` keeps the suite to a few minutes, `long` is the documented
# longer run (README, "Fuzzing"). HYPOTHESIS_PROFILE chooses; the default is ci.
_FUZZ = {
    "deadline": None,  # each input's own time is asserted (2 s) by the tests, with a clearer message
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    "database": None,
    "print_blob": True,
}
settings.register_profile("ci", max_examples=60, derandomize=True, **_FUZZ)
settings.register_profile("long", max_examples=3000, **_FUZZ)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs a PostgreSQL server (DATABASE_URL_TEST; scripts/pg.sh)")
    # Also for subprocesses started before a test's own fixture runs (e.g. the browser test's Streamlit server).
    _SESSION_DATA.append(tempfile.mkdtemp(prefix="bimtek-test-data-"))
    os.environ["BIMTEK_DATA_DIR"] = _SESSION_DATA[0]
    os.environ.pop("DATABASE_URL", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _SESSION_DATA:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def isolated_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """BIMTEK_DATA_DIR -> a fresh temporary folder (the SQLite file is created there on first use)."""
    from bimtek.storage.store import dispose_all

    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("BIMTEK_DATA_DIR", str(folder))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    yield folder
    dispose_all()


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheap argon2id for PINs and passwords (the real parameters cost ~0.15 s a hash; one test checks them)."""
    from argon2 import PasswordHasher

    monkeypatch.setattr("bimtek.storage.hashing.hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def seed_progress(isolated_store):
    """seed(attempts=[...], exercises=[...], documents={kind: data}) -> the ui Learner owning them, for
    `run_page(..., session={state.LEARNER: learner})`. Records use ui/progress.py's shapes; missing optional fields
    of an attempt get empty values."""
    from bimtek.storage import accounts
    from bimtek.storage import progress as stored
    from bimtek.storage.store import get_store
    from ui.identity import Learner

    def seed(attempts=(), exercises=(), documents=None, name: str = "Peserta Uji") -> Learner:
        store = get_store()
        info = accounts.create_profile(store, name)
        for record in attempts:
            stored.record_attempt(store, info.id, record)
        for record in exercises:
            stored.record_exercise(store, info.id, record)
        for kind, data in (documents or {}).items():
            stored.save_document(store, info.id, kind, data)
        return Learner(id=info.id, name=info.name)

    return seed
