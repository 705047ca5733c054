"""Penyusun SOP: the facility's claim SOP from the six-step flow, scored for coverage and exported to sign."""

import streamlit as st

from ui import nav, progress
from ui.sop_form import render_builder

st.title("Penyusun SOP Klaim")
st.markdown(
    "Susun SOP internal klaim BPJS Kesehatan untuk fasilitas Anda dari materi Bimtek: enam langkah alur klaim "
    "dengan penanggung jawab dan frekuensinya, verifikasi internal harian atau mingguan, kontrol tenggat "
    "(tanggal 10 dan kedaluwarsa 6 bulan), serta checklist dari kesalahan umum dan aturan verifikasi. SOP yang "
    "memenuhi syarat dan sudah diunduh menjadi bukti indikator Implementasi SOP."
)
progress.note_place(nav.SOP, "Penyusun SOP")
render_builder()
