"""Issue 13, phone first: every page at 390x844 and 1366x768 in a real browser (one server, one browser)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.server import streamlit_server
from ui.kbk_chart import title_lines

pytestmark = pytest.mark.browser

PHONE = (390, 844)
LAPTOP = (1366, 768)
VIEWPORTS = [pytest.param(PHONE, id="phone"), pytest.param(LAPTOP, id="laptop")]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("phone_first")
    env = {**os.environ, "BIMTEK_DATA_DIR": str(folder / "data")}
    env.pop("DATABASE_URL", None)
    with streamlit_server(env, folder / "server.log") as url:
        yield url


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
        expect(page.get_by_role("heading", name="Simulasi KBK")).to_be_visible()
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
