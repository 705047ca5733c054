"""Who this session works for: the learner (kept in the URL), a signed-in trainer, the guest banner.

A guest (nobody signed in) can use every page. Their first saved piece of work creates an unnamed guest profile in
the store, so it survives a refresh through the URL; naming it on the Masuk page (or joining a cohort) keeps the work.

The URL names a profile without a PIN by its id (?peserta=<id>): a refresh keeps a guest's or a self-learner's work.
A profile with a PIN (every cohort trainee, a self-learner who set one) travels only as a session token
(?akses=<token>, only its hash stored) issued after the PIN was given; "Keluar" revokes it. A bare ?peserta= id of
such a profile asks its PIN, so a shared or leaked link alone never opens it.
"""

from __future__ import annotations

import hashlib
import importlib
import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import streamlit as st

from bimtek.errors import BimtekError
from ui import nav, plain, state

if TYPE_CHECKING:
    from bimtek.storage import accounts, sessions
    from bimtek.storage.store import Store
else:

    class _OnFirstUse:
        """A module imported on first use: the store (SQLAlchemy) is not needed before a guest's first heading."""

        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attr: str) -> Any:
            return getattr(importlib.import_module(self._name), attr)

    accounts = _OnFirstUse("bimtek.storage.accounts")
    sessions = _OnFirstUse("bimtek.storage.sessions")

QUERY_KEY = "peserta"
ACCESS_QUERY_KEY = "akses"  # ?akses=<token>: a PIN-protected learner's session
MAX_ID_LENGTH = 64  # profile ids are 22 characters; a longer ?peserta= value is not looked up
TRAINER_QUERY_KEY = "sesi"  # ?sesi=<token>: a signed-in trainer's session, so a refresh keeps them signed in


@dataclass(frozen=True)
class Learner:
    id: str
    name: str
    cohort: str | None = None  # the cohort's name, for a trainee
    guest: bool = False


GUEST = Learner(id="tamu", name="Tamu", guest=True)  # nobody signed in and nothing saved yet


def store() -> Store:
    from bimtek.storage.store import get_store

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


def sign_in(info: accounts.LearnerInfo, token: str | None = None) -> Learner:
    """Works for `info` from now on. A profile with a PIN gets a stored session (or keeps `token`, from its link)."""
    learner = Learner(id=info.id, name=info.name, cohort=info.cohort_name, guest=info.guest)
    previous = current_learner()
    if is_stored(previous) and previous.id != learner.id:  # another person: drop the previous one's open work
        for key in (state.OPEN_CASE, state.ATTEMPT, state.RESULT, state.PLACE):
            st.session_state.pop(key, None)
        sessions.end_learner_session(store(), st.session_state.pop(state.LEARNER_TOKEN, None))
    st.session_state.pop(state.LINK_LEARNER, None)
    if info.has_pin:
        st.session_state[state.LEARNER_TOKEN] = token or sessions.start_learner_session(store(), info.id)
    else:
        st.session_state.pop(state.LEARNER_TOKEN, None)
    st.session_state[state.LEARNER] = learner
    _put_in_url(learner)
    return learner


def pin_changed() -> None:
    """The signed-in learner set a new PIN, which ended their earlier sessions: this browser gets a new one."""
    info = accounts.get_learner(store(), current_learner().id)
    if info is not None:
        st.session_state.pop(state.LEARNER_TOKEN, None)
        sign_in(info)


def sign_out() -> None:
    """Keluar: the learner's stored session is revoked, so the link (or a bookmark of it) no longer opens the profile."""
    token = st.session_state.get(state.LEARNER_TOKEN) or st.query_params.get(ACCESS_QUERY_KEY)
    for key in (state.LEARNER, state.LEARNER_TOKEN, state.OPEN_CASE, state.ATTEMPT, state.RESULT, state.PLACE):
        st.session_state.pop(key, None)
    st.query_params.pop(QUERY_KEY, None)
    st.query_params.pop(ACCESS_QUERY_KEY, None)
    sessions.end_learner_session(store(), token)


