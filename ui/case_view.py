"""The case page's read-only parts: choosing the case, its header and story, and the facility's case file."""

from __future__ import annotations

import streamlit as st

from bimtek.content import MODULES, TINGKAT_LABELS, Scenario
from bimtek.practice_variants import find_variant
from ui import attempt, plain, state
from ui.labels import JENIS_KLAIM

QUERY_KEY = state.CASE_QUERY


def _on_select() -> None:
    chosen = st.session_state[state.CASE_SELECT]
    attempt.open_case(chosen)
    st.query_params[QUERY_KEY] = chosen


def choose_case(scenarios: list[Scenario]) -> Scenario | None:
    """The open case: from the link (?kasus=id), else the one opened last, else the first; a selectbox switches."""
    by_id = {s.id: s for s in scenarios}
    if not by_id:
        return None
    wanted = st.query_params.get(QUERY_KEY)
    for scenario_id in (wanted, st.session_state.get(state.OPEN_CASE)):
        if scenario_id and scenario_id not in by_id and (variant := find_variant(scenario_id)) is not None:
            by_id[variant.id] = variant  # a variant "Coba lagi" served: its own case, listed while it is open
    if wanted in by_id:
        attempt.open_case(wanted)
    elif st.session_state.get(state.OPEN_CASE) not in by_id:
        attempt.open_case(scenarios[0].id)
    current = st.session_state[state.OPEN_CASE]
    st.query_params[QUERY_KEY] = current
    st.session_state[state.CASE_SELECT] = current
    st.selectbox(
        "Pilih kasus",
        list(by_id),
        format_func=lambda i: by_id[i].judul,
        key=state.CASE_SELECT,
        on_change=_on_select,
    )
    return by_id[current]


def describe(scenario: Scenario) -> str:
    return " · ".join(
        [
            MODULES.get(scenario.modul, scenario.modul),
            JENIS_KLAIM.get(scenario.jenis_klaim, scenario.jenis_klaim),
            TINGKAT_LABELS.get(scenario.tingkat.value, scenario.tingkat.value),
        ]
    )


def render_header(scenario: Scenario, number: int) -> None:
    st.title(plain.authored(scenario.judul))
    st.caption(f"{describe(scenario)} · target {scenario.target_minutes} menit · percobaan ke-{number}")
    st.markdown(plain.authored(scenario.cerita))


def render_case_file(scenario: Scenario) -> None:
    if not scenario.berkas_kasus:
        st.caption("Tidak ada berkas lain di fasilitas.")
    for item in scenario.berkas_kasus:
        with st.expander(plain.authored(item.judul)):
            st.markdown(plain.authored(item.isi) if item.isi else "_(kosong)_")
