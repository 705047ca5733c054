"""Spaced-review cards and Meja sheets round-trip through the store on SQLite and PostgreSQL, per learner."""

from __future__ import annotations

import datetime as dt

from bimtek.review import after_miss, after_review
from bimtek.storage import accounts
from bimtek.storage import desk as stored_desk
from bimtek.storage import review as stored_review

DAY = dt.date(2026, 11, 2)


def test_review_cards_come_back_as_saved_and_a_change_replaces_the_card(store):
    dewi = accounts.create_profile(store, "Dewi Lestari")
    rina = accounts.create_profile(store, "Rina Wulandari")
    ev01 = after_miss(None, "EV01", DAY)
    tw01 = after_miss(None, "TW01", DAY)
    stored_review.save_cards(store, dewi.id, [ev01, tw01])
    assert stored_review.load_cards(store, dewi.id) == {"EV01": ev01, "TW01": tw01}
    assert stored_review.load_cards(store, rina.id) == {}

    moved = after_review(ev01, True, DAY + dt.timedelta(days=1))
    stored_review.save_cards(store, dewi.id, [moved])
    back = stored_review.load_cards(store, dewi.id)
    assert back["EV01"] == moved and back["EV01"].due == DAY + dt.timedelta(days=4)
    assert back["TW01"] == tw01


def test_a_graded_sheet_is_kept_with_its_figures_and_a_facility_sheet_only_when_chosen(store):
    dewi = accounts.create_profile(store, "Dewi Lestari")
    figures = {"claims": 20, "true_returns": 3, "missed": 2, "wrong_returns": 1, "right_reasons": 2,
               "seconds": 412.5, "missed_rules": ["EV01", "TW01"]}  # fmt: skip
    decisions = {"0": {"action": "kembalikan", "category": "bukti"}, "1": {"action": "layak", "category": None}}
    stored_desk.record_sheet(store, dewi.id, source="latihan", seed=4711, figures=figures, decisions=decisions)
    kept = {"claims": [{"peserta": {"nama": "Ny. Sulastri"}}]}
    stored_desk.record_sheet(store, dewi.id, source="fasilitas", seed=9, figures=figures, decisions={}, sheet=kept)

    first, second = stored_desk.sheets(store, dewi.id)
    assert (first["source"], first["seed"], first["seconds"], first["sheet"]) == ("latihan", 4711, 412.5, None)
    assert first["precision"] == 0.75 and first["recall"] == 0.6
    assert first["missed_rules"] == ["EV01", "TW01"] and first["decisions"] == decisions
    assert second["sheet"] == kept
    assert stored_desk.sheets(store, accounts.create_profile(store, "Rina").id) == []


def test_a_trainer_reads_the_sheets_of_their_cohort_only(store):
    accounts.create_trainer(store, "siti", "sandi-rahasia-bimtek")
    mine = accounts.create_cohort(store, "Bimtek Oktober", "siti")
    other = accounts.create_cohort(store, "Bimtek November", "siti")
    rina = accounts.join_cohort(store, mine.join_code, "Rina Wulandari", "4821")
    budi = accounts.join_cohort(store, other.join_code, "Budi Santoso", "5930")
    figures = {"claims": 20, "true_returns": 4, "missed": 1, "wrong_returns": 0, "right_reasons": 4, "seconds": 600.0}
    for learner in (rina, budi):
        stored_desk.record_sheet(store, learner.id, source="latihan", seed=7, figures=figures, decisions={})
    [row] = stored_desk.cohort_sheets(store, mine.id)
    assert (row["learner_name"], row["precision"], row["recall"]) == ("Rina Wulandari", 1.0, 0.8)
