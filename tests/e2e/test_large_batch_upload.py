"""Periksa Klaim at scale in a real browser (issue 12): a 10,000-claim month reaches its summary, the verdicts
download without a second verification, and the summary stays readable on a 390 px phone screen.

"Without a second verification" is read from the server's log: ui/batch.py writes one line per computation
("Periksa Klaim: N klaim dari FILE diverifikasi"), so after the download the log must still hold exactly one.
"""

from __future__ import annotations

import csv
import io
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bimtek.io import claims_to_rows, rows_to_csv
from bimtek.limits import number_text
from bimtek.synthetic import generate_claims
from tests.e2e.server import streamlit_server

pytestmark = pytest.mark.browser
N = 10_000
COMPUTED = f"Periksa Klaim: {N} klaim dari bulan-kabupaten.csv diverifikasi"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with streamlit_server({**os.environ}, log) as url:
        yield url, log


def _page(browser: Browser, width: int) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(180_000)
    yield page
    context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, 1366)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, 390)


def month(n: int) -> bytes:
    return rows_to_csv(claims_to_rows(generate_claims(n, seed=12, faskes=4), full_card=True))


def upload(page: Page, url: str, data: bytes) -> float:
    """Uploads the month and waits for its summary; returns the seconds from upload to summary."""
    page.goto(f"{url}/periksa_klaim")
    expect(page.get_by_role("heading", name="Periksa Klaim")).to_be_visible(timeout=60_000)
    start = time.perf_counter()
    page.locator("input[type=file]").set_input_files(
        {"name": "bulan-kabupaten.csv", "mimeType": "text/csv", "buffer": data}
    )
    expect(page.get_by_role("heading", name=f"Ringkasan {number_text(N)} klaim")).to_be_visible(timeout=180_000)
    return time.perf_counter() - start


def test_a_month_of_10000_claims_reaches_its_summary_and_downloads_without_verifying_again(server, page: Page):
    url, log = server
    seconds = upload(page, url, month(N))
    print(f"10,000 claims: summary after {seconds:.1f} s (load {os.getloadavg()[0]:.1f})")
    expect(page.get_by_text("Per fasilitas (4 kode FKTP)")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Klaim dengan temuan, per aturan")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(f"Klaim 1-50 dari {number_text(N)}")).to_be_visible(timeout=30_000)
    assert log.read_text().count(COMPUTED) == 1

    with page.expect_download() as caught:
        page.get_by_role("button", name="Unduh hasil (CSV)").click()
    text = Path(caught.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == N and {"status", "kode_faskes", "jumlah_dibayar"} <= set(rows[0])
    assert all("•" in r["no_kartu"] for r in rows[:100])  # masked by default
    assert log.read_text().count(COMPUTED) == 1, "the download verified the batch again"

    page.locator(".st-key-periksa_saring_status").click()  # a filter works on the kept result too
    page.get_by_role("option", name="Dikembalikan").click()
    expect(page.get_by_text(f"(tersaring dari {number_text(N)})")).to_be_visible(timeout=30_000)
    assert log.read_text().count(COMPUTED) == 1, "the filter verified the batch again"


def test_the_summary_is_readable_on_a_390_px_phone(server, phone: Page):
    url, _ = server
    upload(phone, url, month(N))
    expect(phone.get_by_text("Total diajukan")).to_be_visible(timeout=30_000)
    overflow = phone.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert overflow[0] <= overflow[1], f"horizontal overflow: {overflow}"
    box = phone.get_by_text("Total diajukan").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
