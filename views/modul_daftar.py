"""Modul Bimtek: every learning module in study order, with the learner's progress in each."""

import streamlit as st

from ui import curriculum_view
from ui.module_view import modules_result, render_row

st.title("Modul Bimtek")
st.markdown(
    "Pelajari materi Bimtek manajemen klaim BPJS untuk FKTP, modul demi modul. Setiap modul berisi tujuan, "
    "pelajaran singkat yang enak dibaca di ponsel, studi kasus terkait, dan latihan yang langsung dinilai."
)
loaded = modules_result()
if not loaded.modules:
    st.info("Belum ada modul yang dapat dibuka.")
for module in loaded.modules:
    render_row(module)
if loaded.modules:
    with st.expander("Kurikulum pelatihan dan JPL (DOCX/PDF untuk akreditasi)", icon=":material/workspace_premium:"):
        curriculum_view.render_section()
if loaded.problems:
    st.warning(
        "Untuk narasumber: beberapa berkas modul bermasalah dan tidak dimuat (modul lain tetap tersedia):\n"
        + "\n".join(f"- {p}" for p in loaded.problems)
    )
