"""Issue 13, phone first: every page at 390x844 and 1366x768 in a real browser (one server, one browser).

Every entry of the navigation, as a guest, a cohort trainee and a trainer (what each one's sidebar lists, plus the
case and module pages opened from their lists), is opened once per role and looked at in both viewports (the window
is resized, the page is not reloaded). A page fails on horizontal overflow (the document wider than the window, or an
element wider than the window outside a scroll container), a chart whose drawing is wider or taller than its box
(a clipped title or label), or a data table whose first column is off-screen.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.server import (
    App,
    page_url,
    seed_trainer_and_cohort,
    sign_in,
    streamlit_server,
    visible_pages,
    wait_settled,
)
from ui import nav
from ui.kbk_chart import title_lines

pytestmark = pytest.mark.browser

PHONE = (390, 844)
LAPTOP = (1366, 768)
VIEWPORTS = [pytest.param(PHONE, id="phone"), pytest.param(LAPTOP, id="laptop")]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    folder = tmp_path_factory.mktemp("phone_first")
    env = {**os.environ, "BIMTEK_DATA_DIR": str(folder / "data")}
    env.pop("DATABASE_URL", None)
    env.pop("BIMTEK_PUBLIC_URL", None)
    code = seed_trainer_and_cohort(env)
    with streamlit_server(env, folder / "server.log") as url:
        yield App(url, code)


@pytest.fixture(scope="module")
def app_url(app: App) -> str:
    return app.url


def open_page(browser: Browser, size: tuple[int, int]) -> Page:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.set_default_timeout(60_000)  # the first page imports the app on a busy 2-core machine
    return page


@pytest.mark.parametrize("size", VIEWPORTS)
def test_kbk_charts_fit_their_column_with_titles_and_bands_unclipped(
    app_url: str, browser: Browser, size: tuple[int, int]
):
    """Issue 13: on a phone the KBK charts overflowed and clipped their titles; band labels overlapped on a laptop."""
    page = open_page(browser, size)
    try:
        page.goto(f"{app_url}/kbk")
        expect(page.get_by_role("heading", name="Simulasi KBK")).to_be_visible(timeout=60_000)
        charts = page.get_by_test_id("stVegaLiteChart")
        expect(charts).to_have_count(3)
        for n, key in enumerate(("ak", "rrns", "rppt")):
            chart = charts.nth(n)
            chart.scroll_into_view_if_needed()
            canvas = chart.locator("canvas, svg").first
            expect(canvas).to_be_visible()
            box = canvas.bounding_box()
            outer = chart.bounding_box()
            assert box is not None and outer is not None
            assert box["x"] >= 0 and box["x"] + box["width"] <= size[0], (key, box)  # inside the screen
            assert box["width"] <= outer["width"] + 1 and box["height"] <= outer["height"] + 1, (key, box, outer)
            # Room for every title line (about 15 px each), the 44-px band row, the axis and the legend:
            # a chart squeezed into a fixed height drew its title and nothing else.
            lines = len(title_lines(key, 150, 4))
            assert box["height"] >= 15 * lines + 44 + 40 + 40, (key, box["height"])
    finally:
        page.context.close()


# --- every page, every role, both viewports ---------------------------------------------------------------------

# Returns the problems a reader of this viewport would see; [] when the page fits.
LAYOUT_PROBLEMS = """() => {
  const width = window.innerWidth;
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > width) problems.push(`document ${doc.scrollWidth}px wide in a ${width}px window`);
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if ((o === 'auto' || o === 'scroll' || o === 'hidden') && a.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || !el.checkVisibility({checkVisibilityCSS: true})) continue;
    if ((r.right > width + 1 || r.left < -1) && !scrolls(el)) {
      const what = el.getAttribute('data-testid') || el.tagName.toLowerCase();
      problems.push(`${what} "${(el.textContent || '').trim().slice(0, 40)}" spans ${Math.round(r.left)}-${Math.round(r.right)}px`);
      if (problems.length > 5) break;
    }
  }
  for (const chart of main.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    const box = chart.getBoundingClientRect();
    const drawing = chart.querySelector('canvas, svg');
    if (!drawing) continue;
    const d = drawing.getBoundingClientRect();
    if (d.width > box.width + 1 || d.height > box.height + 1 || d.right > width + 1)
      problems.push(`chart drawn ${Math.round(d.width)}x${Math.round(d.height)} in a ${Math.round(box.width)}x${Math.round(box.height)} box`);
  }
  for (const grid of main.querySelectorAll('[data-testid="stDataFrame"]')) {
    const first = grid.querySelector('table th');
    const box = grid.getBoundingClientRect();
    if (box.width === 0 || !grid.checkVisibility({checkVisibilityCSS: true})) continue;
    if (!first) { problems.push('a data table shows no column'); continue; }
    const r = first.getBoundingClientRect();
    if (r.left < -1 || r.left > width - 40) problems.push(`data table's first column "${first.textContent}" is off-screen`);
  }
  return problems;
}"""


@pytest.mark.parametrize("role", ["tamu", "peserta", "narasumber"])
def test_every_page_fits_a_phone_and_a_laptop(app: App, browser: Browser, role: str):
    page = open_page(browser, LAPTOP)
    found: dict[str, list[str]] = {}
    try:
        query = sign_in(page, app, role)
        for path in visible_pages(role):
            page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
            page.goto(page_url(app.url, path, query))
            wait_settled(page)
            for size in (LAPTOP, PHONE):
                page.set_viewport_size({"width": size[0], "height": size[1]})
                page.wait_for_timeout(600)  # the layout and the charts follow the new width
                problems = page.evaluate(LAYOUT_PROBLEMS)
                if problems:  # a grid or chart may still be drawing: look once more before calling it a problem
                    page.wait_for_timeout(2000)
                    problems = page.evaluate(LAYOUT_PROBLEMS)
                if problems:
                    found[f"{nav.PAGES[path][0]} at {size[0]}x{size[1]}"] = problems
    finally:
        page.context.close()
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


# --- drafts ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", VIEWPORTS)
def test_a_half_answered_exercise_survives_a_reload_and_another_device(app: App, browser: Browser, size):
    """Issue 13: a half-filled answer was lost on reload, or when a phone discarded the tab."""
    page = open_page(browser, size)
    other = open_page(browser, size)  # another device: a browser of its own, the same profile link
    try:
        page.goto(f"{app.url}/masuk")
        expect(page.get_by_role("heading", name="Masuk")).to_be_visible(timeout=60_000)
        page.get_by_role("textbox", name="Nama").first.fill(f"Dewi {size[0]}")
        page.get_by_role("button", name="Buat profil").click()
        expect(page.get_by_text(f"Selamat datang, Dewi {size[0]}")).to_be_visible(timeout=30_000)
        learner = page.evaluate("new URLSearchParams(location.search).get('peserta')")
        assert learner
        page.goto(f"{app.url}/modul?modul=alur-klaim&peserta={learner}")
        wait_settled(page)
        box = page.locator('[class*="st-key-latihan_alur-klaim_alur-pilihan_"][class*="_soal"]').first
        box.scroll_into_view_if_needed()
        choice = box.get_by_role("radio").nth(1)
        label = box.locator("label").filter(has=page.get_by_role("radio")).nth(1).inner_text().strip()
        box.locator("label").filter(has=page.get_by_role("radio")).nth(1).click()
        expect(choice).to_be_checked()
        wait_settled(page)  # the rerun that saved the draft
        for where in (page, other):
            where.goto(f"{app.url}/modul?modul=alur-klaim&peserta={learner}")
            wait_settled(where)
            again = where.locator('[class*="st-key-latihan_alur-klaim_alur-pilihan_"][class*="_soal"]').first
            again.scroll_into_view_if_needed()
            expect(again.get_by_role("radio", name=label)).to_be_checked()
    finally:
        page.context.close()
        other.context.close()


def test_on_a_phone_the_journal_is_a_stacked_form_not_a_grid(app: App, browser: Browser):
    """Issue 13: data grids that hold input become stacked forms on a phone (the grid hid Debit and Kredit)."""
    context = browser.new_context(
        viewport={"width": PHONE[0], "height": PHONE[1]},
        is_mobile=True,
        has_touch=True,
        user_agent="Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0 Mobile Safari/537.36",
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{app.url}/jurnal")
        wait_settled(page)
        expect(page.get_by_role("switch", name="Isian per baris (cocok untuk ponsel)")).to_be_checked()
        form = page.locator(".st-key-jurnal_form")
        expect(form.get_by_test_id("stDataFrame")).to_have_count(0)
        first_line = form.locator('[class*="_baris0"]').first
        expect(first_line.get_by_text("Akun baris 1")).to_be_visible()
        for label in ("Debit (Rp)", "Kredit (Rp)"):
            field = first_line.get_by_label(label)
            expect(field).to_be_visible()
            box = field.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0], (label, box)
        assert page.evaluate(LAYOUT_PROBLEMS) == []
    finally:
        context.close()


# --- the curriculum section ----------------------------------------------------------------------------------------


def test_on_a_phone_the_curriculum_section_fits_and_hands_over_its_files(app: App, browser: Browser, tmp_path):
    page = open_page(browser, PHONE)
    try:
        page.goto(page_url(app.url, nav.MODUL_DAFTAR, ""))
        wait_settled(page)
        page.get_by_text("Kurikulum pelatihan dan JPL").click()
        expect(page.get_by_text("Materi Inti (24 JPL)")).to_be_visible()
        page.locator(".st-key-kurikulum_siapkan button").click()
        docx = page.locator(".st-key-kurikulum_docx button")
        expect(docx).to_be_visible(timeout=60_000)
        wait_settled(page)
        assert page.evaluate(LAYOUT_PROBLEMS) == []
        for key in ("kurikulum_docx", "kurikulum_pdf"):
            button = page.locator(f".st-key-{key} button")
            button.scroll_into_view_if_needed()
            box = button.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0]
        with page.expect_download() as download:
            docx.click()
        assert download.value.suggested_filename == "kurikulum-bimtek-klaim-bpjs.docx"
        saved = tmp_path / "kurikulum.docx"
        download.value.save_as(saved)
        from docx import Document

        assert any(t.rows[0].cells[0].text == "No" for t in Document(str(saved)).tables)
    finally:
        page.context.close()
