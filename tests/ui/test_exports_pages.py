"""The exports page (narasumber only), the public certificate verification page, and the checklist's downloads."""

from __future__ import annotations

import pytest

from bimtek.storage import accounts, cohorts
from bimtek.storage import progress as stored
from bimtek.storage.store import get_store
from tests.test_checklist import qualifying_records
from tests.ui.conftest import page_texts, problems, run_page
from ui import nav, state
from ui.identity import Learner


def seed_qualifying(learner_id: str) -> None:
    attempts, exercises, documents = qualifying_records()
    for record in attempts:
        stored.record_attempt(get_store(), learner_id, record)
    for record in exercises:
        stored.record_exercise(get_store(), learner_id, record)
    for kind, data in documents.items():
        if data is not None:
            stored.save_document(get_store(), learner_id, kind, data)


@pytest.fixture
def room():
    """A trainer's cohort with Rina (all four indicators met) and Budi (nothing done yet)."""
    trainer = accounts.create_trainer(get_store(), "siti", "sandi-rahasia-1")
    cohort = accounts.create_cohort(get_store(), "Bimtek Klaim Oktober", "siti")
    rina = accounts.join_cohort(get_store(), cohort.join_code, "Rina Wulandari", "4821")
    budi = accounts.join_cohort(get_store(), cohort.join_code, "Budi Santoso", "1357")
    seed_qualifying(rina.id)
    return trainer, cohort, rina, budi


def buttons(at) -> set[str]:
    return {b.label for b in at.get("download_button")}


def test_exports_are_refused_to_anyone_but_a_trainer(room):
    _, _, _, budi = room
    for session in ({}, {state.LEARNER: Learner(id=budi.id, name=budi.name, cohort=budi.cohort_name)}):
        at = run_page(nav.EKSPOR, session=session)
        assert not at.exception, problems(at)
        assert at.error[0].value.startswith("Halaman ini khusus narasumber")
        assert not buttons(at) and "Rina Wulandari" not in " ".join(page_texts(at))  # nobody else's results


def test_a_trainer_exports_the_cohort_and_issues_certificates_only_to_those_who_qualify(room):
    trainer, _, rina, budi = room
    at = run_page(nav.EKSPOR, session={state.TRAINER: trainer})
    assert not at.exception, problems(at)
    assert "**2** peserta; **1** memenuhi keempat indikator" in " ".join(page_texts(at))
    assert {"Unduh CSV", "Unduh XLSX (satu sheet per indikator)"} <= buttons(at)
    assert at.selectbox(key=state.EXPORT_TRAINEE).value == budi.id  # members are listed by name
    assert "Unduh laporan PDF Budi Santoso" in buttons(at)
    at.button(key=state.EXPORT_ISSUE).click().run()
    assert not at.exception, problems(at)
    assert cohorts.certificate_for(get_store(), budi.id) is None
    certificate = cohorts.certificate_for(get_store(), rina.id)
    assert certificate is not None and certificate.learner_name == "Rina Wulandari"
    assert "Unduh 1 sertifikat (ZIP)" in buttons(at)
    at.selectbox(key=state.EXPORT_TRAINEE).set_value(rina.id).run()
    assert "Unduh sertifikat Rina Wulandari" in buttons(at)


def test_a_valid_code_shows_who_holds_the_certificate(room):
    _, _, rina, _ = room
    code = cohorts.issue_certificate(get_store(), rina.id, rina.name, rina.cohort_id, {"regulasi": {"aspek": "X"}})
    at = run_page(nav.VERIFIKASI)
    at.text_input(key=state.VERIFY_CODE).input(code.lower())
    at.button(key=state.VERIFY_SUBMIT).click().run()  # as typed off paper: case does not matter
    assert not at.exception, problems(at)
    assert "Sertifikat sah" in at.success[0].value and "Rina Wulandari" in at.success[0].value
    assert "Bimtek Klaim Oktober" in " ".join(page_texts(at))


def test_a_code_in_the_link_is_checked_at_once(room):
    _, _, rina, _ = room
    code = cohorts.issue_certificate(get_store(), rina.id, rina.name, rina.cohort_id, {})
    at = run_page(nav.VERIFIKASI, query={"kode": code})
    at.run()
    assert not at.exception, problems(at)
    assert at.success and "Rina Wulandari" in at.success[0].value


def test_an_unknown_code_is_named_in_the_message():
    at = run_page(nav.VERIFIKASI)
    at.text_input(key=state.VERIFY_CODE).input("ZZZZ999999")
    at.button(key=state.VERIFY_SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert at.error[0].value.startswith("Kode sertifikat 'ZZZZ999999' tidak ditemukan")
    assert not at.success


def test_the_checklist_offers_the_report_and_the_certificate_once_all_four_are_met(room):
    _, _, rina, budi = room
    for info, expected in ((rina, {"Unduh laporan PDF", "Unduh sertifikat"}), (budi, {"Unduh laporan PDF"})):
        learner = Learner(id=info.id, name=info.name, cohort=info.cohort_name)
        at = run_page(nav.CHECKLIST, session={state.LEARNER: learner})
        assert not at.exception, problems(at)
        assert buttons(at) == expected
    issued = cohorts.certificate_for(get_store(), rina.id)
    assert issued is not None and cohorts.certificate_for(get_store(), budi.id) is None
