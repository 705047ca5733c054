"""Dasbor Kelas (trainers only): the live view of one cohort's room, and remediation from the error heatmap."""

import streamlit as st

from bimtek.storage import cohorts
from ui import dashboard_view, desk_view, identity, nav, remediation_view, roles, state

st.title("Dasbor Kelas")
trainer = roles.require_trainer()
mine = cohorts.trainer_cohorts(identity.store(), trainer.id)
if not mine:
    st.info("Anda belum punya kelas.")
    st.page_link(nav.NARASUMBER, label="Buat kelas di halaman Kelas Saya", icon=":material/co_present:")
    st.stop()
by_id = {c.id: c for c in mine}
chosen = st.selectbox(
    "Kelas", list(by_id), key=state.DASHBOARD_COHORT, format_func=lambda i: f"{by_id[i].name} ({by_id[i].join_code})"
)
cohort = by_id[chosen]
dashboard_view.render_live(cohort)
desk_view.render_cohort(cohort.id)  # Meja Petugas Klaim: the trainees' sheets (ui/desk_view.py)
st.divider()
remediation_view.render_remediation(cohort, trainer, *dashboard_view.load(cohort.id))
