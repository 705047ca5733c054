"""Modul: one module — objectives, lessons, linked case studies and rules, and its graded exercises."""

import streamlit as st

from ui import drafts, nav, progress, sign_in
from ui.exercise_view import render_exercise
from ui.module_view import QUERY_KEY, choose_module, modules_result, render_intro, render_lessons, render_links

sign_in.show_pending_message()  # the welcome of a trainee who just joined and landed on a module task
module = choose_module(modules_result().modules)
if module is None:
    st.title("Modul")
    st.info("Belum ada modul yang dapat dibuka.")
    st.stop()

progress.note_place(nav.MODUL, f"Modul {module.judul}", {QUERY_KEY: module.id})
render_intro(module)
render_lessons(module)
render_links(module)
st.header("Latihan")
st.caption(
    "Setiap jawaban langsung dinilai dan dibahas. 'Soal lain' memberi soal yang belum pernah Anda lihat. Jawaban yang "
    "sedang Anda isi tersimpan otomatis dan muncul lagi bila halaman dimuat ulang."
)
drafts.guest_note()
for index, exercise in enumerate(module.latihan, start=1):
    render_exercise(module, exercise, index)
