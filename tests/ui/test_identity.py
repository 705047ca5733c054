"""Signing in (views/masuk.py, ui/identity.py): local profiles, cohorts by join code, PINs, trainers, and work that
survives a refresh and an app restart because it lives in the store, not in the Streamlit process."""

from __future__ import annotations

import pytest

from bimtek.storage import accounts, cohorts
from bimtek.storage import progress as stored
from bimtek.storage.store import dispose_all, get_store
from tests.ui.conftest import point_at, problems, run_page
from tests.ui.test_dbd_case import CASE, LAB_BOOK, attach
from ui import identity, nav, state
from ui.case_list import SEED_CASES
from ui.content import find_scenario


def texts(at) -> str:
    return " ".join(
        str(e.value) for kind in ("success", "error", "warning", "caption", "markdown") for e in getattr(at, kind)
    )


def submit(at, button: str, **fields: str):
    for key, value in fields.items():
        at.text_input(key=key).input(value)
    at.button(key=button).click().run()
    assert not at.exception, problems(at)
    return at


def signed_in(at) -> identity.Learner | None:
    try:
        return at.session_state[state.LEARNER]
    except KeyError:
        return None


@pytest.fixture
def cohort():
    accounts.create_trainer(get_store(), "siti", "sandi-rahasia-1")
    return accounts.create_cohort(get_store(), "Bimtek Klaim Oktober", "siti")


def test_a_guest_sees_an_invitation_to_sign_in():
    at = run_page(nav.BERANDA)
    assert "Anda belajar sebagai tamu" in " ".join(c.value for c in at.sidebar.caption)
    assert "Masuk / buat profil" in [link.label for link in at.sidebar.get("page_link")]


def test_a_self_learner_makes_a_profile_and_continues_it_from_this_devices_list():
    at = submit(run_page(nav.MASUK), state.NEW_SUBMIT, **{state.NEW_NAME: "Dewi Lestari"})
    learner = signed_in(at)
    assert learner is not None and learner.name == "Dewi Lestari" and not learner.guest
    assert "Selamat datang, Dewi Lestari" in texts(at)
    assert at.query_params[identity.QUERY_KEY] == learner.id

    home = run_page(nav.BERANDA)  # another visit: nobody signed in yet
    assert (
        home.button(key=state.PROFILE_PREFIX + identity.profile_key(learner.id)).label
        == "Lanjutkan sebagai Dewi Lestari"
    )
    home.button(key=state.PROFILE_PREFIX + identity.profile_key(learner.id)).click().run()
    assert signed_in(home) == learner


def test_a_profile_with_a_pin_needs_it_in_the_list():
    profile = accounts.create_profile(get_store(), "Dewi", "2468")
    at = run_page(nav.MASUK)
    at.text_input(key=state.PROFILE_PIN_PREFIX + identity.profile_key(profile.id)).input("1111")
    at.button(key=state.PROFILE_PREFIX + identity.profile_key(profile.id)).click().run()
    assert "PIN untuk 'Dewi' salah; sisa 4 percobaan" in texts(at)
    assert signed_in(at) is None
    at.text_input(key=state.PROFILE_PIN_PREFIX + identity.profile_key(profile.id)).input("2468")
    at.button(key=state.PROFILE_PREFIX + identity.profile_key(profile.id)).click().run()
    assert signed_in(at).id == profile.id


def test_a_trainee_joins_a_cohort_with_its_code_and_a_pin(cohort):
    at = run_page(nav.MASUK)
    submit(
        at,
        state.JOIN_SUBMIT,
        **{state.JOIN_CODE: cohort.join_code.lower(), state.JOIN_NAME: "Rina", state.JOIN_PIN: "4821"},
    )
    assert f"Selamat datang, Rina di kelas Bimtek Klaim Oktober ({cohort.join_code})" in texts(at)
    assert signed_in(at).cohort == "Bimtek Klaim Oktober"
    assert "Peserta: **Rina** · kelas Bimtek Klaim Oktober" in " ".join(c.value for c in at.sidebar.caption)


def test_a_wrong_join_code_is_named_in_indonesian(cohort):
    at = submit(
        run_page(nav.MASUK),
        state.JOIN_SUBMIT,
        **{state.JOIN_CODE: "ABC123", state.JOIN_NAME: "Rina", state.JOIN_PIN: "4821"},
    )
    assert "Kode kelas 'ABC123' tidak ditemukan; periksa kode 6 huruf/angka yang ditampilkan narasumber." in texts(at)
    assert signed_in(at) is None


