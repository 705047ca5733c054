"""The case-study list: filtering (pure) and one row per case with its progress and an open button."""

from __future__ import annotations

from collections.abc import Callable, Collection

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from bimtek.content import MODULES, TINGKAT_LABELS, Scenario
from ui import attempt, nav, plain, progress, state
from ui.case_view import describe
from ui.labels import JENIS_KLAIM

# The two cases of the workshop's own article come first (Kasus 1, then Kasus 2), then by level: a new learner starts
# with the story the workshop tells, then builds up from 'dasar'.
SEED_CASES = ("sehat-bersama-injeksi-vitamin-anemia", "dbd-ranap-tanpa-lab")
LEVELS = ("dasar", "menengah", "mahir")


def recommended_order(scenarios: list[Scenario]) -> list[Scenario]:
    """The case list in the order a new learner should take it."""

    def key(s: Scenario) -> tuple[int, int, str]:
        if s.id in SEED_CASES:
            return (0, SEED_CASES.index(s.id), "")
        level = s.tingkat.value
        return (1, LEVELS.index(level) if level in LEVELS else len(LEVELS), s.judul.casefold())

    return sorted(scenarios, key=key)


def filter_cases(
    scenarios: list[Scenario],
    modul: Collection[str],
    jenis: Collection[str],
    tingkat: Collection[str],
    status: Collection[str],
    status_of: Callable[[str], str],
) -> list[Scenario]:
    """The scenarios matching every non-empty filter (an empty filter means 'semua')."""
    return [
        s
        for s in scenarios
        if (not modul or s.modul in modul)
        and (not jenis or s.jenis_klaim in jenis)
        and (not tingkat or s.tingkat.value in tingkat)
        and (not status or status_of(s.id) in status)
    ]


def _open(scenario_id: str) -> None:
    attempt.open_case(scenario_id)


def render_row(scenario: Scenario) -> None:
    status = progress.case_status(scenario.id)
    best = progress.best_score(scenario.id)
    with st.container(border=True):
        text, action = st.columns([5, 1], vertical_alignment="center")
        with text:
            st.markdown(f"**{plain.authored(scenario.judul)}**")
            st.markdown(plain.authored(scenario.ringkasan))
            st.caption(f"{describe(scenario)} · {status} · skor terbaik: {best if best is not None else '-'}")
        with action:
            if st.button("Buka", key=state.OPEN_PREFIX + scenario.id, on_click=_open, args=(scenario.id,)):
                st.switch_page(nav.KASUS, query_params={"kasus": scenario.id})


def _filter(column: DeltaGenerator, label: str, options: dict[str, str], key: str) -> list[str]:
    return column.multiselect(
        label, list(options), format_func=lambda k: options[k], key=key, placeholder="Semua", persist_state="session"
    )


def render_filters() -> tuple[list[str], list[str], list[str], list[str]]:
    """The four filters (modul, jenis klaim, tingkat, status); they survive a visit to another page."""
    c1, c2, c3, c4 = st.columns(4)
    return (
        _filter(c1, "Modul", MODULES, state.FILTER_MODUL),
        _filter(c2, "Jenis klaim", JENIS_KLAIM, state.FILTER_JENIS),
        _filter(c3, "Tingkat", TINGKAT_LABELS, state.FILTER_TINGKAT),
        _filter(c4, "Status", {s: s for s in progress.STATUSES}, state.FILTER_STATUS),
    )
