"""The module pages' parts: loading modules (reloaded when a file changes), a list row with progress, the lessons."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from bimtek import modules as module_content
from bimtek.modules import Module, ModuleLoadResult, load_modules
from bimtek.rules import get_rule
from scoring.exercises import ModuleProgress, summarise_progress
from ui import nav, plain, progress, state
from ui.content import find_scenario, scenarios_result

MODULE_DIR: Path = module_content.MODULE_DIR  # read at call time, so a test can point the app at other content
QUERY_KEY = "modul"


def _signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    files = sorted(directory.glob("*.yaml"))
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(
    directory: Path, signature: tuple[tuple[str, int, int], ...], scenario_ids: frozenset[str]
) -> ModuleLoadResult:
    from bimtek.rules import all_rules

    return load_modules(directory, scenario_ids, {r.code for r in all_rules()})


def modules_result() -> ModuleLoadResult:
    """Modules and content problems; a trainer's edit to a YAML file shows on the next rerun."""
    scenario_ids = frozenset(s.id for s in scenarios_result().scenarios)
    return _load(MODULE_DIR, _signature(MODULE_DIR), scenario_ids)


def module_progress(module: Module) -> ModuleProgress:
    return summarise_progress(module, progress.exercise_results(module.id))


def describe_progress(done: ModuleProgress) -> str:
    score = "-" if done.score is None else f"{round(done.score * 100)}%"
    return f"{done.done}/{done.total} latihan selesai · skor rata-rata {score}"


def render_row(module: Module) -> None:
    """One module in the list: title, summary, progress, and a button that opens it."""
    with st.container(border=True):
        text, action = st.columns([5, 1], vertical_alignment="center")
        with text:
            st.markdown(f"**{plain.authored(module.judul)}**")
            st.markdown(plain.authored(module.ringkasan))
            st.caption(describe_progress(module_progress(module)))
        with action:
            if st.button("Buka", key=state.MODULE_OPEN_PREFIX + module.id):
                st.switch_page(nav.MODUL, query_params={QUERY_KEY: module.id})


def _on_select() -> None:
    st.query_params[QUERY_KEY] = st.session_state[state.MODULE_SELECT]


def choose_module(modules: list[Module]) -> Module | None:
    """The open module: from the link (?modul=id), else the first; a selectbox switches."""
    by_id = {m.id: m for m in modules}
    if not by_id:
        return None
    wanted = st.query_params.get(QUERY_KEY)
    current = wanted if wanted in by_id else modules[0].id
    st.query_params[QUERY_KEY] = current
    st.session_state[state.MODULE_SELECT] = current
    st.selectbox(
        "Pilih modul", list(by_id), format_func=lambda i: by_id[i].judul, key=state.MODULE_SELECT, on_change=_on_select
    )
    return by_id[current]


def describe_hours(module: Module) -> str:
    """'Materi Inti · 3 JPL (teori 1, penugasan 2, praktik lapangan 0)': where the module sits in the curriculum."""
    j = module.jam
    return (
        f"{module.kelompok.label} · {module.jpl} JPL (teori {j.teori}, penugasan {j.penugasan}, "
        f"praktik lapangan {j.praktik_lapangan})"
    )


def render_intro(module: Module) -> None:
    st.title(plain.authored(module.judul))
    st.markdown(plain.authored(module.ringkasan))
    st.caption(describe_progress(module_progress(module)))
    st.caption(describe_hours(module))
    st.subheader("Tujuan")
    st.markdown("\n".join(f"- {plain.authored(goal)}" for goal in module.tujuan))


def render_lessons(module: Module) -> None:
    st.subheader("Pelajaran")
    for i, lesson in enumerate(module.pelajaran):
        title = f"{i + 1}. {lesson.judul}" + (" (belum pasti)" if lesson.belum_pasti else "")
        with st.expander(title, expanded=i == 0):
            if lesson.belum_pasti:
                st.warning("Sebagian fakta di pelajaran ini belum pasti; lihat keterangan di teks.")
            st.markdown(plain.authored(lesson.isi))
            st.caption(f"Sumber: {plain.authored(lesson.sumber)}")
    c1, c2 = st.columns(2)
    c1.page_link(nav.ISTILAH, label="Istilah yang dipakai di modul ini", icon=":material/dictionary:")
    c2.page_link(nav.SUMBER, label="Sumber & regulasi yang dikutip", icon=":material/gavel:")


def render_links(module: Module) -> None:
    """The case studies and rules this module trains, each one tap away."""
    own = [s.id for s in scenarios_result().scenarios if s.modul == module.id]
    linked = list(dict.fromkeys(module.skenario + own))  # the module's list first, then its own scenarios
    if linked:
        st.subheader("Studi kasus terkait")
        for scenario_id in linked:
            scenario = find_scenario(scenario_id)
            if scenario is not None:
                st.page_link(
                    nav.KASUS,
                    label=f"{scenario.judul} ({progress.case_status(scenario.id)})",
                    icon=":material/assignment:",
                    query_params={"kasus": scenario.id},
                )
    if module.aturan:
        st.subheader("Aturan verifikasi yang dilatih")
        lines = []
        for code in module.aturan:
            rule = get_rule(code)
            lines.append(f"- **{code}** {rule.title} · {rule.severity.label}")
        st.markdown("\n".join(lines))
        st.page_link(nav.KATALOG, label="Buka Katalog Aturan", icon=":material/menu_book:")
