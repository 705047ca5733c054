"""The simulated month: reproducible months, honest corrective actions and the 25% indicator's scoring."""

from __future__ import annotations

import json
import random
from collections.abc import Callable

import pytest

from bimtek.month import MAX_CLAIMS, MIN_CLAIMS, MIN_RETURNED, Month, MonthClaim, build_month, count_returned, draw_seed
from bimtek.month_actions import TARIK, action_labels, apply_actions, model_answer
from bimtek.synthetic import generate_batch
from bimtek.verification import verify, verify_batch
from scoring.month import keep_better, month_document, passes, reduction_percent, review_month

SEEDS = [31, 57, 120, 297, 390]


def _find(wanted: Callable[[MonthClaim], bool]) -> tuple[Month, MonthClaim]:
    """The first claim over seeds 1..3000 that matches, so tests do not hard-code where a defect landed."""
    for seed in range(1, 3000):
        month = build_month(seed)
        for item in month.items:
            if wanted(item):
                return month, item
    raise AssertionError("no generated claim matches")


def _bad(month: Month) -> list[MonthClaim]:
    verdicts = verify_batch(month.claims)
    return [i for i, v in zip(month.items, verdicts, strict=True) if v.status in ("dikembalikan", "ditolak")]


# --- the month ---------------------------------------------------------------------------------------------------


def test_same_seed_gives_the_same_month_archive_and_before_rate():
    fresh = build_month.__wrapped__(57)  # bypass the cache: really generated twice
    assert fresh == build_month(57)
    assert review_month(fresh, {}).before == review_month(build_month(57), {}).before
    assert build_month(58).claims != fresh.claims


@pytest.mark.parametrize("seed", SEEDS)
def test_a_month_is_30_to_60_claims_of_one_facility_with_a_realistic_defect_share(seed):
    month = build_month(seed)
    assert MIN_CLAIMS <= month.n <= MAX_CLAIMS
    assert len({c.fasilitas.kode for c in month.claims}) == 1
    assert 0.05 <= count_returned(month) / month.n <= 0.5


def test_keeping_the_original_changes_no_claim_and_the_original_is_clean():
    plain, kept = generate_batch(300, seed=9), generate_batch(300, seed=9, keep_original=True)
    assert [x.claim for x in plain] == [x.claim for x in kept]
    originals = [x for x in kept if x.cacat and "klaim_ganda" not in x.cacat]
    assert originals and all(x.asli is not None and verify(x.asli).status == "layak" for x in originals)


def test_a_drawn_seed_is_reproducible_and_has_enough_to_fix():
    seeds = [draw_seed(random.Random(4)) for _ in range(2)]
    assert seeds[0] == seeds[1]
    assert count_returned(build_month(seeds[0])) >= MIN_RETURNED


def test_the_archive_keeps_inactive_participants_inactive_and_sometimes_lacks_evidence():
    _, inactive = _find(lambda i: "peserta_tidak_aktif" in i.cacat)
    assert inactive.arsip.aktif is False
    _, no_lab = _find(lambda i: "lab_dbd_tidak_ada" in i.cacat and not i.arsip.lab)
    _, lab = _find(lambda i: "lab_dbd_tidak_ada" in i.cacat and bool(i.arsip.lab))
    assert no_lab.claim.lab == [] and lab.claim.lab == []
    _, lost = _find(lambda i: None in i.arsip.dokumen.values())
    assert all(lost.arsip.dokumen[j] is not None for j in ("resume_medis",) if j in lost.arsip.dokumen)


# --- actions -----------------------------------------------------------------------------------------------------

FABRICATIONS = [
    ("aktifkan_peserta", lambda i: "peserta_tidak_aktif" in i.cacat),
    ("lab", lambda i: "lab_dbd_tidak_ada" in i.cacat and not i.arsip.lab),
    ("tanggal_entri", lambda i: "entri_terlambat" in i.cacat),
    ("tambah_anemia", lambda i: "vitamin_tanpa_anemia" in i.cacat),
    ("tacc", lambda i: i.claim.kunjungan.rujukan is not None and i.arsip.rujukan.kd_tacc == -1),
    ("dokumen:*", lambda i: None in i.arsip.dokumen.values()),
]


@pytest.mark.parametrize(("action", "wanted"), FABRICATIONS, ids=[a for a, _ in FABRICATIONS])
def test_an_action_the_archive_cannot_support_is_refused_as_fabrication(action, wanted):
    month, item = _find(wanted)
    if action == "dokumen:*":
        action = "dokumen:" + next(j for j, d in item.arsip.dokumen.items() if d is None)
    applied = apply_actions(item, [action])
    assert list(applied.fabricated) == [action]
    assert applied.claim == item.claim  # nothing invented reaches the claim
    result = review_month(month, {item.no_klaim: [action]})
    assert result.fabrications == 1 and not result.passed


def test_an_action_on_a_claim_that_already_complies_changes_nothing():
    month = build_month(31)
    clean = next(i for i, v in zip(month.items, verify_batch(month.claims), strict=True) if not v.findings)
    applied = apply_actions(clean, ["vital", "keluhan", "kode_icd", "entri_pcare"])
    assert applied.claim == clean.claim and applied.changed == () and not applied.fabricated


def test_withdrawing_overrides_every_other_action():
    item = build_month(31).items[0]
    assert apply_actions(item, ["keluhan", TARIK]).withdrawn


def test_every_offered_action_has_an_indonesian_label_and_withdrawal_comes_last():
    for item in build_month(57).items:
        labels = action_labels(item)
        assert list(labels)[-1] == TARIK and all(label and label[0].isupper() for label in labels.values())


