"""Sumber & Regulasi: every regulation and publication the product cites, its status, and where it is cited."""

import streamlit as st

from bimtek.sources import Status
from ui import state
from ui.sources_view import current_uses, render_sources

st.title("Sumber & Regulasi")
st.markdown(
    "Semua peraturan dan publikasi yang dikutip modul, studi kasus, dan aturan verifikasi, dengan judul "
    "lengkap, tahun, dan statusnya. **Berlaku**: dipakai sekarang. **Dicabut**: hanya untuk perbandingan, "
    "jangan dipakai untuk pelayanan sekarang. **Belum pasti**: sumbernya lemah atau statusnya belum "
    "dipastikan; cek teks resminya (peraturan.bpk.go.id, jdih.kemkes.go.id, BPJS Kesehatan) sebelum dipakai."
)
uses = current_uses()
query = st.text_input("Cari sumber", key=state.SOURCE_SEARCH, placeholder="Nomor, tahun, judul, atau penerbit") or ""
status = st.multiselect("Status", [s.label for s in Status], key=state.SOURCE_STATUS, placeholder="Semua status")
shown = render_sources(uses, query, status)
st.caption(f"{shown} dari {len(uses)} sumber ditampilkan.")
if not shown:
    st.info(f"Tidak ada sumber yang cocok dengan '{query}'.")
