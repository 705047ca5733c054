"""Kasus: one case study — story, case file, the claim as submitted, the trainee's answer and its grade."""

import streamlit as st

from ui import attempt, drafts, nav, progress, sign_in, state
from ui.case_view import choose_case, render_case_file, render_header
from ui.claim_form import render_answer_form
from ui.claim_view import render_claim
from ui.content import case_scenarios
from ui.theme import inject_css
from ui.verdict import render_grade

inject_css()
sign_in.show_pending_message()  # the welcome of a trainee who just joined and landed here
scenario = choose_case(case_scenarios())
if scenario is None:
    st.info("Belum ada studi kasus yang dapat dibuka.")
    st.stop()
progress.note_place(nav.KASUS, scenario.judul, {"kasus": scenario.id})

running = attempt.current_attempt(scenario.id)
render_header(scenario, int(running["number"]))  # type: ignore[call-overload]
if note := st.session_state.pop(state.RETRY_NOTE, None):
    st.info(note)
elif attempt.result_for(scenario.id) is None and progress.key_seen(scenario.id):
    st.caption(
        "Kunci jawaban kasus ini sudah pernah Anda lihat: percobaan ini latihan dan tidak dihitung di checklist. "
        "'Coba lagi' setelah menilai membuka varian baru yang dihitung."
    )
claim_col, file_col = st.columns([3, 2])
with claim_col:
    st.subheader("Klaim sebagaimana diajukan")
    render_claim(scenario.klaim)
with file_col:
    st.subheader("Berkas kasus di fasilitas")
    render_case_file(scenario)

grade = attempt.result_for(scenario.id)
if grade is None:
    drafts.restore_case(scenario.id)  # draft hook (issue 13): the answer in progress, as last saved
    given = render_answer_form(scenario)
    drafts.save_case(scenario.id)
    drafts.guest_note()
    if given is not None:
        problems = attempt.submit(scenario, given)
        if not problems:
            drafts.clear_case(scenario.id)
            st.rerun()
        st.error("Jawaban belum dapat dinilai; perbaiki dulu isian berikut:")
        for problem in problems:
            st.error(problem)
else:
    with st.container(key=state.RESULT_BOX):
        render_grade(scenario, grade)
    st.button("Coba lagi", on_click=attempt.retry, args=(scenario,), key=state.RETRY, type="primary")
    st.caption("Coba lagi membuka kasus baru: varian dari keterampilan yang sama, dengan klaim lain.")