# --- scoring -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_the_model_answer_reaches_the_maximum_reduction_without_fabrication(seed):
    month = build_month(seed)
    result = review_month(month, model_answer(month))
    assert result.before.bad >= 1
    assert (result.after.bad, result.reduction_percent, result.fabrications, result.passed) == (0, 100.0, 0, True)
    assert result.payable("after") == result.payable("best") > result.payable("before")


@pytest.mark.parametrize("seed", SEEDS)
def test_no_action_leaves_the_month_as_it_was(seed):
    month = build_month(seed)
    result = review_month(month, {})
    assert result.after == result.before and result.reduction_percent == 0.0 and not result.passed
    assert [r.after.rule_codes() for r in result.reviews] == [r.before.rule_codes() for r in result.reviews]


def test_withdrawing_everything_does_not_pass_and_counts_the_lost_money():
    month = build_month(57)
    result = review_month(month, {i.no_klaim: [TARIK] for i in month.items})
    wrongly = [r for r in result.reviews if r.outcome == "ditarik_keliru"]
    assert not result.passed and result.reduction_percent < 0
    assert result.after.rejected == len(wrongly) and result.payable("after") == 0
    assert result.lost_by_withdrawal == result.payable("best") > 0


def test_withdrawing_only_what_cannot_be_paid_is_not_a_rejection():
    month = build_month(57)
    answer = model_answer(month)
    unfixable = [no for no, actions in answer.items() if actions == (TARIK,)]
    result = review_month(month, {no: [TARIK] for no in unfixable})
    assert unfixable and result.after.bad == result.before.bad - len(unfixable)
    assert {r.outcome for r in result.reviews if r.item.no_klaim in unfixable} == {"ditarik_tepat"}


def test_one_fabricated_action_fails_the_month_even_with_every_fix_right():
    month, item = _find(lambda i: "peserta_tidak_aktif" in i.cacat)
    decisions = {no: list(a) for no, a in model_answer(month).items()}
    decisions[item.no_klaim] = ["aktifkan_peserta"]
    result = review_month(month, decisions)
    review = next(r for r in result.reviews if r.item.no_klaim == item.no_klaim)
    assert (review.outcome, result.fabrications, result.passed) == ("fabrikasi", 1, False)
    assert result.after.rejected == 1 and review.payable_after == 0


def test_right_wrong_and_missing_actions_are_told_apart():
    month, item = _find(lambda i: i.cacat == ("tanda_vital_kosong",))
    result = review_month(month, {item.no_klaim: ["keluhan"]})
    review = next(r for r in result.reviews if r.item.no_klaim == item.no_klaim)
    assert (review.right, review.wrong, review.missing) == ([], ["keluhan"], ["vital"])
    assert review.outcome == "dikembalikan" and review.after.rule_codes() == ["PC02"]


@pytest.mark.parametrize(
    ("before", "after", "fabrications", "percent", "passed"),
    [
        (4, 3, 0, 25.0, True),  # exactly 25%
        (4, 4, 0, 0.0, False),
        (8, 6, 0, 25.0, True),
        (8, 7, 0, 12.5, False),
        (9, 7, 0, 22.2, False),  # 2 of 9 is just under
        (9, 6, 0, 33.3, True),
        (4, 0, 1, 100.0, False),  # fabrication fails whatever the reduction
        (0, 0, 0, 0.0, False),  # nothing to reduce
        (5, 9, 0, -80.0, False),
    ],
)
def test_reduction_and_pass_table(before, after, fabrications, percent, passed):
    assert reduction_percent(before, after) == percent
    assert passes(before, after, fabrications) is passed


def test_exactly_25_percent_on_a_crafted_month_passes_and_one_claim_less_fails():
    month = build_month(57)
    answer = model_answer(month)
    fixable = [i for i in _bad(month) if answer[i.no_klaim] != (TARIK,)][:4]
    clean = [i for i in month.items if not i.cacat][:6]
    crafted = Month(seed=57, items=tuple(fixable + clean))
    one = {fixable[0].no_klaim: list(answer[fixable[0].no_klaim])}
    result = review_month(crafted, one)
    assert (result.before.bad, result.after.bad, result.reduction_percent, result.passed) == (4, 3, 25.0, True)
    assert not review_month(crafted, {}).passed


def test_the_saved_document_has_the_checklist_keys_and_is_json():
    month = build_month(31)
    doc = month_document(review_month(month, model_answer(month)), "2026-11-05T08:00:00+00:00")
    assert {"seed", "n", "before", "after", "reduction_percent", "fabrications", "completed_at"} <= set(doc)
    assert doc["seed"] == 31 and doc["n"] == month.n == doc["before"]["total"] == doc["after"]["total"]
    assert set(doc["before"]) == {"returned", "rejected", "total"}
    assert json.loads(json.dumps(doc)) == doc


def test_a_later_failed_month_does_not_replace_a_pass_but_is_kept_in_the_history():
    month = build_month(31)
    passed = month_document(review_month(month, model_answer(month)), "2026-11-05T08:00:00+00:00")
    failed = month_document(review_month(month, {}), "2026-11-06T08:00:00+00:00")
    kept = keep_better(keep_better(None, passed), failed)
    assert kept["reduction_percent"] == 100.0 and kept["completed_at"] == passed["completed_at"]
    assert [h["completed_at"] for h in kept["riwayat"]] == [passed["completed_at"], failed["completed_at"]]
    assert keep_better(keep_better(None, failed), passed)["reduction_percent"] == 100.0
