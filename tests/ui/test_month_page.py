"""The Simulasi Bulan page (AppTest): a kept month, a draft that survives a refresh, and the scored result."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest

from bimtek.month import build_month
from bimtek.month_actions import TARIK, action_labels, model_answer
from bimtek.storage import progress as stored
from bimtek.storage.store import get_store
from bimtek.verification import verify_batch
from tests.ui.conftest import page_texts, problems, run_page
from ui import nav, state
from ui.identity import QUERY_KEY
from ui.month_view import DOC_DRAFT, DOC_RESULT

SEED = 32  # a 31-claim puskesmas month with 7 returned or rejected claims, two of them inactive participants


def _doc(learner, kind: str) -> dict | None:
    """What the store keeps for the learner (a Learner or its id); the page writes it through ui.progress."""
    return stored.load_document(get_store(), getattr(learner, "id", learner), kind)


@pytest.fixture
def learner(seed_progress):
    """A signed-in learner whose kept month is SEED, with no action chosen yet."""
    return seed_progress(documents={DOC_DRAFT: {"seed": SEED, "decisions": {}, "submitted_at": None}})


def _open(learner, refresh: bool = False):
    """The page for the learner; `refresh` opens it as a browser refresh does: a new session, the URL's learner id."""
    if refresh:
        at = run_page(nav.SIMULASI_BULAN, query={QUERY_KEY: learner.id})
    else:
        at = run_page(nav.SIMULASI_BULAN, session={state.LEARNER: learner})
    assert not at.exception, problems(at)
    return at


def _returned(seed: int = SEED) -> list[str]:
    month = build_month(seed)
    return [
        i.no_klaim
        for i, v in zip(month.items, verify_batch(month.claims), strict=True)
        if v.status in ("dikembalikan", "ditolak")
    ]


def _chart_rows(at) -> dict[tuple[str, str], int]:
    """The before/after bar chart's data: (stage, status) -> claims."""
    charts = at.get("vega_lite_chart")
    assert charts, "no before/after chart"
    frame = pa.ipc.open_stream(charts[0].proto.datasets[0].data.data).read_pandas()
    return {(r.Tahap, r.Status): int(r.Klaim) for r in frame.itertuples()}


def test_a_guest_sees_a_month_and_keeps_it_once_they_act(isolated_store):
    at = run_page(nav.SIMULASI_BULAN)
    assert not at.exception, problems(at)
    seed = int(re.search(r"bulan simulasi nomor \*\*(\d+)\*\*", " ".join(m.value for m in at.markdown)).group(1))
    month = build_month(seed)
    assert at.dataframe[0].value.shape[0] == month.n
    assert QUERY_KEY not in at.query_params  # looking creates no guest profile
    first = month.items[0].no_klaim
    at.multiselect(key=state.MONTH_ACTION_PREFIX + first).set_value(["keluhan"]).run()
    guest = at.query_params[QUERY_KEY]  # the first action created the guest profile and put it in the URL
    assert _doc(guest, DOC_DRAFT) == {"seed": seed, "decisions": {first: ["keluhan"]}, "submitted_at": None}
    again = run_page(nav.SIMULASI_BULAN, query={QUERY_KEY: guest})
    assert any(f"bulan simulasi nomor **{seed}**" in m.value for m in again.markdown)
    assert again.multiselect(key=state.MONTH_ACTION_PREFIX + first).value == ["keluhan"]


def test_a_signed_in_learner_keeps_the_month_drawn_on_the_first_visit(seed_progress):
    learner = seed_progress()
    _open(learner)
    seed = _doc(learner, DOC_DRAFT)["seed"]
    assert any(f"bulan simulasi nomor **{seed}**" in m.value for m in _open(learner, refresh=True).markdown)
    assert _doc(learner, DOC_DRAFT)["seed"] == seed


def test_the_verifier_findings_are_hidden_until_the_review_is_sent(learner):
    at = _open(learner)
    month = build_month(SEED)
    codes = {code for v in verify_batch(month.claims) for code in v.rule_codes()}
    texts = page_texts(at)
    for no in month.items:
        at.selectbox(key=state.MONTH_PICK).set_value(no.no_klaim).run()
        texts += page_texts(at)
    leaks = sorted(c for c in codes if any(re.search(rf"\b{c}\b", t) for t in texts))
    assert codes and leaks == []


