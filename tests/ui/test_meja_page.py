"""Meja Petugas Klaim with a facility's own month: used as the sheet, graded, and its claims stored only when chosen
(sampling a longer month to 20 is tested in tests/test_desk.py)."""

from __future__ import annotations

import pytest

from bimtek.io import claims_to_rows, rows_to_csv
from bimtek.storage import desk as stored
from bimtek.storage.store import get_store
from bimtek.synthetic import generate_claims
from bimtek.verification import verify_batch
from tests.ui.conftest import page_texts, problems, run_page
from ui import nav, state


@pytest.mark.parametrize("keep", [False, True])
def test_a_facility_month_becomes_the_sheet_and_its_claims_are_kept_only_when_ticked(seed_progress, keep):
    learner = seed_progress(name="Klinik Sehat")
    month = generate_claims(20, seed=12, defect_rate=0.5)
    defective = sum(not v.is_paid for v in verify_batch(month))
    assert 0 < defective < 20
    data = rows_to_csv(claims_to_rows(month, full_card=True))
    at = run_page(nav.MEJA, session={state.LEARNER: learner})
    at.file_uploader(key=state.DESK_UPLOAD).upload("oktober.csv", data, "text/csv").run()
    if keep:
        at.checkbox(key=state.DESK_KEEP).check().run()
    at.button(key=state.DESK_USE_UPLOAD).click().run()
    assert not at.exception, problems(at)
    assert "Lembar bulan fasilitas Anda" in " ".join(page_texts(at))
    assert "lembar" not in at.query_params  # a facility sheet has no number to share

    at.button(key=state.DESK_SUBMIT).click().run()  # nothing decided yet: one message per claim, nothing graded
    assert any("20 klaim belum lengkap" in e.value for e in at.error)
    for i in range(20):
        at.radio(key=f"{state.DESK_DECISION_PREFIX}{i}").set_value("layak")
    at.button(key=state.DESK_SUBMIT).click().run()
    assert not at.exception, problems(at)
    labels = {m.label: m.value for m in at.metric}
    assert (labels["Presisi"], labels["Recall"]) == ("—", "0%")  # nothing returned, every defective claim missed
    assert f"0 dari {defective} klaim cacat Anda kembalikan" in " ".join(page_texts(at))

    [kept] = stored.sheets(get_store(), learner.id)
    assert (kept["source"], kept["claims"], kept["missed"]) == ("fasilitas", 20, defective)
    assert (kept["sheet"] is not None) is keep
    if keep:
        assert len(kept["sheet"]["claims"]) == 20
