"""A trainer downloads, from a real app server, the course as a SCORM 1.2 package, the cohort's xAPI statements and
the curriculum PDF."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from playwright.sync_api import Browser, BrowserContext, expect
from pypdf import PdfReader

from bimtek.modules import load_modules
from tests.e2e.server import go, new_page
from tests.e2e.test_workshop_ux import app_env, join_code, server, sign_in_trainer  # noqa: F401
from tests.test_scorm import check_scorm12_structure

pytestmark = pytest.mark.browser
SCHEMA = json.loads((Path(__file__).parents[1] / "fixtures" / "xapi" / "statement.schema.json").read_text("utf-8"))


def test_the_ekspor_page_hands_over_a_scorm_package_and_xapi_statements(
    server: tuple[str, Path],  # noqa: F811
    browser: Browser,
    contexts: list[BrowserContext],  # noqa: F811
    tmp_path: Path,
):
    url, log = server
    page = new_page(browser, contexts, 1366, 768)
    sign_in_trainer(page, url)
    go(page, "Ekspor & Sertifikat", "Ekspor Hasil & Sertifikat")
    expect(page.get_by_role("heading", name="LMS (SCORM dan xAPI)")).to_be_visible()
    with page.expect_download() as scorm:
        page.locator(".st-key-ekspor_scorm button").click()
    package = tmp_path / scorm.value.suggested_filename
    scorm.value.save_as(package)
    archive = zipfile.ZipFile(package)
    assert check_scorm12_structure(archive) == []
    assert {f"modul-{m.id}/index.html" for m in load_modules().modules} <= set(archive.namelist())
    with page.expect_download() as xapi:
        page.locator(".st-key-ekspor_xapi button").click()
    assert xapi.value.suggested_filename.endswith(".jsonl")
    lines = Path(xapi.value.path()).read_text(encoding="utf-8").splitlines()
    statements = [json.loads(line) for line in lines]
    assert [s["verb"]["id"] for s in statements] == ["http://adlnet.gov/expapi/verbs/failed"]  # the seeded DBD attempt
    assert statements[0]["result"]["score"]["raw"] == 30
    jsonschema.validate(statements[0], SCHEMA)
    assert "Rina" not in lines[0]
    # the curriculum, from the same page: the expander holds the structure and both files
    page.get_by_text("Kurikulum pelatihan dan JPL").click()
    page.locator(".st-key-kurikulum_siapkan button").click()
    with page.expect_download() as curriculum:
        page.locator(".st-key-kurikulum_pdf button").click()
    assert curriculum.value.suggested_filename == "kurikulum-bimtek-klaim-bpjs.pdf"
    text = " ".join(sheet.extract_text() for sheet in PdfReader(curriculum.value.path()).pages)
    assert "JUMLAH 17 18 2 37" in " ".join(text.split())