def test_a_trainee_resumes_on_another_device_and_a_wrong_pin_is_refused(cohort):
    joined = accounts.join_cohort(get_store(), cohort.join_code, "Rina", "4821")
    fields = {state.REJOIN_CODE: cohort.join_code, state.REJOIN_NAME: "rina"}
    at = submit(run_page(nav.MASUK), state.REJOIN_SUBMIT, **fields, **{state.REJOIN_PIN: "0000"})
    assert f"Nama atau PIN tidak cocok di kelas '{cohort.join_code}'." in texts(at)  # same for an unknown name
    assert signed_in(at) is None
    at = submit(run_page(nav.MASUK), state.REJOIN_SUBMIT, **fields, **{state.REJOIN_PIN: "4821"})
    assert signed_in(at).id == joined.id


def test_a_cohort_trainee_is_never_in_the_devices_list(cohort):
    accounts.join_cohort(get_store(), cohort.join_code, "Rina", "4821")
    at = run_page(nav.MASUK)
    assert not [b for b in at.button if b.key and b.key.startswith(state.PROFILE_PREFIX)]


def test_on_a_shared_server_the_list_is_hidden_and_a_pin_is_needed(monkeypatch):
    accounts.create_profile(get_store(), "Dewi", "2468")
    monkeypatch.setattr(identity, "local_profiles_visible", lambda: False)
    at = run_page(nav.MASUK)
    assert not [b for b in at.button if b.key and b.key.startswith(state.PROFILE_PREFIX)]
    submit(at, state.NEW_SUBMIT, **{state.NEW_NAME: "Budi"})
    assert "PIN harus 4 sampai 6 angka" in texts(at)
    at = submit(run_page(nav.MASUK), state.RESUME_SUBMIT, **{state.RESUME_NAME: "Dewi", state.RESUME_PIN: "2468"})
    assert signed_in(at).name == "Dewi"


def test_a_guests_work_is_stored_and_kept_when_they_make_a_profile():
    at = run_page(nav.KASUS, query={"kasus": CASE})
    point_at(at, ["lab"], "bukti")
    attach(at, LAB_BOOK)
    at.button(key=state.SUBMIT).click().run()
    guest = signed_in(at)
    assert guest is not None and guest.guest and at.query_params[identity.QUERY_KEY] == guest.id
    at.switch_page(nav.MASUK).run()
    submit(at, state.NEW_SUBMIT, **{state.NEW_NAME: "Ahmad"})
    assert signed_in(at) == identity.Learner(id=guest.id, name="Ahmad")
    assert [a["score"] for a in stored.attempts(get_store(), guest.id)] == [100]


def test_attempts_survive_a_refresh_and_an_app_restart():
    profile = accounts.create_profile(get_store(), "Dewi")
    at = run_page(nav.KASUS, query={"kasus": CASE, identity.QUERY_KEY: profile.id})
    assert signed_in(at).id == profile.id
    point_at(at, ["lab"], "bukti")
    attach(at, LAB_BOOK)
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)

    dispose_all()  # the app process ends: no engine, no cache, no session survives
    cases = run_page(nav.STUDI_KASUS, query={identity.QUERY_KEY: profile.id})
    assert "Tuntas" in texts(cases) and "skor terbaik: 100" in texts(cases)
    home = run_page(nav.BERANDA, query={identity.QUERY_KEY: profile.id})
    assert any(link.label.startswith("Lanjutkan: Puskesmas Perkotaan") for link in home.get("page_link"))
    again = run_page(nav.KASUS, query={"kasus": CASE, identity.QUERY_KEY: profile.id})
    assert "percobaan ke-2" in texts(again)


def test_an_unknown_profile_in_the_link_asks_to_sign_in_again():
    at = run_page(nav.BERANDA, query={identity.QUERY_KEY: "tidak-ada"})
    assert "Profil peserta 'tidak-ada' dari tautan tidak ditemukan" in " ".join(w.value for w in at.sidebar.warning)
    assert identity.QUERY_KEY not in at.query_params


def test_signing_out_forgets_the_learner_and_the_link():
    profile = accounts.create_profile(get_store(), "Dewi")
    at = run_page(nav.MASUK, query={identity.QUERY_KEY: profile.id})
    assert "Anda masuk sebagai **Dewi**" in texts(at)
    at.button(key=state.SIGN_OUT).click().run()
    assert signed_in(at) is None and identity.QUERY_KEY not in at.query_params
    assert "Anda sudah keluar." in texts(at)


def test_a_trainer_logs_in_with_the_password_and_a_wrong_one_is_refused():
    accounts.create_trainer(get_store(), "siti", "sandi-rahasia-1")
    fields = {state.TRAINER_USER: "siti"}
    at = submit(run_page(nav.MASUK), state.TRAINER_SUBMIT, **fields, **{state.TRAINER_PASSWORD: "salah-sandi"})
    assert "Nama pengguna atau kata sandi narasumber tidak cocok." in texts(at)
    submit(at, state.TRAINER_SUBMIT, **fields, **{state.TRAINER_PASSWORD: "sandi-rahasia-1"})
    assert at.session_state[state.TRAINER].username == "siti"
    assert "Narasumber: **siti**" in " ".join(c.value for c in at.sidebar.caption)


