"""Checklist Pasca Bimtek: the trainee's four indicators, their evidence and next steps, read fresh on every run."""

import streamlit as st

from ui import export_view, nav, progress
from ui.checklist_view import build_report, remember, render_report

st.title("Checklist Evaluasi Pasca Bimtek")
learner = progress.current_learner()
st.markdown(
    f"Peserta: **{learner.name}**. Empat indikator dari checklist evaluasi pasca Bimtek, dinilai dari pekerjaan "
    "Anda sendiri: latihan regulasi, studi kasus entri P-Care, simulasi satu bulan, dan SOP fasilitas. Halaman ini "
    "diperbarui setiap kali Anda membukanya."
)
progress.note_place(nav.CHECKLIST, "Checklist Pasca Bimtek")
result = export_view.my_result()
if result is not None:
    remember({result.learner_id: result.report})  # the stored status trainers see follows every computation
render_report(result.report if result is not None else build_report())
if result is not None:
    export_view.render_trainee_downloads(result)
