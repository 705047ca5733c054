"""A hostile upload never freezes the server (issue 10 point 12): while one browser session uploads a crafted file and
a month of 20,000 claims, the health endpoint of the same Streamlit server answers in under a second throughout.

Before issue 10 a 2 KB crafted lab cell held the interpreter lock for seconds inside the regex engine (minutes for
8 KB), so every session of the server stopped; and the XLSX export was built on every rerun.
"""

from __future__ import annotations

import os
import threading
import time
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from bimtek.io import claims_to_rows, rows_to_csv
from bimtek.synthetic import generate_claims
from tests.e2e.server import streamlit_server

pytestmark = pytest.mark.browser
MAX_HEALTH_SECONDS = 1.0


class HealthPoller:
    """Polls /_stcore/health every 50 ms from a thread and keeps the slowest answer (a failed request counts as 10 s)."""

    def __init__(self, url: str):
        self.url = f"{url}/_stcore/health"
        self.slowest = 0.0
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(self.url, timeout=10) as response:
                    ok = response.status == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - start if ok else 10.0
            self.slowest = max(self.slowest, elapsed)
            self.count += 1
            time.sleep(0.05)

    def __enter__(self) -> HealthPoller:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=15)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    with streamlit_server({**os.environ}, tmp_path_factory.mktemp("streamlit") / "server.log") as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(120_000)
    yield page
    context.close()


def crafted_lab_batch() -> bytes:
    rows = claims_to_rows(generate_claims(3, seed=2), full_card=True)
    rows[1]["lab"] = "trombosit=1" + " " * 4000 + "x"  # ~40 s of regex backtracking per cell before the fix
    return rows_to_csv(rows)


def month_batch(n: int) -> bytes:
    return rows_to_csv(claims_to_rows(generate_claims(n, seed=7), full_card=True))


def upload(page: Page, url: str, name: str, data: bytes) -> None:
    page.goto(f"{url}/periksa_klaim")
    expect(page.get_by_role("heading", name="Periksa Klaim")).to_be_visible()
    page.locator("input[type=file]").set_input_files({"name": name, "mimeType": "text/csv", "buffer": data})


def test_the_server_stays_responsive_while_hostile_uploads_are_processed(app_url: str, page: Page):
    with HealthPoller(app_url) as health:
        upload(page, app_url, "lab-jahat.csv", crafted_lab_batch())
        expect(page.get_by_text("Berkas tidak dapat diperiksa (1 masalah):")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("bukan hasil lab")).to_be_visible()

        n = 20_000
        upload(page, app_url, "bulan-besar.csv", month_batch(n))
        expect(page.get_by_role("heading", name=f"Ringkasan {n} klaim")).to_be_visible(timeout=180_000)
        # the summary comes first; the download is offered once its file is built (tens of seconds on a loaded machine)
        expect(page.get_by_text("Unduh hasil (XLSX)")).to_be_visible(timeout=180_000)
    print(f"health: {health.count} polls, slowest {health.slowest:.3f} s")
    assert health.count > 10, "the health endpoint was hardly polled"
    assert health.slowest < MAX_HEALTH_SECONDS, f"/_stcore/health took {health.slowest:.2f} s"
