"""The trainer's dashboard of one cohort: progress, indicator pass rates, error heatmap, hard cases, time, remediation."""

from __future__ import annotations

from functools import partial

import altair as alt
import pandas as pd
import streamlit as st

from bimtek.storage import cohorts
from bimtek.storage import progress as stored
from bimtek.storage.accounts import CohortInfo
from scoring.dashboard import Dashboard, summarise
from scoring.indicators import INDICATORS
from scoring.remediation import LEARNER_FIELD, RULE_FIELD
from ui import content, identity, item_stats_view, remediation_view, state
from ui.checklist_view import DOCUMENT_KINDS, score_records
from ui.labels import angka

REFRESH_SECONDS = 10
NO_ATTEMPT = "belum ada"


def load(cohort_id: int) -> tuple[Dashboard, dict[str, str]]:
    """The cohort's dashboard, read fresh from the store, and learner id -> name."""
    store = identity.store()
    members = [(m.id, m.name) for m in cohorts.cohort_members(store, cohort_id)]
    attempts = cohorts.cohort_attempts(store, cohort_id, cohorts.DASHBOARD_FIELDS)
    exercises = cohorts.cohort_exercises(store, cohort_id)
    indicators: dict[str, dict[str, bool]] = {}
    for learner_id, _name in members:
        mine = [a for a in attempts if a["learner_id"] == learner_id]
        done = [e for e in exercises if e["learner_id"] == learner_id]
        documents = {kind: stored.load_document(store, learner_id, kind) for kind in DOCUMENT_KINDS}
        report = score_records(mine, done, documents)
        indicators[learner_id] = {r.indicator.id: bool(r.met) for r in report.results}
    board = summarise(members, attempts, exercises, indicators, [i.id for i in INDICATORS])
    return board, dict(members)


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f} menit"


def scenario_titles(cohort_id: int) -> dict[str, str]:
    """Scenario id -> the title trainees see, for the shipped cases and the cohort's own library."""
    found = [*content.scenarios_result().scenarios, *content.library_scenarios(cohort_id)]
    return {s.id: s.judul for s in found}


def render_board(board: Dashboard, names: dict[str, str], titles: dict[str, str] | None = None) -> None:
    rows = board.trainees
    total = len(rows)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Peserta", total)
    c2.metric("Percobaan kasus", sum(r.attempts for r in rows))
    c3.metric("Memenuhi 4 indikator", sum(r.indicators_met == len(INDICATORS) for r in rows))
    c4.metric("Waktu mengerjakan kasus", _minutes(board.total_seconds))
    if not rows:
        st.info("Belum ada peserta di kelas ini. Tampilkan kode kelas di halaman Kelas Saya.")
        return

    st.subheader("Kemajuan per peserta")
    table = pd.DataFrame(
        [
            {
                "Peserta": r.name,
                "Kasus dicoba": r.cases_tried,
                "Kasus tuntas": r.cases_done,
                "Rata-rata skor": angka(round(r.mean_score)) if r.mean_score is not None else NO_ATTEMPT,
                "Soal latihan": r.exercises,
                "Latihan benar": r.exercises_correct,
                "Indikator terpenuhi": f"{r.indicators_met or 0}/{len(INDICATORS)}",
                "Menit": angka(round(r.seconds / 60, 1)),
            }
            for r in rows
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")

    st.subheader("Indikator checklist: persentase lulus")
    labels = {i.id: i.aspek for i in INDICATORS}
    for r in board.indicators:  # progress bars keep each indicator's full name, on a phone too
        st.progress(
            r.rate, text=f"**{labels[r.indicator_id]}**: {round(100 * r.rate)}% lulus ({r.met} dari {r.scored} peserta)"
        )

    st.subheader("Peta kesalahan (aturan x peserta)")
    if board.heatmap:
        cells = pd.DataFrame(
            [
                {RULE_FIELD: rule, "Peserta": names[learner], LEARNER_FIELD: learner, "Terlewat": count}
                for (rule, learner), count in board.heatmap.items()
            ]
        )
        cell = alt.selection_point(name=remediation_view.CELL_PARAM, fields=[RULE_FIELD, LEARNER_FIELD])
        st.altair_chart(
            alt.Chart(cells)
            .mark_rect()
            .encode(
                x=alt.X("Peserta:N", sort=[r.name for r in rows]),
                y=alt.Y(f"{RULE_FIELD}:N", sort=board.rules),
                color=alt.Color(
                    "Terlewat:Q", scale=alt.Scale(scheme="orangered"), legend=alt.Legend(format="d", tickMinStep=1)
                ),
                opacity=alt.condition(cell, alt.value(1.0), alt.value(0.45)),
                tooltip=[RULE_FIELD, "Peserta", "Terlewat"],
            )
            .add_params(cell)
            .properties(height=alt.Step(32)),  # rows tall enough to click
            width="stretch",
            key=state.HEATMAP,
            on_select=partial(remediation_view.on_cell, board.unresolved),
            selection_mode=remediation_view.CELL_PARAM,
        )
        if st.session_state.pop(state.REMEDY_FROM_CELL, False):
            st.rerun()  # the click reran only this fragment; the remediation form below must follow it
        st.caption("Angka = berapa percobaan yang melewatkan atau menyisakan cacat dari aturan itu.")
    else:
        st.caption("Belum ada kesalahan tercatat.")

    left, right = st.columns(2)
    with left:
        st.subheader("Kasus tersulit")
        hardest = pd.DataFrame(
            [
                {
                    "Kasus": (titles or {}).get(s.scenario_id, s.scenario_id),
                    "Peserta": s.trainees,
                    "Tuntas (%)": round(100 * s.done_rate),
                    "Rata-rata skor": angka(round(s.mean_score)),
                }
                for s in board.scenarios[:10]
            ]
        )
        if hardest.empty:
            st.caption("Belum ada percobaan kasus.")
        else:
            st.dataframe(hardest, hide_index=True, width="stretch")
    with right:
        st.subheader("Waktu mengerjakan per peserta")
        minutes = pd.DataFrame(
            [{"Peserta": r.name, "Menit": r.seconds / 60, "Waktu": f"{angka(r.seconds / 60)} menit"} for r in rows]
        )
        st.altair_chart(
            alt.Chart(minutes)
            .mark_bar()
            .encode(x="Menit:Q", y=alt.Y("Peserta:N", sort="-x"), tooltip=["Peserta", "Waktu"]),
            width="stretch",
        )


def render_live(cohort: CohortInfo) -> None:
    """The dashboard, refreshed by itself every REFRESH_SECONDS while the page is open."""

    @st.fragment(run_every=REFRESH_SECONDS)
    def live() -> None:
        board, names = load(cohort.id)
        render_board(board, names, scenario_titles(cohort.id))
        item_stats_view.render(cohort.id)
        st.caption(f"Diperbarui otomatis setiap {REFRESH_SECONDS} detik.")

    live()