def _put_in_url(learner: Learner) -> None:
    token = st.session_state.get(state.LEARNER_TOKEN)
    key, value, other = (ACCESS_QUERY_KEY, token, QUERY_KEY) if token else (QUERY_KEY, learner.id, ACCESS_QUERY_KEY)
    if st.query_params.get(key) != value:
        st.query_params[key] = value
    st.query_params.pop(other, None)


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


def has_someone_to_restore() -> bool:
    """Whether this run names a trainer or a learner (URL or session) that sync() must look up in the store."""
    keys = (state.TRAINER, state.TRAINER_TOKEN, state.LEARNER, state.LEARNER_TOKEN)
    queries = (TRAINER_QUERY_KEY, ACCESS_QUERY_KEY, QUERY_KEY)
    return any(k in st.session_state for k in keys) or any(st.query_params.get(q) for q in queries)


def check_store() -> None:
    """Opens the store (once per process); when it cannot be used (a newer schema, an unreachable server) the page
    shows its message and stops."""
    try:
        store()
    except BimtekError as err:
        st.error(str(err))
        st.stop()


def sync() -> None:
    """Every run, before the navigation: restores the trainer of ?sesi= and the learner of ?akses= or ?peserta=, and
    keeps the URL naming both.

    Switching pages drops the query string; putting them back keeps a browser refresh on any page signed in. A run
    that names nobody (a guest's first visit) does not open the store here: app.py opens it before any page but
    Beranda, and Beranda right after its heading, so a guest's first heading does not wait for the database.
    """
    if not has_someone_to_restore():
        return
    try:
        current = store()  # opened (and migrated) once per process; a misconfigured store stops here with a message
        _sync_trainer(current)
        _sync_learner(current)
    except BimtekError as err:
        st.error(str(err))
        st.stop()


def _sync_learner(current: Store) -> None:
    learner = st.session_state.get(state.LEARNER)
    token = st.session_state.get(state.LEARNER_TOKEN) or st.query_params.get(ACCESS_QUERY_KEY)
    if learner is not None:
        if state.LEARNER_TOKEN in st.session_state and sessions.session_learner(current, token) is None:
            _session_ended("Sesi profil Anda sudah berakhir (keluar di perangkat lain, PIN diganti, atau lewat "
                           "sehari); silakan masuk lagi dengan nama dan PIN.")  # fmt: skip
            return
        _put_in_url(learner)
        return
    if token:
        info = sessions.session_learner(current, token)
        if info is None:
            _session_ended("Tautan profil ini sudah tidak berlaku (sudah keluar atau lewat sehari); silakan masuk "
                           "lagi dengan nama dan PIN.")  # fmt: skip
            return
        sign_in(info, token)
        return
    wanted = st.query_params.get(QUERY_KEY)
    if not wanted:
        return
    info = accounts.get_learner(current, wanted) if len(wanted) <= MAX_ID_LENGTH else None
    if info is None:
        st.query_params.pop(QUERY_KEY, None)
        st.sidebar.warning(f"Profil peserta '{plain.md(wanted)}' dari tautan tidak ditemukan; silakan masuk lagi.")
        return
    if info.has_pin:  # a link alone never opens a profile with a PIN: the PIN is asked in the sidebar
        st.session_state[state.LINK_LEARNER] = (info.id, info.name)
        return
    accounts.touch_learner(current, info.id)
    sign_in(info)


def _session_ended(message: str) -> None:
    for key in (state.LEARNER, state.LEARNER_TOKEN, state.OPEN_CASE, state.ATTEMPT, state.RESULT, state.PLACE):
        st.session_state.pop(key, None)
    st.query_params.pop(ACCESS_QUERY_KEY, None)
    st.query_params.pop(QUERY_KEY, None)
    st.sidebar.warning(message)


def open_link_profile() -> None:
    """The PIN prompt's callback: opens the linked profile when the PIN matches (wrong PINs count towards the lock)."""
    linked = st.session_state.get(state.LINK_LEARNER)
    if not linked:
        return
    try:
        sign_in(accounts.open_profile(store(), linked[0], str(st.session_state.get(state.LINK_PIN) or "") or None))
    except BimtekError as err:
        st.session_state[state.LINK_MESSAGE] = plain.md(err, limit=None)
    st.session_state[state.LINK_PIN] = ""


