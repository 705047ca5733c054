"""Round trips through the repository API on SQLite and PostgreSQL: what goes in comes out, per learner."""

from __future__ import annotations

import datetime as dt

import pytest

from bimtek.storage import accounts
from bimtek.storage import progress as stored

ATTEMPT = {
    "scenario_id": "dbd-ranap-tanpa-lab",
    "score": 87,
    "points": {"identifikasi": 40, "perbaikan": 50, "waktu": 7},
    "correction_ok": True,
    "integrity_ok": True,
    "withdrawn": False,
    "flagged": ["EV01", "TG02"],
    "found": ["EV01"],
    "missed": [],
    "false_alarms": ["TG02"],
    "remaining": [],
    "status_after": "layak",
    "seconds": 312.5,
    "corrected": {"peserta": {"nama": "Ny. Sulastri — 64 th"}, "lab": [{"nama": "Trombosit", "nilai": 85000}]},
    "detail": {"temuan": [{"bagian": ["lab"], "kategori": "bukti", "catatan": "trombosit tidak ada"}]},
    "key_seen": False,
}


@pytest.fixture
def learner(store):
    return accounts.create_profile(store, "Dewi Lestari")


def test_an_attempt_comes_back_exactly_as_recorded_with_its_time(store, learner):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    stored.record_attempt(store, learner.id, ATTEMPT)
    [back] = stored.attempts(store, learner.id)
    created = dt.datetime.fromisoformat(back.pop("created_at"))
    assert back == ATTEMPT
    assert created.tzinfo is not None and before <= created <= dt.datetime.now(dt.UTC)


def test_attempts_keep_their_order_and_filter_by_case(store, learner):
    for i, case in enumerate(["a", "b", "a"]):
        stored.record_attempt(store, learner.id, {**ATTEMPT, "scenario_id": case, "score": i})
    assert [a["score"] for a in stored.attempts(store, learner.id)] == [0, 1, 2]
    assert [a["score"] for a in stored.attempts(store, learner.id, "a")] == [0, 2]


def test_a_partial_attempt_gets_empty_values(store, learner):
    minimal = {"scenario_id": "x", "score": 90, "correction_ok": True, "integrity_ok": True, "seconds": 60}
    stored.record_attempt(store, learner.id, minimal)
    [back] = stored.attempts(store, learner.id)
    assert back["flagged"] == [] and back["points"] == {} and back["corrected"] is None and not back["withdrawn"]


def test_a_key_seen_is_kept_per_learner_and_case_and_an_old_attempt_counts_as_having_seen_it(store, learner):
    other = accounts.create_profile(store, "Budi Santoso")
    assert not stored.key_seen(store, learner.id, "a")
    stored.mark_key_seen(store, learner.id, "a")
    stored.mark_key_seen(store, learner.id, "a")  # a second look changes nothing
    assert stored.key_seen(store, learner.id, "a")
    assert not stored.key_seen(store, learner.id, "b") and not stored.key_seen(store, other.id, "a")
    stored.record_attempt(store, other.id, {**ATTEMPT, "scenario_id": "b", "detail": None, "key_seen": None})
    assert stored.key_seen(store, other.id, "b")  # stored before keys were noted: the old page showed the key


def test_a_learner_sees_only_their_own_work(store, learner):
    other = accounts.create_profile(store, "Budi Santoso")
    stored.record_attempt(store, other.id, ATTEMPT)
    stored.record_exercise(store, other.id, {"module_id": "m", "exercise_id": "e", "item_id": "i", "kind": "pilihan",
                                             "score": 1, "correct": True, "answer": "a", "details": {}})  # fmt: skip
    stored.save_document(store, other.id, "sop", {"langkah": 6})
    assert stored.attempts(store, learner.id) == []
    assert stored.exercise_results(store, learner.id) == []
    assert stored.load_document(store, learner.id, "sop") is None
    assert len(stored.attempts(store, other.id)) == 1


def test_exercise_results_round_trip_and_filter_by_module(store, learner):
    first = {"module_id": "regulasi", "exercise_id": "instrumen", "item_id": "r-1", "kind": "pencocokan",
             "score": 0.75, "correct": False, "answer": {"Permenkes 3/2023": "tarif"},
             "details": {"instrumen_benar": ["Permenkes 3/2023"], "tercabut_dipilih": []}}  # fmt: skip
    second = {**first, "module_id": "tarif", "item_id": "t-1", "kind": "angka", "answer": 750000, "score": 1.0,
              "correct": True}  # fmt: skip
    stored.record_exercise(store, learner.id, first)
    stored.record_exercise(store, learner.id, second)
    rows = stored.exercise_results(store, learner.id)
    assert [{k: v for k, v in r.items() if k != "created_at"} for r in rows] == [first, second]
    assert [r["item_id"] for r in stored.exercise_results(store, learner.id, "tarif")] == ["t-1"]


def test_sets_and_tuples_in_an_answer_come_back_as_lists(store, learner):
    record = {"module_id": "m", "exercise_id": "e", "item_id": "i", "kind": "urutan", "score": 1, "correct": True,
              "answer": ("b", "a"), "details": {"dipilih": {"z", "y"}}}  # fmt: skip
    stored.record_exercise(store, learner.id, record)
    [back] = stored.exercise_results(store, learner.id)
    assert back["answer"] == ["b", "a"] and back["details"] == {"dipilih": ["y", "z"]}


def test_a_document_keeps_its_latest_version_and_its_history(store, learner):
    assert stored.load_document(store, learner.id, "sop") is None
    stored.save_document(store, learner.id, "sop", {"versi": 1, "langkah": ["Pendaftaran"]})
    stored.save_document(store, learner.id, "sop", {"versi": 2, "langkah": ["Pendaftaran", "Pelayanan"]})
    stored.save_document(store, learner.id, "simulasi_bulan", {"seed": 7})
    assert stored.load_document(store, learner.id, "sop") == {"versi": 2, "langkah": ["Pendaftaran", "Pelayanan"]}
    assert [v["data"]["versi"] for v in stored.document_history(store, learner.id, "sop")] == [1, 2]
    assert stored.load_document(store, learner.id, "simulasi_bulan") == {"seed": 7}


def test_the_last_place_is_remembered(store, learner):
    assert stored.last_place(store, learner.id) is None
    stored.note_place(store, learner.id, {"page": "views/kasus.py", "label": "DBD", "query": {"kasus": "dbd"}})
    place = stored.last_place(store, learner.id)
    assert place is not None and place["query"] == {"kasus": "dbd"} and place["label"] == "DBD"
