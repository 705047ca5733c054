"""Who this session works for: the learner (kept in the URL as ?peserta=<id>), a signed-in trainer, the guest banner.

A guest (nobody signed in) can use every page. Their first saved piece of work creates an unnamed guest profile in
the store, so it survives a refresh through the URL; naming it on the Masuk page (or joining a cohort) keeps the work.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import streamlit as st

from bimtek.errors import BimtekError
from bimtek.storage import accounts, sessions
from bimtek.storage.store import Store, get_store
from ui import nav, state

QUERY_KEY = "peserta"
TRAINER_QUERY_KEY = "sesi"  # ?sesi=<token>: a signed-in trainer's session, so a refresh keeps them signed in


@dataclass(frozen=True)
class Learner:
    id: str
    name: str
    cohort: str | None = None  # the cohort's name, for a trainee
    guest: bool = False


GUEST = Learner(id="tamu", name="Tamu", guest=True)  # nobody signed in and nothing saved yet


def store() -> Store:
    return get_store()


def current_learner() -> Learner:
    """The learner this session works for (GUEST until someone signs in or a guest's work is first saved)."""
    return st.session_state.get(state.LEARNER, GUEST)


def is_stored(learner: Learner) -> bool:
    return learner.id != GUEST.id


def writer() -> Learner:
    """The learner to save work for: the current one, after creating a guest profile if nobody is signed in."""
    learner = current_learner()
    if not is_stored(learner):
        learner = sign_in(accounts.create_guest(store()))
    return learner


def sign_in(info: accounts.LearnerInfo) -> Learner:
    learner = Learner(id=info.id, name=info.name, cohort=info.cohort_name, guest=info.guest)
    previous = current_learner()
    if is_stored(previous) and previous.id != learner.id:  # another person: drop the previous one's open work
        for key in (state.OPEN_CASE, state.ATTEMPT, state.RESULT, state.PLACE):
            st.session_state.pop(key, None)
    st.session_state[state.LEARNER] = learner
    _put_in_url(learner)
    return learner


def sign_out() -> None:
    for key in (state.LEARNER, state.OPEN_CASE, state.ATTEMPT, state.RESULT, state.PLACE):
        st.session_state.pop(key, None)
    st.query_params.pop(QUERY_KEY, None)


def _put_in_url(learner: Learner) -> None:
    if st.query_params.get(QUERY_KEY) != learner.id:
        st.query_params[QUERY_KEY] = learner.id


def start_trainer_session(trainer: accounts.TrainerInfo) -> None:
    """A trainer just logged in: a stored session whose token the URL keeps (only its hash is stored)."""
    token = sessions.start_session(store(), trainer.id)
    st.session_state[state.TRAINER] = trainer
    st.session_state[state.TRAINER_TOKEN] = token
    st.query_params[TRAINER_QUERY_KEY] = token


def end_trainer_session() -> None:
    """Keluar: the stored session is revoked, so the token in the URL (or a bookmark) no longer signs anyone in."""
    token = st.session_state.pop(state.TRAINER_TOKEN, None) or st.query_params.get(TRAINER_QUERY_KEY)
    st.session_state.pop(state.TRAINER, None)
    st.query_params.pop(TRAINER_QUERY_KEY, None)
    sessions.end_session(store(), token)


def _sync_trainer(current: Store) -> None:
    """Restores the trainer of a valid ?sesi= token, and drops a trainer whose session has expired or been revoked.

    An unknown, expired or revoked token is removed from the URL without a message (it may be an old bookmark).
    """
    token = st.session_state.get(state.TRAINER_TOKEN) or st.query_params.get(TRAINER_QUERY_KEY)
    if not token:
        return
    if st.session_state.get(state.TRAINER) is not None and state.TRAINER_TOKEN not in st.session_state:
        return  # signed in without a stored session (tests set the trainer directly)
    trainer = sessions.session_trainer(current, token)
    if trainer is None:
        for key in (state.TRAINER, state.TRAINER_TOKEN):
            st.session_state.pop(key, None)
        st.query_params.pop(TRAINER_QUERY_KEY, None)
        return
    st.session_state[state.TRAINER] = trainer
    st.session_state[state.TRAINER_TOKEN] = token
    if st.query_params.get(TRAINER_QUERY_KEY) != token:
        st.query_params[TRAINER_QUERY_KEY] = token


def sync() -> None:
    """Every run, before the navigation: restores the trainer of ?sesi= and the learner named in ?peserta=, and keeps
    the URL naming both.

    Switching pages drops the query string; putting them back keeps a browser refresh on any page signed in.
    """
    try:
        current = store()  # opened (and migrated) once per process; a misconfigured store stops here with a message
        _sync_trainer(current)
        learner = st.session_state.get(state.LEARNER)
        wanted = st.query_params.get(QUERY_KEY)
        if learner is not None:
            _put_in_url(learner)
            return
        if not wanted:
            return
        info = accounts.get_learner(current, wanted)
        if info is not None:
            accounts.touch_learner(current, info.id)
    except BimtekError as err:
        st.error(str(err))
        st.stop()
    if info is None:
        st.query_params.pop(QUERY_KEY, None)
        st.sidebar.warning(f"Profil peserta '{wanted}' dari tautan tidak ditemukan; silakan masuk lagi.")
        return
    sign_in(info)


def local_profiles_visible() -> bool:
    """This device's profile list is shown only for a local store opened in a browser on the same machine.

    On a room's LAN or a shared server the list would show every trainee's name: there a name + PIN is needed.
    """
    return store().is_sqlite and on_this_machine(st.context.ip_address)


def on_this_machine(ip: object) -> bool:
    """Streamlit gives None for 'localhost' but '::ffff:127.0.0.1' for 127.0.0.1 (and AppTest a stand-in, not a str)."""
    if not isinstance(ip, str):
        return True
    try:
        address = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def render_banner() -> None:
    """The sidebar line saying who is working, and an invitation to sign in for a guest."""
    learner = current_learner()
    trainer = st.session_state.get(state.TRAINER)
    with st.sidebar:
        if trainer is not None:
            st.caption(f"Narasumber: **{trainer.username}**")
        if learner.guest:
            st.caption(
                "Anda belajar sebagai tamu. Masuk atau buat profil agar kemajuan Anda dapat dilanjutkan di "
                "perangkat lain atau setelah aplikasi dibuka ulang."
            )
            st.page_link(nav.MASUK, label="Masuk / buat profil", icon=":material/login:")
        else:
            kelas = f" · kelas {learner.cohort}" if learner.cohort else ""
            st.caption(f"Peserta: **{learner.name}**{kelas}")


def render_local_profiles() -> None:
    """'Lanjutkan sebagai <nama>' for each self-learner profile on this device (a PIN field where one is set)."""
    if not local_profiles_visible():
        return
    profiles = [p for p in accounts.local_profiles(store()) if p.id != current_learner().id]
    if not profiles:
        return
    st.subheader("Profil di perangkat ini")
    for profile in profiles:
        button_col, pin_col = st.columns([2, 1])
        pin = ""
        if profile.has_pin:
            pin = pin_col.text_input(
                f"PIN {profile.name}", type="password", max_chars=6, key=state.PROFILE_PIN_PREFIX + profile.id
            )
        if button_col.button(f"Lanjutkan sebagai {profile.name}", key=state.PROFILE_PREFIX + profile.id):
            try:
                sign_in(accounts.open_profile(store(), profile.id, pin or None))
            except BimtekError as err:
                st.error(str(err))
            else:
                st.rerun()


def current_trainer() -> accounts.TrainerInfo | None:
    return st.session_state.get(state.TRAINER)
