"""Angka Klaim Fasilitas: the facility's real monthly figures before and after the Bimtek, and their reduction."""

import streamlit as st

from ui import nav, progress
from ui.figures_form import render_figures

st.title("Angka Klaim Fasilitas")
st.markdown(
    "Catat jumlah klaim yang diajukan, dikembalikan, dan ditolak setiap bulan, sebelum dan sesudah pelatihan. "
    "Target checklist: klaim dikembalikan + ditolak turun minimal 25% dalam satu bulan pasca pelatihan. Bulan "
    "pertama sesudah pelatihan dibandingkan dengan rata-rata seluruh bulan sebelumnya (jumlah dikembalikan + "
    "ditolak dibagi jumlah diajukan). Angka ini tampil sebagai bukti lapangan; indikator Penurunan Klaim Ditolak "
    "sendiri dinilai dari simulasi satu bulan, karena angka nyata baru ada sebulan setelah pelatihan."
)
progress.note_place(nav.ANGKA_FASILITAS, "Angka Klaim Fasilitas")
render_figures()