def test_chosen_actions_are_saved_at_once_and_a_refresh_keeps_them(learner):
    target = _returned()[0]
    wanted = list(model_answer(build_month(SEED))[target])
    at = _open(learner)
    at.selectbox(key=state.MONTH_PICK).set_value(target).run()
    at.multiselect(key=state.MONTH_ACTION_PREFIX + target).set_value(wanted).run()
    assert not at.exception, problems(at)
    assert _doc(learner, DOC_DRAFT)["decisions"] == {target: wanted}
    labels = action_labels(build_month(SEED).item(target))
    shown = "; ".join(labels[a] for a in wanted)
    assert at.dataframe[0].value.set_index("No. klaim").loc[target, "Tindakan Anda"] == shown

    refreshed = _open(learner, refresh=True)  # a new session: nothing but the saved draft carries over
    refreshed.selectbox(key=state.MONTH_PICK).set_value(target).run()
    assert refreshed.multiselect(key=state.MONTH_ACTION_PREFIX + target).value == wanted
    assert refreshed.dataframe[0].value.set_index("No. klaim").loc[target, "Tindakan Anda"] == shown


def test_the_next_and_previous_buttons_walk_through_the_claims(learner):
    numbers = [i.no_klaim for i in build_month(SEED).items]
    at = _open(learner)
    at.button(key=state.MONTH_NEXT).click().run()
    assert at.selectbox(key=state.MONTH_PICK).value == numbers[1]
    at.button(key=state.MONTH_PREV).click().run().button(key=state.MONTH_PREV).click().run()
    assert at.selectbox(key=state.MONTH_PICK).value == numbers[-1]


def test_withdrawing_together_with_a_fix_warns_that_the_fix_is_not_run(learner):
    at = _open(learner)
    first = build_month(SEED).items[0].no_klaim
    at.multiselect(key=state.MONTH_ACTION_PREFIX + first).set_value(["keluhan", TARIK]).run()
    assert any("ditarik" in w.value for w in at.warning)


def _with_decisions(seed_progress, decisions: dict):
    return seed_progress(documents={DOC_DRAFT: {"seed": SEED, "decisions": decisions, "submitted_at": None}})


def test_sending_the_model_answer_shows_tercapai_and_saves_the_result(seed_progress):
    month = build_month(SEED)
    learner = _with_decisions(seed_progress, {no: list(a) for no, a in model_answer(month).items() if a})
    at = _open(learner)
    at.button(key=state.MONTH_SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert any(s.value.startswith("Tercapai") for s in at.success)
    saved = _doc(learner, DOC_RESULT)
    assert saved["seed"] == SEED and saved["n"] == month.n and saved["fabrications"] == 0
    assert saved["reduction_percent"] == 100.0 and saved["after"] == {"returned": 0, "rejected": 0, "total": month.n}
    assert saved["before"]["returned"] + saved["before"]["rejected"] == len(_returned())
    before = saved["before"]
    assert _chart_rows(at) == {
        ("Sebelum tinjauan", "Dikembalikan"): before["returned"],
        ("Sebelum tinjauan", "Ditolak"): before["rejected"],
        ("Sesudah tinjauan", "Dikembalikan"): 0,
        ("Sesudah tinjauan", "Ditolak"): 0,
    }
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Penurunan"] == "100,0%" and metrics["Sesudah tinjauan"] == "0 klaim"
    assert _doc(learner, DOC_DRAFT)["submitted_at"]
    assert any(s.value.startswith("Tercapai") for s in _open(learner, refresh=True).success)

    at.button(key=state.MONTH_NEW).click().run()
    assert not at.exception, problems(at)
    assert _doc(learner, DOC_DRAFT)["seed"] != SEED and _doc(learner, DOC_DRAFT)["decisions"] == {}
    assert at.button(key=state.MONTH_SUBMIT) and _doc(learner, DOC_RESULT)["seed"] == SEED


def test_a_fabricated_fix_is_named_and_the_month_is_not_passed(seed_progress):
    month = build_month(SEED)
    decisions = {no: list(a) for no, a in model_answer(month).items() if a}
    honest = next(i for i in month.items if i.claim.peserta.aktif and i.no_klaim not in decisions)
    inactive = next(i for i in month.items if not i.claim.peserta.aktif)
    decisions[inactive.no_klaim] = ["aktifkan_peserta"]
    learner = _with_decisions(seed_progress, decisions)
    at = _open(learner)
    at.button(key=state.MONTH_SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert not at.success and any(f"Fabrikasi pada {inactive.no_klaim}" in e.value for e in at.error)
    assert _doc(learner, DOC_RESULT)["fabrications"] == 1
    assert honest.no_klaim not in " ".join(e.value for e in at.error)
