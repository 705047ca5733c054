"""Answers in progress on the pages: restored on the first render, saved as they are edited (bimtek/storage/drafts.py).

A signed-in learner's draft goes to the store, so it is there after a reload, on another device of the same profile
and after a server restart. A guest's draft stays in this browser session only (the page says so): a guest has no
profile to keep it under until they sign in or save work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import streamlit as st

from bimtek.storage import drafts as stored
from ui import identity, state

SESSION = "draf_sesi"  # plain state: {draft key: payload} of a guest, and the last payload saved per key
LOADED = "draf_dimuat"  # plain state: {(learner id, draft key)} already restored in this session
GUEST_NOTE = (
    "Anda belajar sebagai tamu: jawaban yang belum dikirim hanya tersimpan selama sesi peramban ini. "
    "Masuk atau buat profil di halaman Masuk agar jawaban sementara tetap ada setelah muat ulang dan di perangkat lain."
)


def _session() -> dict[str, Any]:
    return st.session_state.setdefault(SESSION, {})


def _stores() -> bool:
    learner = identity.current_learner()
    return identity.is_stored(learner) and not learner.guest


def load(key: str) -> dict[str, Any] | None:
    if not _stores():
        return _session().get(key)
    return stored.load_draft(identity.store(), identity.current_learner().id, key)


def save(key: str, payload: dict[str, Any]) -> None:
    """Saves the draft unless it equals the last one saved from this session (a rerun with nothing edited)."""
    learner = identity.current_learner()
    remembered = _session()
    marker = f"{learner.id}|{key}"
    if remembered.get(marker) == payload:
        return
    remembered[marker] = payload
    if _stores():
        stored.save_draft(identity.store(), learner.id, key, payload)
    else:
        remembered[key] = payload


def clear(key: str) -> None:
    learner = identity.current_learner()
    remembered = _session()
    remembered.pop(f"{learner.id}|{key}", None)
    remembered.pop(key, None)
    if _stores():
        stored.clear_draft(identity.store(), learner.id, key)


def first_load(key: str) -> dict[str, Any] | None:
    """The draft, the first time this session renders `key` for this learner; None afterwards (the widgets hold it)."""
    done: set[tuple[str, str]] = st.session_state.setdefault(LOADED, set())
    marker = (identity.current_learner().id, key)
    if marker in done:
        return None
    done.add(marker)
    return load(key)


SCALAR = (str, bool, int, float)


def _to_json(value: Any) -> Any:
    """A widget value as JSON (a date tagged so it is read back as a date); None for a value a draft does not keep."""
    if isinstance(value, dt.date):
        return {"tanggal": value.isoformat()}
    if isinstance(value, SCALAR):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, SCALAR) for v in value):
        return list(value)
    return None


def _from_json(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"tanggal"}:
        return dt.date.fromisoformat(value["tanggal"])
    return value


def restore_widgets(values: dict[str, Any]) -> None:
    """Puts saved widget values into the session before the widgets are drawn (never over a value already there)."""
    for widget, value in values.items():
        if widget not in st.session_state and value is not None:
            try:
                st.session_state[widget] = _from_json(value)
            except ValueError:  # a malformed date in an old draft: the widget starts from its default
                continue


def widget_values(prefixes: Iterable[str], skip: Iterable[str] = ()) -> dict[str, Any]:
    """The current values of the widgets whose keys start with one of `prefixes`, as JSON; `skip` names buttons
    (a button's value cannot be set, so it is never saved)."""
    wanted, skipped = tuple(prefixes), set(skip)
    out: dict[str, Any] = {}
    for k, v in sorted(st.session_state.to_dict().items(), key=lambda kv: str(kv[0])):
        if isinstance(k, str) and k.startswith(wanted) and k not in skipped:
            value = _to_json(v)
            if value is not None:
                out[k] = value
    return out


# --- the case page's answer form (ui/claim_form.py: every widget key starts with state.FORM_PREFIX) ---------------


def case_key(scenario_id: str) -> str:
    return f"kasus:{scenario_id}"


def restore_case(scenario_id: str) -> None:
    """Before the answer form is drawn: the learner's draft of this case, the first time this session shows it."""
    draft = first_load(case_key(scenario_id))
    if draft is not None:
        restore_widgets(draft.get("widgets", {}))


def save_case(scenario_id: str) -> None:
    """After the answer form is drawn: its current values as the learner's draft of this case."""
    widgets = widget_values([state.FORM_PREFIX], skip=[state.SUBMIT])
    save(case_key(scenario_id), {"widgets": widgets})


def clear_case(scenario_id: str) -> None:
    """After the answer was submitted and graded: no draft left to restore."""
    clear(case_key(scenario_id))


def guest_note() -> None:
    """Tells a guest where their answer in progress is kept."""
    if not _stores():
        st.caption(GUEST_NOTE)