@pytest.mark.parametrize(
    ("ip", "local"),
    [(None, True), ("127.0.0.1", True), ("::ffff:127.0.0.1", True), ("::1", True), ("192.168.1.23", False),
     ("::ffff:192.168.1.23", False), ("fe80::1%eth0", False), ("bukan-alamat", False)],
)  # fmt: skip
def test_the_device_list_is_only_for_a_browser_on_this_machine(ip, local):
    assert identity.on_this_machine(ip) is local


@pytest.mark.parametrize(
    ("headers", "proxied"),
    [
        ({"Host": "localhost:8501"}, False),
        ({"Host": "127.0.0.1:8501"}, False),
        ({"Host": "[::1]:8501"}, False),
        ({"Host": "localhost"}, False),
        ({}, False),
        # nginx on the same machine: the connection comes from 127.0.0.1, the request says who it was for
        ({"Host": "bimtek.dinkes.go.id", "X-Forwarded-For": "10.1.2.3"}, True),
        ({"Host": "localhost:8501", "X-Forwarded-For": "10.1.2.3"}, True),
        ({"Host": "localhost:8501", "X-Real-IP": "10.1.2.3"}, True),
        ({"Host": "localhost:8501", "Forwarded": "for=10.1.2.3"}, True),
        ({"Host": "192.168.1.10:8501"}, True),
        ({"Host": "bimtek.lan"}, True),
    ],
)
def test_a_browser_behind_a_proxy_never_counts_as_this_machine(headers, proxied):
    assert identity.through_proxy(headers) is proxied


def test_a_misconfigured_store_stops_the_page_with_a_message_not_a_traceback(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://bimtek:rahasia@db.lan/bimtek")
    at = run_page(nav.BERANDA)
    assert not at.exception, problems(at)
    assert "DATABASE_URL 'mysql://bimtek:***@db.lan/bimtek' tidak didukung" in " ".join(e.value for e in at.error)


def test_a_signed_in_trainer_is_not_invited_to_sign_in_as_a_guest(cohort):
    """Issue 13: the sidebar said both "Narasumber: siti" and "Anda belajar sebagai tamu … Masuk / buat profil"."""
    trainer = accounts.authenticate_trainer(get_store(), "siti", "sandi-rahasia-1")
    at = run_page(nav.BERANDA, session={state.TRAINER: trainer})
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "Narasumber: **siti**" in sidebar
    assert "tamu" not in sidebar
    assert "Masuk / buat profil" not in [link.label for link in at.sidebar.get("page_link")]


@pytest.mark.parametrize("how", ["gabung", "lanjut"])
def test_a_trainee_who_joins_or_resumes_a_cohort_lands_on_their_first_task_with_one_welcome(cohort, how):
    """Issue 13: after joining, the trainee stayed on Masuk with two green boxes and the self-learner's tab open; a
    trainee who joins lands on their cohort's first task (Kasus 1 for someone new; the trainer's open task when one
    waits)."""
    if how == "lanjut":  # back on another day, with a task from the trainer waiting
        rina = accounts.join_cohort(get_store(), cohort.join_code, "Rina", "4821")
        trainer = accounts.authenticate_trainer(get_store(), "siti", "sandi-rahasia-1")
        cohorts.assign(get_store(), cohort.id, [rina.id], "skenario", CASE, trainer.id)
        button, fields = state.REJOIN_SUBMIT, (state.REJOIN_CODE, state.REJOIN_NAME, state.REJOIN_PIN)
    else:
        button, fields = state.JOIN_SUBMIT, (state.JOIN_CODE, state.JOIN_NAME, state.JOIN_PIN)
    at = submit(run_page(nav.MASUK), button, **dict(zip(fields, (cohort.join_code, "Rina", "4821"), strict=True)))
    assert signed_in(at).cohort == "Bimtek Klaim Oktober"
    first = find_scenario(SEED_CASES[0] if how == "gabung" else CASE)
    assert first is not None
    assert at.query_params["kasus"] in (first.id, [first.id])  # the case page, not Masuk
    assert first.judul in [t.value for t in at.title] + [h.value for h in at.header] + [m.value for m in at.markdown]
    assert [s.value for s in at.success] == [f"Selamat datang, Rina di kelas Bimtek Klaim Oktober ({cohort.join_code})."
                                             " Kemajuan Anda tersimpan."]  # fmt: skip
    assert not at.tabs or "Belajar mandiri" not in [t.label for t in at.tabs]
