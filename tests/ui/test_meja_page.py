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


def test_the_trainers_dashboard_shows_each_trainees_last_sheet_and_the_rules_the_room_lets_through():
    from bimtek.storage import accounts

    store = get_store()
    siti = accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    cohort = accounts.create_cohort(store, "Bimtek Oktober", "siti")
    rina = accounts.join_cohort(store, cohort.join_code, "Rina", "4821")
    figures = {"claims": 20, "true_returns": 3, "missed": 2, "wrong_returns": 1, "right_reasons": 3,
               "seconds": 605.0, "missed_rules": ["TW01", "EV01"]}  # fmt: skip
    stored.record_sheet(store, rina.id, source="latihan", seed=7, figures=figures, decisions={})
    at = run_page(nav.DASBOR, session={state.TRAINER: siti})
    assert not at.exception, problems(at)
    [desk] = [d.value for d in at.dataframe if "Presisi terakhir" in d.value.columns]
    assert desk.iloc[0].to_dict() == {
        "Peserta": "Rina", "Lembar": 1, "Presisi terakhir": "75%", "Recall terakhir": "60%",
        "Waktu terakhir": "10 menit 5 detik",
    }  # fmt: skip
    shown = " ".join(page_texts(at))
    assert "Aturan yang paling sering terlewat di meja:" in shown
    assert "EV01 Bukti laboratorium DBD tidak lengkap (1)" in shown and "TW01" in shown


def test_an_unreadable_month_is_one_message_per_problem_and_the_practice_sheet_stays():
    at = run_page(nav.MEJA, query={"lembar": "4711"})
    at.file_uploader(key=state.DESK_UPLOAD).upload("bulan.csv", b"no_klaim;tgl_daftar\nK-1;31/02/2026\n", "text/csv")
    at.run()
    at.button(key=state.DESK_USE_UPLOAD).click().run()
    assert not at.exception, problems(at)
    assert at.error and "Berkas tidak dapat dipakai" in at.error[0].value
    assert at.code[0].value.startswith("bulan.csv")
    assert "Lembar latihan nomor 4711" in " ".join(page_texts(at))
