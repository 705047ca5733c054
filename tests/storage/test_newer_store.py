"""Issue 10 point 11: a store stamped by a newer release (an Alembic revision this code does not have) gets one clear
Indonesian message on every page and in the CLI, not a traceback, and its data stays untouched."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bimtek.cli import main
from bimtek.errors import StorageError
from bimtek.storage import accounts
from bimtek.storage.store import get_store, open_store
from tests.ui.conftest import problems, run_page
from ui import nav

FUTURE = "0099_masa_depan"
MESSAGE = f"Basis data dibuat oleh versi aplikasi yang lebih baru (revisi '{FUTURE}'); perbarui aplikasi atau gunakan"


def _stamp_future(store) -> None:
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": FUTURE})


def _dump(store) -> list[tuple]:
    with store.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text("SELECT id, name, pin_hash FROM learners ORDER BY id"))]


def test_opening_a_newer_store_says_so_and_leaves_it_untouched(db_url):
    store = open_store(db_url)
    accounts.create_profile(store, "Dewi", "2468")
    _stamp_future(store)
    before = _dump(store)
    store.dispose()
    with pytest.raises(StorageError) as err:
        open_store(db_url)
    assert str(err.value).startswith(MESSAGE)
    assert ("BIMTEK_DATA_DIR lain" if db_url.get_backend_name() == "sqlite" else "DATABASE_URL lain") in str(err.value)
    again = open_store(db_url, migrate=False)
    try:
        assert _dump(again) == before
        with again.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == FUTURE
    finally:
        again.dispose()


@pytest.fixture
def newer_store():
    store = get_store()
    _stamp_future(store)
    from bimtek.storage.store import dispose_all

    dispose_all()  # the next process (page run, command) opens the store afresh


@pytest.mark.parametrize("page", [nav.BERANDA, nav.MASUK, nav.STUDI_KASUS, nav.NARASUMBER])
def test_every_page_shows_the_message_instead_of_a_traceback(newer_store, page):
    at = run_page(page)
    assert not at.exception, problems(at)
    assert any(e.value.startswith(MESSAGE) for e in at.error)


def test_the_cli_exits_2_with_the_message(newer_store, capsys):
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(MESSAGE) and "Traceback" not in err
