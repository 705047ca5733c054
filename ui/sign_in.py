"""The Masuk page's forms: a self-learner's profile, joining or resuming a cohort, a PIN, a trainer's login.

Each form's submit button runs one callback that calls bimtek.storage.accounts and leaves its outcome for the page
to show beside that form (state.SIGN_IN_MESSAGE); the callback runs before the page, so the page shows who is in.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from bimtek.errors import BimtekError, InputError
from bimtek.storage import accounts
from ui import identity, nav, plain, state


def _value(key: str) -> str:
    return str(st.session_state.get(key) or "").strip()


def _guest_id() -> str | None:
    learner = identity.current_learner()
    return learner.id if learner.guest and identity.is_stored(learner) else None


def _run(form: str, action: Callable[[], str]) -> None:
    try:
        message = action()
    except BimtekError as err:
        st.session_state[state.SIGN_IN_MESSAGE] = (form, "error", plain.md(err, limit=None))  # may quote input
    else:
        st.session_state[state.SIGN_IN_MESSAGE] = (form, "success", message)


def show_pending_message() -> bool:
    """Any form's outcome, above the tabs: a rerun re-opens the first tab, which would hide a message inside another.
    True when it was a success (the page then needs no second green box saying who is in)."""
    left = st.session_state.get(state.SIGN_IN_MESSAGE)
    if left:
        show_message(left[0])
    return left is not None and left[1] == "success"


def land_after_joining() -> None:
    """On Masuk, before anything is drawn: a trainee who just joined or resumed a cohort goes on to Beranda, where
    the welcome and the cohort's tasks are (staying on Masuk left them on the self-learner's tab)."""
    if st.session_state.pop(state.LAND_ON_BERANDA, False):
        st.switch_page(nav.BERANDA)


def show_message(form: str) -> None:
    """The outcome of `form`'s last submit, shown once."""
    left = st.session_state.get(state.SIGN_IN_MESSAGE)
    if left and left[0] == form:
        del st.session_state[state.SIGN_IN_MESSAGE]
        (st.success if left[1] == "success" else st.error)(left[2])


def _welcome(info: accounts.LearnerInfo) -> str:
    learner = identity.sign_in(info)
    kelas = f" di kelas {plain.md(info.cohort_name)} ({info.cohort_code})" if info.cohort_name else ""
    return f"Selamat datang, {plain.md(learner.name)}{kelas}. Kemajuan Anda tersimpan."


def create_profile() -> None:
    def action() -> str:
        info = accounts.create_profile(
            identity.store(),
            _value(state.NEW_NAME),
            _value(state.NEW_PIN) or None,
            pin_required=not identity.local_profiles_visible(),
            guest_id=_guest_id(),
        )
        return _welcome(info)

    _run("baru", action)


def resume_self_learner() -> None:
    _run(
        "lanjut",
        lambda: _welcome(accounts.resume(identity.store(), _value(state.RESUME_NAME), _value(state.RESUME_PIN))),
    )


def join_cohort() -> None:
    def action() -> str:
        info = accounts.join_cohort(
            identity.store(),
            _value(state.JOIN_CODE),
            _value(state.JOIN_NAME),
            _value(state.JOIN_PIN),
            guest_id=_guest_id(),
        )
        return _welcome(info)

    _run("gabung", action)
    _land_if_signed_in("gabung")


def resume_cohort() -> None:
    def action() -> str:
        code = _value(state.REJOIN_CODE)
        if not code:
            raise InputError(["Isi kode kelas yang ditampilkan narasumber (6 huruf/angka)."])
        info = accounts.resume(identity.store(), _value(state.REJOIN_NAME), _value(state.REJOIN_PIN), code)
        return _welcome(info)

    _run("lanjut_kelas", action)
    _land_if_signed_in("lanjut_kelas")


def _land_if_signed_in(form: str) -> None:
    left = st.session_state.get(state.SIGN_IN_MESSAGE)
    if left and left[0] == form and left[1] == "success":
        st.session_state[state.LAND_ON_BERANDA] = True


def set_pin() -> None:
    def action() -> str:
        accounts.set_pin(identity.store(), identity.current_learner().id, _value(state.SET_PIN))
        identity.pin_changed()  # links issued before the new PIN stop working; this browser gets a fresh session
        return "PIN tersimpan. Gunakan nama dan PIN ini untuk melanjutkan di perangkat lain."

    _run("pin", action)


def sign_out() -> None:
    identity.sign_out()
    st.session_state[state.SIGN_IN_MESSAGE] = ("keluar", "success", "Anda sudah keluar.")


def trainer_login() -> None:
    def action() -> str:
        password = str(st.session_state.get(state.TRAINER_PASSWORD) or "")
        trainer = accounts.authenticate_trainer(identity.store(), _value(state.TRAINER_USER), password)
        identity.start_trainer_session(trainer)
        st.session_state[state.TRAINER_PASSWORD] = ""
        return f"Masuk sebagai narasumber {plain.md(trainer.username)}."

    _run("narasumber", action)


def trainer_logout() -> None:
    identity.end_trainer_session()
