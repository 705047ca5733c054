"""Penulisan Skenario (trainer only): upload or paste a scenario, see its problems, preview it, add it to a cohort."""

import streamlit as st

from ui import roles, state
from ui.authoring_view import check_text, read_source, render_add, render_generator, render_preview, render_problems
from ui.library_view import render_library
from ui.theme import inject_css

inject_css()
st.title("Penulisan Skenario")
trainer = roles.require_trainer()  # anyone else is refused here, on the server

st.markdown(
    "Unggah atau tempel skenario YAML (lihat panduan penulisan skenario di dokumentasi proyek, bagian *authoring scenarios*). Setiap masalah ditampilkan sebagai "
    "`berkas: lokasi: pesan`; skenario yang lolos dapat dipratinjau seperti yang dilihat peserta lalu ditambahkan "
    "ke pustaka kelas Anda."
)
source = read_source()
uploaded = None
if source is not None:
    name, text = source
    scenario, problems = check_text(name, text)
    if problems:
        render_problems(problems)
    elif scenario is not None:
        uploaded = scenario
        st.success(f"{name}: tidak ada masalah.")
        render_add(trainer, scenario, text, state.AUTHOR_ADD)
        render_preview(scenario)

st.divider()
render_generator(trainer, uploaded)

st.divider()
render_library(trainer)
