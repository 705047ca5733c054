"""The trainer's dashboard figures (scoring/dashboard.py): progress per trainee, heatmap, hard cases, indicator rates."""

from __future__ import annotations

import pytest

from scoring.dashboard import summarise

MEMBERS = [("r", "Rina"), ("b", "Budi")]


def attempt(learner, case, score, done=False, missed=(), remaining=(), seconds=100.0, integrity=True):
    return {
        "learner_id": learner,
        "scenario_id": case,
        "score": score,
        "correction_ok": done,
        "integrity_ok": integrity,
        "missed": list(missed),
        "remaining": list(remaining),
        "seconds": seconds,
    }


ATTEMPTS = [
    attempt("r", "dbd", 40, missed=["EV01"], remaining=["EV01"], seconds=300),
    attempt("r", "dbd", 100, done=True, seconds=200),
    attempt("b", "dbd", 30, missed=["EV01", "DK01"], seconds=120),
    attempt("b", "ispa", 90, done=True, integrity=False, seconds=60),  # fabricated evidence: not tuntas
    attempt("x", "dbd", 0, missed=["EV01"]),  # someone outside the cohort
]


def test_each_trainee_row_counts_their_cases_exercises_indicators_and_time():
    exercises = [{"learner_id": "b", "correct": True}, {"learner_id": "b", "correct": False}]
    board = summarise(MEMBERS, ATTEMPTS, exercises, {"r": {"regulasi": True, "sop": False}})
    rina, budi = board.trainees
    assert (rina.name, rina.attempts, rina.cases_tried, rina.cases_done, rina.mean_score) == ("Rina", 2, 1, 1, 70)
    assert (rina.indicators_met, rina.seconds, rina.exercises) == (1, 500, 0)
    assert (budi.cases_tried, budi.cases_done, budi.exercises, budi.exercises_correct) == (2, 0, 2, 1)
    assert budi.indicators_met is None
    assert board.total_seconds == 680  # the outsider's attempt is not counted


def test_the_heatmap_counts_misses_and_only_unfixed_rules_are_unresolved():
    board = summarise(MEMBERS, ATTEMPTS)
    assert board.heatmap == {("EV01", "r"): 1, ("EV01", "b"): 1, ("DK01", "b"): 1}
    assert board.unresolved == {"EV01": ["b"], "DK01": ["b"]}  # Rina fixed EV01 on her second attempt
    assert board.rules == ["EV01", "DK01"]


def test_the_hardest_cases_come_first_by_tuntas_rate_then_mean_score():
    board = summarise(MEMBERS, ATTEMPTS)
    assert [(s.scenario_id, s.trainees, s.done_rate) for s in board.scenarios] == [("ispa", 1, 0.0), ("dbd", 2, 0.5)]
    assert board.scenarios[1].mean_score == pytest.approx(170 / 3)


def test_indicator_pass_rates_are_over_the_trainees_scored():
    scored = {"r": {"regulasi": True, "sop": False}, "b": {"regulasi": True, "sop": True}}
    board = summarise(MEMBERS, [], indicators=scored, indicator_ids=["regulasi", "sop"])
    assert [(i.indicator_id, i.met, i.scored, i.rate) for i in board.indicators] == [
        ("regulasi", 2, 2, 1.0),
        ("sop", 1, 2, 0.5),
    ]


def test_an_empty_cohort_has_rows_without_scores():
    board = summarise(MEMBERS, [])
    assert [t.mean_score for t in board.trainees] == [None, None]
    assert board.scenarios == [] and board.heatmap == {} and board.total_seconds == 0
