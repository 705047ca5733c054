"""A real browser walks one trainee through the DBD case end to end (Streamlit server + Playwright on Debian chromium)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.server import CASE, solve_dbd_case, streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    with streamlit_server({**os.environ}, tmp_path_factory.mktemp("streamlit") / "server.log") as url:
        yield url


@pytest.fixture
def page(browser: Browser, request, tmp_path) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        shot = tmp_path / "failure.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failing page: {shot}")
    context.close()


def test_a_trainee_solves_the_dbd_case_in_the_browser(app_url: str, page: Page):
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Bimtek Klaim BPJS")).to_be_visible()

    page.get_by_role("link", name="Studi Kasus").first.click()
    expect(page.get_by_role("heading", name="Studi Kasus")).to_be_visible()
    result = solve_dbd_case(page)
    expect(result.get_by_text("Pembahasan")).to_be_visible()


def test_the_claim_screen_fits_a_phone(app_url: str, browser: Browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/kasus?kasus={CASE}")
        panel = page.locator(".pcare").first
        expect(panel).to_be_visible(timeout=20_000)
        box = panel.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    finally:
        context.close()


def test_a_trainee_answers_a_module_exercise_on_a_phone(app_url: str, browser: Browser):
    from bimtek.modules import load_modules

    module = next(m for m in load_modules().modules if m.id == "alur-klaim")
    exercise = module.exercise("alur-pilihan")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{app_url}/modul?modul=alur-klaim")
        expect(page.get_by_role("heading", name=module.judul)).to_be_visible(timeout=30_000)
        prefix = "st-key-latihan_alur-klaim_alur-pilihan_0_"
        box = page.locator(f'[class*="{prefix}"][class*="_soal"]').first
        expect(box).to_be_visible()
        key = next(c for c in (box.get_attribute("class") or "").split() if c.startswith(prefix))
        item = next(i for i in exercise.soal if key == f"{prefix}{i.id}_soal")
        right = next(o for o in item.pilihan if o.benar)
        box.get_by_text(right.teks, exact=True).click()
        box.get_by_role("button", name="Periksa jawaban").click()
        expect(box.get_by_text("Benar.", exact=True)).to_be_visible(timeout=40_000)
        expect(box.get_by_text(right.penjelasan).first).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the module page scrolls sideways on a phone ({width}px)"
    finally:
        context.close()


def test_a_self_learner_stays_signed_in_across_pages_and_a_refresh(app_url: str, page: Page):
    page.goto(f"{app_url}/masuk")
    page.get_by_role("textbox", name="Nama").first.fill("Dewi Lestari")
    page.get_by_role("button", name="Buat profil").click()
    expect(page.get_by_text("Selamat datang, Dewi Lestari")).to_be_visible()
    page.get_by_role("link", name="Studi Kasus").first.click()
    expect(page.get_by_role("heading", name="Studi Kasus")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]peserta="))  # the learner's id travels in the URL, on every page
    page.reload()
    expect(page.get_by_role("heading", name="Studi Kasus")).to_be_visible()
    expect(page.get_by_text("Peserta: Dewi Lestari")).to_be_visible()
