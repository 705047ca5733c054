"""Latihan Jurnal: the trainee posts the entries of a piutang situation and gets line-by-line feedback."""

import random

import streamlit as st

from scoring.journal import PostedLine, Situation, grade_journal
from scoring.journal_situations import KINDS, fixed_situations, generate_situation
from ui import drafts, progress, state
from ui.journal_view import (
    entry_editor,
    frame_to_lines,
    on_a_phone,
    render_accounts,
    render_entry,
    render_facts,
    render_step_grade,
    render_step_header,
    stacked_editor,
    when,
)

FIXED = {s.id: s for s in fixed_situations()}
LABELS = {**{k: s.title for k, s in FIXED.items()}, **{k: f"Situasi baru: {v}" for k, v in KINDS.items()}}


def pick_situation() -> tuple[str, Situation]:
    """The situation picked, and its draft restored the first time this session shows it."""
    pick = st.selectbox("Situasi", list(LABELS), format_func=LABELS.__getitem__, key=state.JOURNAL_PICK)
    draft = drafts.first_load(f"jurnal:{pick}")
    starts = st.session_state.setdefault(state.JOURNAL_START, {})
    if draft is not None:
        starts[pick] = draft
    if pick in FIXED:
        return pick, FIXED[pick]
    seeds = st.session_state.setdefault(state.JOURNAL_SEEDS, {})
    again = st.button("Situasi lain", key=state.JOURNAL_NEW, icon=":material/refresh:")
    if again:
        starts.pop(pick, None)  # a new situation starts with empty tables
    if again or pick not in seeds:
        saved = starts.get(pick, {}).get("seed")
        seeds[pick] = saved if isinstance(saved, int) and not again else random.randrange(1, 1_000_000)
    return pick, generate_situation(pick, seeds[pick])


st.title("Latihan Jurnal Piutang")
st.markdown(
    "Catat jurnal setiap peristiwa: pilih akun, isi debit atau kredit. Bila suatu peristiwa tidak perlu dijurnal, "
    "biarkan tabelnya kosong. Jurnal diperiksa per baris: akun, sisi, jumlah, dan keseimbangan debit-kredit."
)
pick, situation = pick_situation()
st.subheader(situation.title)
render_facts(situation)
render_accounts()

slots = {}
start = st.session_state[state.JOURNAL_START].get(pick, {})
start_rows = start.get("rows", {}) if start.get("situation") == situation.id else {}
stacked = st.toggle(
    "Isian per baris (cocok untuk ponsel)",
    value=on_a_phone(),
    key=state.JOURNAL_STACKED,
    help="Setiap baris jurnal sebagai isian bertumpuk: akun, lalu debit dan kredit, tanpa tabel yang digeser.",
)
editor = stacked_editor if stacked else entry_editor
# No st.form: each edit reruns the page, which saves the tables as a draft (a form keeps them in the browser).
with st.container(key=state.JOURNAL_FORM):
    frames = {}
    for number, step in enumerate(situation.steps, start=1):
        render_step_header(number, step)
        key = f"{state.JOURNAL_EDITOR_PREFIX}{situation.id}__{step.id}"
        frames[step.id] = editor(key, start_rows.get(step.id))
        slots[step.id] = st.container()
    submitted = st.button("Periksa jurnal", key=state.JOURNAL_SUBMIT, type="primary")
drafts.guest_note()
posted = {step_id: frame_to_lines(frame) for step_id, frame in frames.items()}
drafts.save(
    f"jurnal:{pick}",
    {
        "situation": situation.id,
        "seed": st.session_state.get(state.JOURNAL_SEEDS, {}).get(pick),
        "rows": {k: [[p.account, p.debit, p.credit] for p in v] for k, v in posted.items()},
    },
)

if submitted:
    grade = grade_journal(situation, posted)
    answer = {k: [[p.account, p.debit, p.credit] for p in v] for k, v in posted.items()}
    progress.record_exercise(
        module_id="piutang",
        exercise_id="jurnal",
        item_id=situation.id,
        kind="jurnal",
        score=grade.score,
        correct=grade.correct,
        answer=answer,
        details={"jenis": situation.kind, "sumber": situation.fixed, "hasil_baris": grade.counts()},
    )
    st.session_state[state.JOURNAL_RESULT] = {"situation": situation.id, "posted": answer}

result = st.session_state.get(state.JOURNAL_RESULT)
if result and result["situation"] == situation.id:
    posted = {k: [PostedLine(a, int(d), int(c)) for a, d, c in v] for k, v in result["posted"].items()}
    grade = grade_journal(situation, posted)
    for step_grade in grade.steps:
        with slots[step_grade.step.id]:
            render_step_grade(step_grade)
    if grade.correct:
        st.success("Semua baris benar dan setiap jurnal seimbang.")
    else:
        st.warning(f"Skor {grade.score:.0%}: periksa umpan balik di bawah setiap peristiwa.")
    with st.expander("Jurnal yang benar"):
        for number, step in enumerate(situation.steps, start=1):
            if step.entry is None:
                st.markdown(f"**Peristiwa {number}** · {when(step)}: tidak dijurnal.")
                st.caption(step.why)
            else:
                render_entry(step.entry, f"Peristiwa {number}: {step.entry.description}", when(step))
st.caption(f"Sumber: {situation.sources}")
