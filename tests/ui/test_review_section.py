"""Beranda's "Ulangan hari ini" fed by the work a learner does: a guest's schedule in the session, a profile's in the
store, a due rule served as a review item (the rule named only after answering)."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from bimtek import clock
from bimtek.review import after_miss
from bimtek.storage import review as stored_review
from bimtek.storage.store import get_store
from tests.ui.conftest import page_texts, problems, run_page
from ui import nav, state


def _note_case_then_show() -> None:
    """A graded case attempt that missed EV01 and found TW01, as ui/progress.record_attempt reports it."""
    from ui import review_view

    review_view.note_attempt({"missed": ["EV01"], "found": ["TW01"]})
    review_view.note_exercise("sistem-informasi", "sp-nokartu", False)  # its source: "aturan PS02"


def test_a_guests_missed_rule_is_kept_in_the_session_and_waits_until_tomorrow():
    at = AppTest.from_function(_note_case_then_show, default_timeout=30).run()
    assert not at.exception, problems(at)
    cards = at.session_state[state.REVIEW_CARDS]
    assert set(cards) == {"EV01", "PS02"}  # TW01 was found: nothing to review
    assert cards["EV01"].due == clock.today() + dt.timedelta(days=1)
    beranda = run_page(nav.BERANDA, session={state.REVIEW_CARDS: cards})
    texts = " ".join(page_texts(beranda))
    assert "jadwal ulangan hanya diingat selama sesi ini" in texts
    assert "ulangan berikutnya besok" in texts and "EV01" not in texts


def test_a_profiles_schedule_is_in_the_store_and_a_due_rule_is_served_without_naming_it(seed_progress):
    learner = seed_progress(name="Dewi Lestari")
    yesterday = clock.today() - dt.timedelta(days=1)
    stored_review.save_cards(get_store(), learner.id, [after_miss(None, "TW01", yesterday - dt.timedelta(days=1))])
    at = run_page(nav.BERANDA, session={state.LEARNER: learner})
    assert not at.exception, problems(at)
    texts = " ".join(page_texts(at))
    assert "1 ulangan" in texts and "Ulangan 1 dari 1" in texts
    assert "TW01" not in texts and "sesi ini" not in texts
    assert [r.label for r in at.radio] == ["Keputusan"]
