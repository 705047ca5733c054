"""Issue 10 point 6: a link alone never opens a profile with a PIN; "Keluar" ends the link's session; the Masuk page
never carries other profiles' ids. Profiles without a PIN keep working across a refresh (tests/ui/test_identity.py)."""

from __future__ import annotations

import pytest

from bimtek.storage import accounts, sessions
from bimtek.storage.store import get_store
from tests.ui.conftest import page_texts, problems, run_page
from ui import identity, nav, state


def ok(at):
    assert not at.exception, problems(at)
    return at


def signed_in(at) -> identity.Learner | None:
    try:
        return at.session_state[state.LEARNER]
    except KeyError:
        return None


def query(at, key: str) -> str | None:
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def sidebar_text(at) -> str:
    return " ".join(str(e.value) for kind in ("info", "warning", "error") for e in getattr(at.sidebar, kind))


def give_link_pin(at, pin: str):
    at.text_input(key=state.LINK_PIN).input(pin)
    return ok(at.button(key=state.LINK_PIN_SUBMIT).click().run())


@pytest.fixture
def trainee():
    accounts.create_trainer(get_store(), "siti", "sandi-rahasia-1")
    cohort = accounts.create_cohort(get_store(), "Bimtek Klaim Oktober", "siti")
    return accounts.join_cohort(get_store(), cohort.join_code, "Rina", "4821")


def test_a_bare_link_to_a_pin_profile_asks_the_pin_and_opens_only_with_it(trainee):
    at = ok(run_page(nav.STUDI_KASUS, query={identity.QUERY_KEY: trainee.id}))  # a new device, an old or leaked link
    assert signed_in(at) is None
    assert "dilindungi PIN" in sidebar_text(at) and "Rina" in sidebar_text(at)
    give_link_pin(at, "0000")
    assert signed_in(at) is None and "PIN untuk 'Rina' salah" in sidebar_text(at)
    give_link_pin(at, "4821")
    assert signed_in(at).id == trainee.id
    assert query(at, identity.QUERY_KEY) is None  # the URL now carries a session token, not the profile's id
    token = query(at, identity.ACCESS_QUERY_KEY)
    assert token and sessions.session_learner(get_store(), token).id == trainee.id


def test_a_trainee_who_joins_gets_a_session_link_that_survives_a_refresh_until_keluar(trainee):
    at = ok(run_page(nav.MASUK))
    at.text_input(key=state.REJOIN_CODE).input(trainee.cohort_code)
    at.text_input(key=state.REJOIN_NAME).input("Rina")
    at.text_input(key=state.REJOIN_PIN).input("4821")
    ok(at.button(key=state.REJOIN_SUBMIT).click().run())
    token = query(at, identity.ACCESS_QUERY_KEY)
    assert signed_in(at).id == trainee.id and token and query(at, identity.QUERY_KEY) is None

    refreshed = ok(run_page(nav.BERANDA, query={identity.ACCESS_QUERY_KEY: token}))
    assert signed_in(refreshed).id == trainee.id

    masuk = ok(run_page(nav.MASUK, query={identity.ACCESS_QUERY_KEY: token}))
    ok(masuk.button(key=state.SIGN_OUT).click().run())
    assert signed_in(masuk) is None and query(masuk, identity.ACCESS_QUERY_KEY) is None

    after = ok(run_page(nav.BERANDA, query={identity.ACCESS_QUERY_KEY: token}))  # the bookmark after Keluar
    assert signed_in(after) is None
    assert "sudah tidak berlaku" in sidebar_text(after)


def test_keluar_elsewhere_ends_an_open_tab_too(trainee):
    token = sessions.start_learner_session(get_store(), trainee.id)
    at = ok(run_page(nav.BERANDA, query={identity.ACCESS_QUERY_KEY: token}))
    assert signed_in(at).id == trainee.id
    sessions.end_learner_session(get_store(), token)  # Keluar on another tab or device
    ok(at.run())
    assert signed_in(at) is None and "sudah berakhir" in sidebar_text(at)


def test_a_new_pin_ends_links_issued_before_it():
    profile = accounts.create_profile(get_store(), "Dewi", "2468")
    old = sessions.start_learner_session(get_store(), profile.id)
    accounts.set_pin(get_store(), profile.id, "1357")
    assert sessions.session_learner(get_store(), old) is None


def test_a_profile_without_a_pin_still_opens_from_its_link_and_gets_a_token_once_it_sets_one():
    profile = accounts.create_profile(get_store(), "Dewi")
    at = ok(run_page(nav.MASUK, query={identity.QUERY_KEY: profile.id}))
    assert signed_in(at).id == profile.id
    at.text_input(key=state.SET_PIN).input("2468")
    ok(at.button(key=state.SET_PIN_SUBMIT).click().run())
    assert query(at, identity.QUERY_KEY) is None and query(at, identity.ACCESS_QUERY_KEY)
    again = ok(run_page(nav.BERANDA, query={identity.QUERY_KEY: profile.id}))
    assert signed_in(again) is None and "dilindungi PIN" in sidebar_text(again)


def test_the_masuk_page_carries_no_other_profiles_id():
    others = [accounts.create_profile(get_store(), "Dewi").id, accounts.create_profile(get_store(), "Budi", "2468").id]
    at = ok(run_page(nav.MASUK))
    assert {b.label for b in at.button} >= {"Lanjutkan sebagai Dewi", "Lanjutkan sebagai Budi"}
    keys = [str(getattr(w, "key", "")) for kind in ("button", "text_input") for w in getattr(at, kind)]
    shown = " ".join(keys + page_texts(at))
    for learner_id in others:
        assert learner_id not in shown
