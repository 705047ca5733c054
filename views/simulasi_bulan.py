"""Simulasi Bulan: the trainee reviews a seeded month of claims; returned plus rejected must fall by at least 25%."""

import streamlit as st

from ui.month_result import render_result
from ui.month_view import current_draft, month_for, render_review
from ui.theme import inject_css

inject_css()
st.title("Simulasi Bulan")
st.markdown(
    "Satu bulan klaim dari satu fasilitas, sebelum dikirim ke BPJS Kesehatan. Tinjau setiap klaim bersama arsip "
    "fasilitas, lalu pilih tindakan: perbaiki dari arsip, tarik klaim yang tidak dapat dibayar, atau ajukan apa "
    "adanya. Indikator **Penurunan Klaim Ditolak** tercapai bila klaim dikembalikan + ditolak turun minimal 25% "
    "(checklist evaluasi pasca-Bimtek) tanpa fabrikasi."
)
draft = current_draft()
month = month_for(draft["seed"])
if draft.get("submitted_at"):
    render_result(month, draft)
else:
    render_review(month, draft)
