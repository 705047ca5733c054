"""Issue 11 in a real browser: findings in the trainee's words, per-defect feedback, and "Coba lagi" as a new case.

On a laptop (1366x768) and on a phone (390x844, where nothing may scroll sideways).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.server import CASE, CASE_TITLE, LAB_BOOK, LAB_FIELD, report_finding, streamlit_server

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param((1366, 768), id="laptop"), pytest.param((390, 844), id="phone")]
PCARE = "pcare-ispa-keluhan-kesadaran-kosong"
PCARE_TITLE = "Puskesmas Tamansari: entri P-Care ISPA yang tersimpan setengah jadi"
SLOW = 30_000  # ms: a first page load on a cold server, grading with the verifier twice
KELUHAN = "Batuk berdahak, pilek dan demam sejak 3 hari"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("data")
    env = {**os.environ, "BIMTEK_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)
    with streamlit_server(env, tmp_path_factory.mktemp("streamlit") / "server.log") as url:
        yield url


@pytest.fixture(params=VIEWPORTS)
def page(browser: Browser, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Page]:
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        shot = tmp_path / "failure.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failing page: {shot}")
    context.close()


def no_sideways_scroll(page: Page) -> None:
    viewport = page.viewport_size
    assert viewport is not None
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the page scrolls sideways ({width}px in {viewport['width']}px)"


def submit(page: Page):
    page.locator(".st-key-form_kirim button").click()
    result = page.locator(".st-key-hasil")
    expect(result).to_be_visible(timeout=SLOW)
    return result


def test_a_trainee_names_the_field_and_the_problem_and_reads_per_defect_feedback_with_the_rule(
    app_url: str, page: Page
):
    page.goto(f"{app_url}/kasus?kasus={CASE}")
    expect(page.get_by_role("heading", name=CASE_TITLE)).to_be_visible(timeout=SLOW)
    form = page.locator(".st-key-form_klaim")
    expect(form.get_by_text("EV01")).to_have_count(0)  # no rule code or title before submitting
    expect(form.get_by_text("Bukti laboratorium DBD tidak lengkap")).to_have_count(0)

    # first finding: the right field, the wrong kind of problem; a second one at a sound field
    report_finding(page, LAB_FIELD, "Dokumen tidak lengkap / tidak ditandatangani", note="trombosit tidak ada")
    page.locator(".st-key-temuan_tambah button").click()
    report_finding(page, "Jumlah diajukan", "Tarif / jumlah tidak sesuai", row=1)
    for label in LAB_BOOK:
        page.get_by_text(label).click()
        expect(page.get_by_role("checkbox", name=label)).to_be_checked()
    no_sideways_scroll(page)

    result = submit(page)
    expect(result.get_by_text("Sebagian: EV01 — Bukti laboratorium DBD tidak lengkap")).to_be_visible(timeout=SLOW)
    expect(result.get_by_text("Bagiannya tepat, jenis masalahnya keliru", exact=False)).to_be_visible(timeout=SLOW)
    expect(result.get_by_text(re.compile(r"Dasar: .+"), exact=False).first).to_be_visible(timeout=SLOW)
    expect(result.get_by_text("Temuan 2 tidak sesuai cacat mana pun", exact=False)).to_be_visible(timeout=SLOW)
    expect(result.get_by_text("Rincian skor")).to_be_visible(timeout=SLOW)
    expect(result.get_by_text("13/40").first).to_be_visible()  # identification: half credit, one false finding
    expect(result.get_by_text("Layak dibayar", exact=True)).to_be_visible(timeout=SLOW)
    no_sideways_scroll(page)


def _pcare_findings(page: Page) -> None:
    report_finding(page, "Keluhan dan anamnesa", "Isian P-Care tidak lengkap / bertentangan")
    page.locator(".st-key-temuan_tambah button").click()
    report_finding(page, "Kesadaran", "Isian P-Care tidak lengkap / bertentangan", row=1)


def _solve_pcare(page: Page) -> None:
    _pcare_findings(page)
    page.locator(".st-key-form_keluhan textarea").fill(KELUHAN)
    page.keyboard.press("Tab")
    sadar = page.locator(".st-key-form_kd_sadar")
    sadar.locator("input").click()
    page.get_by_role("option", name=re.compile(r"^01 — ")).click()
    expect(sadar.locator("input")).to_have_value(re.compile(r"^01 — "))


def _entry_count(page: Page, url: str, learner: str) -> str:
    page.goto(f"{url}/checklist?peserta={learner}")
    expect(page.get_by_role("heading", name="Checklist Evaluasi Pasca Bimtek")).to_be_visible(timeout=SLOW)
    line = page.get_by_text(re.compile(r"\d+ dari minimal 5 kasus entri P-Care")).first
    expect(line).to_be_visible(timeout=SLOW)
    return line.inner_text()


def test_coba_lagi_after_the_key_serves_a_new_variant_and_the_checklist_counts_no_retry(app_url: str, page: Page):
    page.goto(f"{app_url}/kasus?kasus={PCARE}")
    expect(page.get_by_role("heading", name=PCARE_TITLE)).to_be_visible(timeout=SLOW)
    _pcare_findings(page)  # both defects found, but the entry is sent back unfixed: not a finished case
    result = submit(page)
    expect(result.get_by_text("Ditemukan: PC01", exact=False)).to_be_visible(timeout=SLOW)
    expect(result.get_by_text("Ditemukan: PC03", exact=False)).to_be_visible(timeout=SLOW)
    expect(result.get_by_text("Pembahasan")).to_be_visible(timeout=SLOW)  # the key is shown now
    learner = re.search(r"peserta=([^&]+)", page.url)
    assert learner, page.url
    no_sideways_scroll(page)

    page.locator(".st-key-coba_lagi button").click()
    expect(page.get_by_text(re.compile(r"^Kasus baru: varian"))).to_be_visible(timeout=SLOW)
    expect(page.get_by_role("heading", name=re.compile(r"^Varian: "))).to_be_visible(timeout=SLOW)
    assert re.search(r"kasus=varian--", page.url), page.url
    expect(page.get_by_role("heading", name=PCARE_TITLE)).to_have_count(0)
    expect(page.locator(".st-key-form_temuan_bagian_0")).not_to_contain_text("Keluhan")  # a fresh form
    no_sideways_scroll(page)
    assert _entry_count(page, app_url, learner.group(1)).startswith("0 dari minimal 5")

    # back to the case whose key was shown: solved now, it is practice and the checklist does not count it
    page.goto(f"{app_url}/kasus?kasus={PCARE}&peserta={learner.group(1)}")
    expect(page.get_by_role("heading", name=PCARE_TITLE)).to_be_visible(timeout=SLOW)
    expect(page.get_by_text("Kunci jawaban kasus ini sudah pernah Anda lihat", exact=False)).to_be_visible(timeout=SLOW)
    _solve_pcare(page)
    expect(submit(page).get_by_text("100/100").first).to_be_visible(timeout=SLOW)
    assert _entry_count(page, app_url, learner.group(1)).startswith("0 dari minimal 5")
    retried = page.get_by_text("dikerjakan setelah kunci jawaban kasus ini ditampilkan", exact=False)
    expect(retried).to_be_visible(timeout=SLOW)
    no_sideways_scroll(page)
