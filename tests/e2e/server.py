"""The pieces every real-browser test shares: Debian's chromium and a Streamlit server of the app started by the test."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]
STREAMLIT = ROOT / ".venv" / "bin" / "streamlit"
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium keeps trying hosts this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, server: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit not healthy after {seconds}s:\n{log.read_text()}")


@contextmanager
def streamlit_server(env: dict[str, str], log: Path) -> Iterator[str]:
    """Starts `streamlit run app.py` with `env` on a free port, yields its URL once healthy, stops it afterwards."""
    port = free_port()
    command = [
        str(STREAMLIT), "run", "app.py", "--server.headless", "true", "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


CASE = "dbd-ranap-tanpa-lab"
CASE_TITLE = "Puskesmas Perkotaan: klaim rawat inap DBD tanpa hasil trombosit"
LAB_BOOK = [
    "Trombosit 85.000 /µL — 4 Oktober 2026",
    "Hematokrit 38 % — 3 Oktober 2026",
    "Hematokrit 46 % — 4 Oktober 2026",
]


LAB_FIELD = "Hasil laboratorium / penunjang"
EVIDENCE_PROBLEM = "Bukti penunjang tidak ada / tidak cukup / tidak masuk akal"


def report_finding(page: Page, field: str, problem: str, row: int = 0, note: str = "") -> None:
    """Fills finding `row` of the answer form: the claim field at fault and the kind of problem (issue 11)."""
    fields = page.locator(f".st-key-form_temuan_bagian_{row}")
    fields.locator("input").click()
    fields.locator("input").fill(field)  # the list is long and only its visible part is rendered: filter it
    page.get_by_role("option", name=field, exact=True).click()
    page.keyboard.press("Escape")
    expect(fields).to_contain_text(field)
    kinds = page.locator(f".st-key-form_temuan_jenis_{row}")
    kinds.locator("input").click()
    kinds.locator("input").fill(problem)
    page.get_by_role("option", name=problem, exact=True).click()
    expect(kinds.locator("input")).to_have_value(problem)
    if note:
        page.locator(f".st-key-form_temuan_catatan_{row} input").fill(note)
        page.keyboard.press("Tab")


def solve_dbd_case(page: Page) -> Locator:
    """From the Studi Kasus list: opens the DBD case, points at the missing lab evidence, attaches the lab book,
    submits; returns the result."""
    page.locator(f".st-key-buka_{CASE} button").click()
    expect(page.get_by_role("heading", name=CASE_TITLE)).to_be_visible()
    expect(page.get_by_text("Tidak ada hasil lab terlampir")).to_be_visible()
    report_finding(page, LAB_FIELD, EVIDENCE_PROBLEM)
    for label in LAB_BOOK:
        page.get_by_text(label).click()
        expect(page.get_by_role("checkbox", name=label)).to_be_checked()
    page.locator(".st-key-form_kirim button").click()
    result = page.locator(".st-key-hasil")
    expect(result).to_be_visible()
    expect(result.get_by_text("100/100").first).to_be_visible()
    expect(result.get_by_text("Layak dibayar", exact=True)).to_be_visible()
    return result
