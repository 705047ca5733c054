"""The dashboard's "Statistik butir" section: facility and discrimination per exercise item and scenario of a cohort
(scoring.item_stats, Moodle's quiz statistics on first attempts), with the butir that may be broken flagged."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bimtek.storage import cohorts
from scoring.item_stats import (
    DISCRIMINATION_MIN,
    FACILITY_HIGH,
    FACILITY_LOW,
    STATISTIC_FIELDS,
    item_statistics,
    statistic_rows,
)
from ui import identity

SCENARIO_FIELDS = ("scenario_id", "score")


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
    st.dataframe(pd.DataFrame(statistic_rows(stats), columns=list(STATISTIC_FIELDS)), hide_index=True, width="stretch")
