"""Item statistics (scoring.item_stats) against small data sets worked by hand, Moodle's way, on first attempts."""

from __future__ import annotations

import dataclasses
import io

import pytest
from openpyxl import load_workbook

from scoring.item_stats import (
    FINE,
    FLAGGED,
    KIND_EXERCISE,
    KIND_SCENARIO,
    UNKNOWN,
    first_scores,
    item_statistics,
    statistic_rows,
)
from scoring.report_export import STATISTICS_SHEET, cohort_xlsx
from tests.test_reports import qualified


def ex(learner: str, item: str, score: float) -> dict:
    return {"learner_id": learner, "module_id": "m", "exercise_id": "e", "item_id": item, "score": score}


def case(learner: str, scenario: str, score: int) -> dict:
    return {"learner_id": learner, "scenario_id": scenario, "score": score}


# Four trainees, three exercise items A, B, C; first attempts (a later retry of A by L3 scores 1 and must not count):
#
#          A  B  C
#     L1   1  1  1
#     L2   1  0  1
#     L3   0  0  1
#     L4   0  1  0
HAND = [
    ex("L1", "a", 1), ex("L1", "b", 1), ex("L1", "c", 1),
    ex("L2", "a", 1), ex("L2", "b", 0), ex("L2", "c", 1),
    ex("L3", "a", 0), ex("L3", "b", 0), ex("L3", "c", 1),
    ex("L4", "a", 0), ex("L4", "b", 1), ex("L4", "c", 0),
    ex("L3", "a", 1),  # a retry after the feedback: ignored
]  # fmt: skip


def by_key(stats):
    return {s.key: s for s in stats}


def test_facility_and_discrimination_match_the_hand_computation():
    """Worked by hand.

    Item A: x = (1, 1, 0, 0), facility = 2/4 = 50 %. Rest of test = mean of B and C per trainee:
    y = (1, 0.5, 0.5, 0.5). Means 0.5 and 0.625; deviations dx = (.5, .5, -.5, -.5), dy = (.375, -.125, -.125, -.125).
    Sum dx*dy = .1875 - .0625 + .0625 + .0625 = .25; sum dx^2 = 1; sum dy^2 = .140625 + 3 * .015625 = .1875.
    r = .25 / sqrt(1 * .1875) = .5774 -> discrimination 57.7 %: not flagged (20 <= 50 <= 90, 57.7 >= 30).

    Item B: x = (1, 0, 0, 1), facility 50 %. y = mean(A, C) = (1, 1, 0.5, 0); mean .625;
    dx = (.5, -.5, -.5, .5), dy = (.375, .375, -.125, -.625). Sum dx*dy = .1875 - .1875 + .0625 - .3125 = -.25;
    sum dy^2 = .140625 * 2 + .015625 + .390625 = .6875. r = -.25 / sqrt(.6875) = -.3015 -> -30.2 %: negative, flagged.

    Item C: x = (1, 1, 1, 0), facility 75 %. y = mean(A, B) = (1, .5, 0, .5); mean .5;
    dx = (.25, .25, .25, -.75), dy = (.5, 0, -.5, 0). Sum dx*dy = .125 - .125 = 0 -> 0 %: below 30 %, flagged.
    """
    stats = by_key(item_statistics([], HAND))
    a, b, c = stats["m/e/a"], stats["m/e/b"], stats["m/e/c"]
    assert (a.n, b.n, c.n) == (4, 4, 4)
    assert a.facility == pytest.approx(50.0) and a.discrimination == pytest.approx(57.735, abs=0.01)
    assert not a.flagged and a.status == FINE
    assert b.facility == pytest.approx(50.0) and b.discrimination == pytest.approx(-30.151, abs=0.01)
    assert b.status == FLAGGED and "negatif" in b.reasons[0]
    assert c.facility == pytest.approx(75.0) and c.discrimination == pytest.approx(0.0, abs=1e-9)
    assert c.status == FLAGGED and "di bawah 30%" in c.reasons[0]
    assert [s.key for s in item_statistics([], HAND)] == ["m/e/b", "m/e/c", "m/e/a"]  # flagged first


def test_only_first_attempts_count_and_scenario_scores_are_fractions_of_100():
    """Scenario S: L1 first 95 then 20 (ignored), L2 100: facility (0.95 + 1.00) / 2 = 97.5 % > 90 %: too easy.
    Neither trainee did another butir, so discrimination cannot be computed and the reason says why."""
    attempts = [case("L1", "S", 95), case("L1", "S", 20), case("L2", "S", 100)]
    assert first_scores(attempts)[(KIND_SCENARIO, "S")] == {"L1": 0.95, "L2": 1.0}
    [s] = item_statistics(attempts)
    assert s.kind == KIND_SCENARIO and s.n == 2
    assert s.facility == pytest.approx(97.5) and s.discrimination is None
    assert s.status == FLAGGED and "terlalu mudah" in s.reasons[0]
    row = statistic_rows([s])[0]
    assert row["Indeks diskriminasi (%)"] is None and "perlu minimal 3" in row["Alasan"]


def test_too_hard_and_undefined_discrimination_and_outsiders():
    """Item H: everyone scores 0 -> facility 0 % < 20 %: too hard; all item scores equal -> discrimination undefined.
    A record of someone outside the cohort's members is ignored."""
    records = [ex(who, "h", 0) for who in ("L1", "L2", "L3")] + [
        ex(w, "g", s) for w, s in (("L1", 1), ("L2", 0), ("L3", 1))
    ]
    records.append(ex("orang-lain", "h", 1))
    stats = by_key(item_statistics([], records, learners={"L1", "L2", "L3"}))
    h = stats["m/e/h"]
    assert h.n == 3 and h.facility == 0 and h.discrimination is None
    assert "terlalu sulit" in h.reasons[0] and "sama" in h.note
    # G's rest of test is H, constant 0: undefined too, and facility 66.7 % is fine: not judged, not flagged
    g = stats["m/e/g"]
    assert g.status == UNKNOWN and not g.flagged and g.kind == KIND_EXERCISE


def test_the_cohort_xlsx_has_a_statistik_butir_sheet():
    result = dataclasses.replace(qualified(), exercises=(ex("a1", "a", 1), ex("a1", "a", 0)))
    book = load_workbook(io.BytesIO(cohort_xlsx([result], {"m/e/a": "Modul M: Berapa tarif ANC bidan?"})))
    sheet = list(book[STATISTICS_SHEET].values)
    header = ("Butir", "Isi", "Jenis", "n", "Indeks fasilitas (%)", "Indeks diskriminasi (%)", "Status", "Alasan")
    assert sheet[0] == header
    keys = {row[0] for row in sheet[1:]}
    assert {a["scenario_id"] for a in result.attempts} | {"m/e/a"} <= keys
    [item] = [row for row in sheet[1:] if row[0] == "m/e/a"]
    assert item[1:5] == ("Modul M: Berapa tarif ANC bidan?", KIND_EXERCISE, 1, 100)  # the first attempt only
    assert all(row[3] == 1 for row in sheet[1:])  # one trainee: n = 1 everywhere
