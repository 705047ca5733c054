"""Drafts on the pages (issue 13): a half-filled answer is there again on reload, on another device, after a restart."""

from __future__ import annotations

from bimtek.storage.drafts import load_draft
from bimtek.storage.store import dispose_all, get_store
from tests.ui.conftest import point_at, problems, run_page
from ui import drafts, nav, state
from ui.exercise_view import draft_key, item_key


def open_module(module_id: str, learner=None):
    session = {state.LEARNER: learner} if learner is not None else None
    at = run_page(nav.MODUL, session=session, query={"modul": module_id})
    assert not at.exception, problems(at)
    return at


def test_a_typed_exercise_answer_comes_back_in_a_new_session_with_the_same_items(seed_progress):
    learner = seed_progress()
    at = open_module("alur-klaim", learner)
    game = at.session_state[state.EXERCISE_ROUNDS]["alur-klaim/alur-tenggat"]
    dated = next(d for d in game.items if d.item.satuan.value == "tanggal")
    widget = item_key("alur-klaim", "alur-tenggat", game.number, dated.id) + "_jawab"
    at.text_input(key=widget).input("15/12/2026").run()  # typed, not yet checked
    assert not at.exception, problems(at)
    assert load_draft(get_store(), learner.id, draft_key("alur-klaim", "alur-tenggat")) is not None

    dispose_all()  # the server restarts; the learner opens the page again (a reload, or another device)
    again = open_module("alur-klaim", learner)
    restored = again.session_state[state.EXERCISE_ROUNDS]["alur-klaim/alur-tenggat"]
    assert [d.id for d in restored.items] == [d.id for d in game.items]
    assert [d.params for d in restored.items] == [d.params for d in game.items]  # the same numbers and dates
    assert again.text_input(key=widget).value == "15/12/2026"
    assert drafts.GUEST_NOTE not in [c.value for c in again.caption]


def test_a_checked_answer_and_its_feedback_come_back_too(seed_progress):
    learner = seed_progress()
    at = open_module("alur-klaim", learner)
    game = at.session_state[state.EXERCISE_ROUNDS]["alur-klaim/alur-pilihan"]
    first = game.items[0]
    key = item_key("alur-klaim", "alur-pilihan", game.number, first.id)
    right = next(o.teks for o in first.item.pilihan if o.benar)
    at.radio(key=key + "_jawab").set_value(right).run()
    at.button(key=key + "_periksa").click().run()
    assert "Benar." in [s.value for s in at.success]
    again = open_module("alur-klaim", learner)
    restored = again.session_state[state.EXERCISE_ROUNDS]["alur-klaim/alur-pilihan"]
    assert restored.results[first.id].correct and restored.answers[first.id] == right
    assert "Benar." in [s.value for s in again.success]


def test_a_guest_is_told_the_draft_stays_in_this_session_only():
    at = open_module("alur-klaim")
    assert drafts.GUEST_NOTE in [c.value for c in at.caption]


def test_journal_lines_typed_in_one_session_are_checked_in_the_next(seed_progress):
    from tests.ui.test_piutang_pages import KAPITASI_ANSWER, editor_key, edits

    learner = seed_progress()
    at = run_page(nav.JURNAL, session={state.LEARNER: learner})
    for step_id, lines in KAPITASI_ANSWER.items():
        at.session_state[editor_key("sumber-kapitasi", step_id)] = edits(*lines)
    at.run()  # typed, never checked: the page is closed (or the server restarts)
    assert not at.exception, problems(at)
    assert not at.success

    dispose_all()
    again = run_page(nav.JURNAL, session={state.LEARNER: learner})
    again.button(key=state.JOURNAL_SUBMIT).click().run()  # nothing typed here: the draft's lines are in the tables
    assert not again.exception, problems(again)
    assert [s.value for s in again.success] == ["Semua baris benar dan setiap jurnal seimbang."]


def test_a_guest_journal_draft_stays_in_the_session():
    at = run_page(nav.JURNAL)
    assert drafts.GUEST_NOTE in [c.value for c in at.caption]
    assert at.session_state[drafts.SESSION]["jurnal:sumber-kapitasi"]["situation"] == "sumber-kapitasi"


def test_a_half_filled_case_answer_comes_back_and_is_gone_once_submitted(seed_progress):
    learner = seed_progress()
    case = {"kasus": "dbd-ranap-tanpa-lab"}
    at = run_page(nav.KASUS, session={state.LEARNER: learner}, query=case)
    point_at(at, ["lab"], "bukti")
    at.run()
    at.text_area(key=state.KELUHAN).input("Demam tinggi 3 hari, mimisan").run()
    assert not at.exception, problems(at)

    dispose_all()  # a restart; the learner opens the case again
    again = run_page(nav.KASUS, session={state.LEARNER: learner}, query=case)
    assert again.multiselect(key=state.FINDING_FIELDS_PREFIX + "0").value == ["lab"]
    assert again.selectbox(key=state.FINDING_CATEGORY_PREFIX + "0").value == "bukti"
    assert again.text_area(key=state.KELUHAN).value == "Demam tinggi 3 hari, mimisan"
    again.button(key=state.SUBMIT).click().run()
    assert not again.exception, problems(again)
    assert load_draft(get_store(), learner.id, drafts.case_key("dbd-ranap-tanpa-lab")) is None