def render_link_pin() -> None:
    """The sidebar's PIN prompt for a PIN-protected profile named by a bare ?peserta= link."""
    linked = st.session_state.get(state.LINK_LEARNER)
    if not linked or current_learner().id == linked[0]:
        return
    with st.sidebar:
        st.info(
            f"Tautan ini membuka profil **{plain.md(linked[1])}** yang dilindungi PIN. Masukkan PIN untuk melanjutkan."
        )
        with st.form("tautan_pin_form"):
            st.text_input("PIN", key=state.LINK_PIN, type="password", max_chars=6)
            st.form_submit_button("Buka profil", key=state.LINK_PIN_SUBMIT, on_click=open_link_profile)
        if message := st.session_state.pop(state.LINK_MESSAGE, None):
            st.error(message)


def local_profiles_visible() -> bool:
    """This device's profile list is shown only for a local store opened in a browser on the same machine.

    On a room's LAN or a shared server the list would show every trainee's name: there a name + PIN is needed.
    """
    return store().is_sqlite and on_this_machine(st.context.ip_address) and not through_proxy(st.context.headers)


PROXY_HEADERS = ("x-forwarded-for", "x-real-ip", "forwarded", "x-forwarded-host")


def through_proxy(headers: object) -> bool:
    """Whether the browser reached the app through something else on this machine (a reverse proxy, a tunnel): a
    proxy's headers, or a Host other than this machine's loopback name. Behind nginx every connection comes from
    127.0.0.1, so the address alone would show every trainee's name to every trainee."""
    items = getattr(headers, "items", None)
    if items is None:
        return False  # AppTest and bare runs carry no request headers
    seen = {str(k).lower(): str(v) for k, v in items()}
    if any(h in seen for h in PROXY_HEADERS):
        return True
    host = seen.get("host", "").strip()
    if not host:
        return False
    name = (
        host[1 : host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    )
    if name.lower() == "localhost":
        return False
    try:
        return not ipaddress.ip_address(name).is_loopback
    except ValueError:
        return True  # a host name other than localhost: the browser is not on this machine's loopback


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
    render_link_pin()
    with st.sidebar:
        if trainer is not None:
            st.caption(f"Narasumber: **{plain.md(trainer.username)}**")
            if learner.guest:
                return  # a signed-in trainer is no guest: no invitation to sign in
        if learner.guest:
            st.caption(
                "Anda belajar sebagai tamu. Masuk atau buat profil agar kemajuan Anda dapat dilanjutkan di "
                "perangkat lain atau setelah aplikasi dibuka ulang."
            )
            st.page_link(nav.MASUK, label="Masuk / buat profil", icon=":material/login:")
        else:
            kelas = f" · kelas {plain.md(learner.cohort)}" if learner.cohort else ""
            st.caption(f"Peserta: **{plain.md(learner.name)}**{kelas}")


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
                f"PIN {plain.md(profile.name)}",
                type="password",
                max_chars=6,
                key=state.PROFILE_PIN_PREFIX + profile_key(profile.id),
            )
        key = state.PROFILE_PREFIX + profile_key(profile.id)
        if button_col.button(f"Lanjutkan sebagai {plain.md(profile.name)}", key=key):
            try:
                sign_in(accounts.open_profile(store(), profile.id, pin or None))
            except BimtekError as err:
                st.error(plain.md(err, limit=None))
            else:
                st.rerun()


def profile_key(learner_id: str) -> str:
    """A widget key for a listed profile that does not carry its id: Streamlit puts keys into the page (CSS classes),
    and a profile's id opens a profile without a PIN."""
    return hashlib.sha256(f"bimtek-profil:{learner_id}".encode()).hexdigest()[:16]


def current_trainer() -> accounts.TrainerInfo | None:
    return st.session_state.get(state.TRAINER)
