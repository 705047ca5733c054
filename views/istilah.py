"""Istilah: the words the training uses, one per concept, with the variants it avoids."""

import streamlit as st

from bimtek.glossary import load_glossary
from ui import state

st.title("Istilah")
st.markdown(
    "Daftar kata yang dipakai di seluruh modul, studi kasus dan halaman, satu kata untuk satu pengertian. "
    "Ejaan mengikuti KBBI, kecuali label yang tertulis di layar P-Care (mis. **Diagnosa**), supaya peserta "
    "menemukan kolom yang sama di aplikasinya."
)
query = (st.text_input("Cari istilah", key=state.TERM_SEARCH, placeholder="mis. entri, kedaluwarsa") or "").strip()
terms = [t for t in load_glossary() if not query or query.casefold() in f"{t.istilah} {t.definisi}".casefold()]
for term in terms:
    line = f"**{term.istilah}**: {term.definisi}"
    if term.terlarang:
        avoid = ", ".join(f"~~{v}~~" for v in term.terlarang if v.isalpha() or " " in v or "-" in v)
        if avoid:
            line += f"  \nTidak dipakai: {avoid}"
    st.markdown(line)
if not terms:
    st.info(f"Tidak ada istilah yang cocok dengan '{query}'.")
