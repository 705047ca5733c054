"""A trainer's sign-in survives a browser refresh (?sesi=<token>), ends with Keluar, and expires after a workshop day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text, update

from bimtek.storage import accounts
from bimtek.storage.checklist import checklist_statuses
from bimtek.storage.models import TrainerSession
from bimtek.storage.store import get_store
from tests.ui.conftest import page_texts, point_at, problems, run_page
from tests.ui.test_dbd_case import CASE, LAB_BOOK, attach
from ui import identity, nav, roles, state


def ok(at):
    assert not at.exception, problems(at)
    return at


def trainer_of(at):
    try:
        return at.session_state[state.TRAINER]
    except KeyError:
        return None


def refresh(page: str, token: str):
    """A browser refresh: a new Streamlit session, only the URL carried over."""
    return ok(run_page(page, query={identity.TRAINER_QUERY_KEY: token}))


@pytest.fixture
def logged_in():
    """siti logged in on the Masuk page; returns the page and the token the URL now carries."""
    accounts.create_trainer(get_store(), "siti", "sandi-rahasia-1")
    at = ok(run_page(nav.MASUK))
    at.text_input(key=state.TRAINER_USER).input("siti")
    at.text_input(key=state.TRAINER_PASSWORD).input("sandi-rahasia-1")
    ok(at.button(key=state.TRAINER_SUBMIT).click().run())
    assert trainer_of(at).username == "siti"
    token = at.query_params[identity.TRAINER_QUERY_KEY]
    token = token[0] if isinstance(token, list) else token
    return at, token


def test_a_trainer_who_refreshes_the_projector_page_is_still_signed_in(logged_in):
    _, token = logged_in
    at = refresh(nav.NARASUMBER, token)
    assert trainer_of(at).username == "siti"
    assert roles.REFUSED not in " ".join(page_texts(at))
    assert "Narasumber: **siti**" in " ".join(c.value for c in at.sidebar.caption)
    assert at.query_params[identity.TRAINER_QUERY_KEY] in (token, [token])  # the URL still carries it


def test_after_keluar_the_token_no_longer_signs_anyone_in(logged_in):
    at, token = logged_in
    ok(at.button(key=state.TRAINER_SIGN_OUT).click().run())
    assert trainer_of(at) is None and identity.TRAINER_QUERY_KEY not in at.query_params
    again = refresh(nav.NARASUMBER, token)
    assert trainer_of(again) is None
    assert roles.REFUSED in " ".join(e.value for e in again.error)


def test_an_expired_or_unknown_token_is_ignored_quietly_and_dropped_from_the_url(logged_in):
    _, token = logged_in
    with get_store().engine.begin() as connection:
        connection.execute(update(TrainerSession).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)))
    for stale in (token, "bukan-token"):
        at = refresh(nav.BERANDA, stale)
        assert trainer_of(at) is None and not at.error and not at.sidebar.warning
        assert identity.TRAINER_QUERY_KEY not in at.query_params


def test_the_token_is_not_stored_in_plain_text(logged_in):
    _, token = logged_in
    with get_store().engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM trainer_sessions")).all()
    assert len(rows) == 1 and token not in " ".join(str(v) for v in rows[0])


def test_opening_the_checklist_page_stores_the_learners_status():
    profile = accounts.create_profile(get_store(), "Dewi")
    assert checklist_statuses(get_store(), [profile.id]) == {}
    ok(run_page(nav.CHECKLIST, query={identity.QUERY_KEY: profile.id}))
    stored = checklist_statuses(get_store(), [profile.id])[profile.id]
    assert set(stored) == {"regulasi", "pengisian_data", "penurunan_klaim", "sop"}
    assert not any(s["met"] for s in stored.values())
    assert stored["regulasi"]["evidence"] == ["Latihan regulasi belum dikerjakan."]


def test_a_submitted_attempt_writes_the_checklist_status_through_without_opening_the_checklist():
    profile = accounts.create_profile(get_store(), "Dewi")
    at = ok(run_page(nav.KASUS, query={"kasus": CASE, identity.QUERY_KEY: profile.id}))
    assert checklist_statuses(get_store(), [profile.id]) == {}
    point_at(at, ["lab"], "bukti")
    attach(at, LAB_BOOK)
    ok(at.button(key=state.SUBMIT).click().run())
    stored = checklist_statuses(get_store(), [profile.id])[profile.id]
    assert set(stored) == {"regulasi", "pengisian_data", "penurunan_klaim", "sop"}
    assert stored["pengisian_data"]["evidence"] == [
        "0 dari minimal 5 kasus entri P-Care berbeda selesai tanpa kesalahan."
    ]
