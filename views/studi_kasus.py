"""Studi Kasus: the case-study list with filters by modul, jenis klaim, tingkat and progress."""

import streamlit as st

from ui import progress
from ui.case_list import filter_cases, recommended_order, render_filters, render_row
from ui.content import case_scenarios

st.title("Studi Kasus")
st.markdown("Pilih kasus, periksa klaimnya seperti verifikator BPJS, lalu perbaiki dengan bukti yang ada.")
scenarios = recommended_order(case_scenarios())
modul, jenis, tingkat, status = render_filters()
shown = filter_cases(scenarios, modul, jenis, tingkat, status, progress.case_status)
st.caption(f"{len(shown)} dari {len(scenarios)} kasus ditampilkan")
if not shown:
    st.info("Tidak ada kasus yang cocok dengan filter ini.")
for scenario in shown:
    render_row(scenario)
