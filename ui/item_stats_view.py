"""The dashboard's "Statistik butir" section: facility and discrimination per exercise item and scenario of a cohort
(scoring.item_stats, Moodle's quiz statistics on first attempts), with the butir that may be broken flagged."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bimtek.practice_variants import Titles
from bimtek.storage import cohorts
from scoring.item_stats import (
    DISCRIMINATION_MIN,
    FACILITY_HIGH,
    FACILITY_LOW,
    STATISTIC_FIELDS,
    exercise_key,
    item_statistics,
    statistic_rows,
)
from ui import content, identity, module_view

TITLE_CHARS = 90

SCENARIO_FIELDS = ("scenario_id", "score")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"


def butir_titles(cohort_id: int | None = None) -> dict[str, str]:
    """Butir key -> what a trainer recognises: module title and question for an exercise item, a case's title
    (shipped cases and, given the cohort, the cases of its library)."""
    scenarios = [*content.scenarios_result().scenarios, *(content.library_scenarios(cohort_id) if cohort_id else [])]
    titles = Titles({s.id: s.judul for s in scenarios})  # a retry variant (issue 11) reads as "Varian: ..."
    for module in module_view.modules_result().modules:
        for exercise in module.latihan:
            for item in exercise.soal:
                question = str(getattr(item, "pertanyaan", None) or getattr(item, "kasus", ""))
                titles[exercise_key(module.id, exercise.id, item.id)] = f"{module.judul}: {_short(question)}"
    return titles


def render(cohort_id: int) -> None:
    store = identity.store()
    members = {m.id for m in cohorts.cohort_members(store, cohort_id)}
    attempts = cohorts.cohort_attempts(store, cohort_id, SCENARIO_FIELDS)
    exercises = cohorts.cohort_exercises(store, cohort_id)
    stats = item_statistics(attempts, exercises, members)
    st.subheader("Statistik butir soal dan kasus")
    st.caption(
        "Dihitung seperti statistik kuis Moodle, dari percobaan pertama setiap peserta. Indeks fasilitas = rata-rata "
        "skor peserta pada butir (%); indeks diskriminasi = korelasi skor butir dengan skor peserta di butir lain (%). "
        f"Butir ditandai mungkin bermasalah bila fasilitas di bawah {FACILITY_LOW:.0f}% atau di atas "
        f"{FACILITY_HIGH:.0f}%, atau diskriminasi di bawah {DISCRIMINATION_MIN:.0f}% (negatif: periksa kunci)."
    )
    if not stats:
        st.caption("Belum ada soal latihan atau kasus yang dikerjakan peserta kelas ini.")
        return
    flagged = sum(s.flagged for s in stats)
    st.markdown(f"**{flagged}** dari {len(stats)} butir mungkin bermasalah.")
    rows = statistic_rows(stats, butir_titles(cohort_id))
    st.dataframe(pd.DataFrame(rows, columns=list(STATISTIC_FIELDS)), hide_index=True, width="stretch")
