"""The Ekspor page's LMS section: a trainer downloads the course as SCORM and the cohort's work as xAPI."""

from __future__ import annotations

from tests.ui.conftest import problems, run_page
from tests.ui.test_exports_pages import buttons, room  # noqa: F401 - the fixture
from ui import nav, state


def test_a_trainer_gets_the_scorm_package_and_the_cohort_xapi_statements(room):  # noqa: F811
    trainer, *_ = room
    at = run_page(nav.EKSPOR, session={state.TRAINER: trainer})
    assert not at.exception, problems(at)
    assert {"Unduh paket SCORM (seluruh kursus)", "Unduh pernyataan xAPI (JSON Lines)"} <= buttons(at)


def test_a_base_address_that_is_not_a_url_is_said_and_the_scorm_download_stays(room, monkeypatch):  # noqa: F811
    trainer, *_ = room
    monkeypatch.setenv("BIMTEK_XAPI_BASE", "bimtek lokal")
    at = run_page(nav.EKSPOR, session={state.TRAINER: trainer})
    assert not at.exception, problems(at)
    assert any("alamat dasar xAPI 'bimtek lokal' bukan URL http(s)" in e.value for e in at.error)
    assert "Unduh paket SCORM (seluruh kursus)" in buttons(at)
    assert "Unduh pernyataan xAPI (JSON Lines)" not in buttons(at)
