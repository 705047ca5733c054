"""Katalog Aturan: every verification rule from the registry, searchable, plus the reference lists."""

import streamlit as st

from bimtek.catalogue import catalogue_rows
from ui import state
from ui.catalogue_view import render_code_lists, render_deadlines, render_rules, render_tariffs

st.title("Katalog Aturan")
rules_tab, codes_tab, tariff_tab, deadline_tab = st.tabs(
    ["Aturan verifikasi", "Kode referensi P-Care", "Tarif", "Tenggat"]
)
with rules_tab:
    rows = catalogue_rows()
    query = st.text_input("Cari aturan", key=state.RULE_SEARCH, placeholder="Kode, judul, atau regulasi") or ""
    shown = render_rules(rows, query)
    st.caption(f"{shown} dari {len(rows)} aturan ditampilkan.")
    if not shown:
        st.info(f"Tidak ada aturan yang cocok dengan '{query}'.")
with codes_tab:
    render_code_lists()
with tariff_tab:
    render_tariffs()
with deadline_tab:
    render_deadlines()
