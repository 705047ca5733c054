"""Meja petugas klaim: day sheets (20 claims, 4-6 to return, mostly clean) and their precision/recall grading."""

from __future__ import annotations

import pytest

from bimtek.desk import MAX_DEFECTIVE, MIN_DEFECTIVE, SHEET_SIZE, build_sheet, sheet_from_claims
from bimtek.synthetic import generate_claims
from bimtek.verification import verify_batch
from scoring.desk import KEMBALIKAN, LAYAK, Decision, grade_sheet, unanswered


@pytest.mark.parametrize("seed", [1, 2, 3, 17, 4242])
def test_a_practice_sheet_has_20_claims_most_clean_with_defects_from_different_families(seed):
    sheet = build_sheet(seed)
    assert sheet.n == SHEET_SIZE
    assert MIN_DEFECTIVE <= sheet.defective <= MAX_DEFECTIVE
    families = {item.families[0] for item in sheet.items if item.defective}
    assert len(families) >= 3
    # the truth is the verifier's verdict on the sheet as the trainee sees it
    assert [not v.is_paid for v in verify_batch([i.claim for i in sheet.items])] == [i.defective for i in sheet.items]
    assert build_sheet(seed) == sheet  # the seed names the sheet


def _decide(sheet, wrong_return: int | None = None, let_through: int | None = None, bad_reason: int | None = None):
    decisions = {}
    for i, item in enumerate(sheet.items):
        if item.defective and i != let_through:
            category = "prolanis" if i == bad_reason else item.families[0]
            decisions[i] = Decision(KEMBALIKAN, category)
        elif i == wrong_return:
            decisions[i] = Decision(KEMBALIKAN, "tarif")
        else:
            decisions[i] = Decision(LAYAK)
    return decisions


def test_precision_and_recall_count_true_returns_missed_claims_and_clean_claims_returned():
    sheet = build_sheet(3)
    bad = [i for i, item in enumerate(sheet.items) if item.defective]
    clean = [i for i, item in enumerate(sheet.items) if not item.defective]
    result = grade_sheet(sheet, _decide(sheet, wrong_return=clean[0], let_through=bad[0], bad_reason=bad[1]), 300)
    k = len(bad)
    assert (result.true_returns, result.missed, result.wrong_returns) == (k - 1, 1, 1)
    assert result.true_pays == SHEET_SIZE - k - 1
    assert result.precision == pytest.approx((k - 1) / k)
    assert result.recall == pytest.approx((k - 1) / k)
    assert result.right_reasons == k - 2
    # the let-through claim's rules and the wrongly-reasoned claim's rules are missed
    assert set(sheet.items[bad[0]].rules) | set(sheet.items[bad[1]].rules) == set(result.missed_rules)
    assert result.record()["seconds"] == 300.0


def test_returning_nothing_has_no_precision_and_zero_recall_and_everything_right_is_one():
    sheet = build_sheet(1)
    nothing = grade_sheet(sheet, {i: Decision(LAYAK) for i in range(sheet.n)}, 10)
    assert nothing.precision is None and nothing.recall == 0 and nothing.missed == sheet.defective
    perfect = grade_sheet(sheet, _decide(sheet), 10)
    assert (perfect.precision, perfect.recall, perfect.missed_rules) == (1, 1, ())
    assert perfect.right_reasons == sheet.defective


def test_a_sheet_is_graded_only_when_every_claim_is_decided_and_every_return_has_a_reason():
    sheet = build_sheet(1)
    decisions: dict[int, Decision | None] = {i: Decision(LAYAK) for i in range(sheet.n)}
    decisions[2] = None
    decisions[5] = Decision(KEMBALIKAN, None)
    assert unanswered(sheet, decisions) == [
        "Klaim 3: pilih 'Layak bayar' atau 'Kembalikan'.",
        "Klaim 6: pilih alasan pengembalian.",
    ]


def test_a_facility_month_is_sampled_to_20_and_judged_with_the_whole_month():
    month = generate_claims(45, seed=8)
    sheet = sheet_from_claims(month, seed=5)
    assert sheet.n == SHEET_SIZE and sheet.source == "fasilitas"
    whole = dict(zip((c.pengajuan.no_klaim for c in month), verify_batch(month), strict=True))
    assert all(item.verdict == whole[item.claim.pengajuan.no_klaim] for item in sheet.items)
    assert sheet_from_claims(month[:7], seed=5).n == 7  # a short month is used whole
