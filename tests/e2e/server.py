"""The pieces every real-browser test shares: Debian's chromium and a Streamlit server of the app started by the test."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from ui import nav, roles

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
    return attach_lab_book_and_submit(page)


def attach_lab_book_and_submit(page: Page) -> Locator:
    """On the DBD case with its finding reported: attaches the lab book, submits; returns the result (100/100)."""
    for label in LAB_BOOK:
        page.get_by_text(label).click()
        expect(page.get_by_role("checkbox", name=label)).to_be_checked()
    page.locator(".st-key-form_kirim button").click()
    result = page.locator(".st-key-hasil")
    expect(result).to_be_visible()
    expect(result.get_by_text("100/100").first).to_be_visible()
    expect(result.get_by_text("Layak dibayar", exact=True)).to_be_visible()
    return result


# --- a trainer, a cohort and the pages each role sees (the phone suite and the offline room walk them) ---------

TRAINER, PASSWORD, COHORT = "siti", "sandi-rahasia-bimtek", "Bimtek Klaim Ponsel"
SEED = """
import json, sys
from bimtek.storage import accounts
from bimtek.storage.store import get_store
store = get_store()
accounts.create_trainer(store, sys.argv[1], sys.argv[2])
print(json.dumps({"code": accounts.create_cohort(store, sys.argv[3], sys.argv[1]).join_code}))
"""


@dataclass(frozen=True)
class App:
    url: str
    join_code: str


def seed_trainer_and_cohort(env: dict[str, str]) -> str:
    """Creates TRAINER and their cohort COHORT in the store `env` names; returns the cohort's join code."""
    done = subprocess.run(
        [sys.executable, "-c", SEED, TRAINER, PASSWORD, COHORT],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return str(json.loads(done.stdout.strip().splitlines()[-1])["code"])


# What a page opened from its list needs in the URL.
DETAIL_QUERY = {nav.KASUS: "kasus=dbd-ranap-tanpa-lab", nav.MODUL: "modul=piutang"}


def wait_settled(page: Page) -> None:
    """The page's heading is drawn and the script has finished (Streamlit's running indicator is gone)."""
    expect(page.locator("h1").first).to_be_visible(timeout=60_000)
    page.wait_for_function(
        '() => !document.querySelector(\'[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]\')'
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')",
        timeout=60_000,
    )
    page.wait_for_timeout(400)  # charts and grids draw after the script's last message


def visible_pages(role: str) -> list[str]:
    """The sidebar's entries for a role (ui/roles.py), then the case and module pages opened from their lists."""
    who = {"tamu": {"trainer": False, "guest": True}, "peserta": {"trainer": False}, "narasumber": {"trainer": True}}
    listed = [p for pages in roles.layout(**who[role]).values() for p, shown in pages if shown]
    return [*listed, *DETAIL_QUERY]


def page_url(base: str, path: str, identity_query: str) -> str:
    slug = "" if path == next(iter(nav.PAGES)) else path.removeprefix("views/").removesuffix(".py")
    query = "&".join(q for q in (DETAIL_QUERY.get(path, ""), identity_query) if q)
    return f"{base}/{slug}" + (f"?{query}" if query else "")


def sign_in(page: Page, app: App, role: str) -> str:
    """Signs the role in on Masuk (laptop size); returns the URL query that keeps them signed in on every page."""
    if role == "tamu":
        return ""
    page.goto(f"{app.url}/masuk")
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible(timeout=60_000)
    if role == "narasumber":
        page.get_by_role("tab", name="Narasumber").click()
        page.locator(".st-key-masuk_narasumber_nama input").fill(TRAINER)
        page.locator(".st-key-masuk_narasumber_sandi input").fill(PASSWORD)
        page.locator(".st-key-masuk_narasumber button").click()
        expect(page.get_by_text(f"Masuk sebagai narasumber {TRAINER}.", exact=True).first).to_be_visible(timeout=30_000)
        key = "sesi"
    else:
        page.get_by_role("tab", name="Peserta kelas (Bimtek)").click()
        page.locator(".st-key-masuk_kode_kelas input").fill(app.join_code)
        page.locator(".st-key-masuk_nama_kelas input").fill("Wulan Sari")
        page.locator(".st-key-masuk_pin_kelas input").fill("5930")
        page.locator(".st-key-masuk_gabung button").click()
        expect(page.get_by_text("Selamat datang, Wulan Sari")).to_be_visible(timeout=30_000)
        key = "akses"
    page.wait_for_url(f"**{key}=**")
    token = page.evaluate(f"new URLSearchParams(location.search).get('{key}')")
    assert token, page.url
    return f"{key}={token}"


# --- people in a workshop (shared by the workshop and many-rooms tests) ----------------------------------------------


def new_page(browser: Browser, contexts: list[BrowserContext], width: int = 1366, height: int = 900) -> Page:
    """A page in a new browser context (one per person), kept in `contexts` for the failure screenshots."""
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def go(page: Page, title: str, heading: str) -> None:
    """Follow a sidebar link (st.navigation keeps the session, so a trainer stays signed in) and wait for the page."""
    sidebar = page.get_by_test_id("stSidebarNav")
    link = sidebar.get_by_role("link", name=title, exact=True)
    more = sidebar.get_by_text(re.compile(r"^View \d+ more$"))  # Streamlit folds a long sidebar
    if not link.is_visible() and more.is_visible():
        more.click()
    link.click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()


def run_cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`python -m bimtek ARGS` in a subprocess with `env`; fails the test unless it exits 0."""
    done = subprocess.run(
        [sys.executable, "-m", "bimtek", *args],
        cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"bimtek {' '.join(args)}: {done.stdout}{done.stderr}"
    return done


def create_trainer(env: dict[str, str], username: str, password: str) -> None:
    done = run_cli(env, "trainer", "create", username, "--password-stdin", stdin=password + "\n")
    assert f"Narasumber '{username}' dibuat" in done.stdout


def sign_in_trainer(page: Page, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/masuk")
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    page.get_by_role("tab", name="Narasumber").click()
    page.locator(".st-key-masuk_narasumber_nama input").fill(username)
    page.locator(".st-key-masuk_narasumber_sandi input").fill(password)
    page.locator(".st-key-masuk_narasumber button").click()
    expect(page.get_by_text(f"Masuk sebagai narasumber {username}.", exact=True).first).to_be_visible()


def join_cohort(page: Page, url: str, code: str, name: str, pin: str, cohort: str) -> None:
    """A trainee joins with the join code, their name and a PIN, and is signed in as a member of the cohort."""
    page.goto(f"{url}/masuk")
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    page.get_by_role("tab", name="Peserta kelas (Bimtek)").click()
    page.locator(".st-key-masuk_kode_kelas input").fill(code)
    page.locator(".st-key-masuk_nama_kelas input").fill(name)
    page.locator(".st-key-masuk_pin_kelas input").fill(pin)
    page.locator(".st-key-masuk_gabung button").click()
    # the sidebar's caption (not the one-off welcome, which a reconnect under load may swallow)
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Peserta: {name} · kelas {cohort}")).to_be_visible()


def progress_row(page: Page, name: str) -> dict[str, str]:
    """One trainee's row of the Dasbor Kelas progress table, column -> shown value."""
    progress = page.get_by_test_id("stDataFrame").first
    expect(progress).to_be_visible()
    # The grid is drawn on a canvas; glide-data-grid mirrors the visible cells in an accessibility <table>.
    header = progress.locator("table th")
    expect(header.filter(has_text="Kasus tuntas")).to_have_count(1)
    row = progress.locator("table tr").filter(has=page.locator("td", has_text=name))
    expect(row).to_have_count(1)
    cells = [c.strip() for c in row.locator("td").all_text_contents()]
    columns = [c.strip() for c in header.all_text_contents()][-len(cells) :]  # the header row opens with the index
    return dict(zip(columns, cells, strict=True))
