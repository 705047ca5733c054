"""Issue 13 in a real browser: what a trainer projecting the workshop stops at (downloads, sign-in, join, dates)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Download, Page, expect

from tests.e2e.server import ROOT, go, new_page, streamlit_server
from tests.e2e.server import sign_in_trainer as sign_in_trainer_as

TRAINER = "siti"
PASSWORD = "sandi-rahasia-bimtek"
COHORT = "Bimtek Klaim Puskesmas Uji"

pytestmark = pytest.mark.browser
KASUS_1 = 'Klinik Mandiri "Sehat Bersama": injeksi vitamin tanpa diagnosa anemia'

# Seeds the store the server reads: a trainer, a cohort with one trainee who tried the DBD case; prints the join code.
SEED = """
import json, sys
from bimtek.storage import accounts
from bimtek.storage import progress
from bimtek.storage.store import get_store
store = get_store()
accounts.create_trainer(store, sys.argv[1], sys.argv[2])
cohort = accounts.create_cohort(store, sys.argv[3], sys.argv[1])
rina = accounts.join_cohort(store, cohort.join_code, "Rina Wulandari", "4821")
progress.record_attempt(store, rina.id, {"scenario_id": "dbd-ranap-tanpa-lab", "score": 30, "correction_ok": False,
    "integrity_ok": True, "missed": ["EV01"], "seconds": 600.0})
print(json.dumps({"code": cohort.join_code}))
"""


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "BIMTEK_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    return env


@pytest.fixture
def join_code(app_env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SEED, TRAINER, PASSWORD, COHORT],
        cwd=ROOT, env=app_env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return str(json.loads(done.stdout.strip().splitlines()[-1])["code"])


@pytest.fixture
def server(app_env: dict[str, str], join_code: str, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    log = tmp_path / "server.log"
    with streamlit_server(app_env, log) as url:
        yield url, log


def sign_in_trainer(page: Page, url: str) -> None:
    sign_in_trainer_as(page, url, TRAINER, PASSWORD)


def test_csv_xlsx_and_pdf_clicked_in_quick_succession_each_download(
    server: tuple[str, Path], browser: Browser, contexts: list[BrowserContext]
):
    """Issue 13: quick clicks downloaded nothing. A file built lazily on click was deleted by the cleanup that follows
    any other session's rerun, so on a busy workshop server some downloads silently failed; a second trainer session
    reruns its page between the clicks to make the server that busy."""
    url, log = server
    page = new_page(browser, contexts, 1366, 768)
    sign_in_trainer(page, url)
    go(page, "Ekspor & Sertifikat", "Ekspor Hasil & Sertifikat")
    expect(page.get_by_text("1 peserta; 0 memenuhi keempat indikator")).to_be_visible()
    busy = new_page(browser, contexts, 1366, 768)
    sign_in_trainer(busy, url)
    go(busy, "Ekspor & Sertifikat", "Ekspor Hasil & Sertifikat")
    rerun = busy.locator(".st-key-ekspor_terbitkan button")  # issues nothing (no one is eligible) but reruns the page
    downloads: list[Download] = []
    page.on("download", lambda d: downloads.append(d))
    rounds = 4
    for _ in range(rounds):
        for key in ("ekspor_csv", "ekspor_xlsx", "ekspor_pdf"):
            page.locator(f".st-key-{key} button").click()
            rerun.click()
            rerun.click()
    deadline = time.monotonic() + 30
    while len(downloads) < 3 * rounds and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    names = sorted(Path(d.suggested_filename).suffix for d in downloads)
    errors = page.get_by_test_id("stDownloadButtonError").all_inner_texts()
    assert names == sorted([".csv", ".pdf", ".xlsx"] * rounds), (names, errors, log.read_text()[-2000:])
    for d in downloads:
        assert d.failure() is None and Path(d.path()).stat().st_size > 0, (d.suggested_filename, d.failure())
    assert "not found" not in log.read_text(), log.read_text()[-2000:]


def test_the_join_code_is_above_the_fold_and_a_trainee_who_joins_lands_on_their_first_task(
    server: tuple[str, Path], join_code: str, browser: Browser, contexts: list[BrowserContext]
):
    """Issue 13: the large join code sat below the fold at 768 px; a trainee who joined stayed on Masuk with two green
    boxes; a signed-in trainer's sidebar still invited a guest to sign in. A new trainee lands on the cohort's first
    task: Kasus 1 of the learning path."""
    url, _log = server
    trainer = new_page(browser, contexts, 1366, 768)
    sign_in_trainer(trainer, url)
    sidebar = trainer.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(f"Narasumber: {TRAINER}")).to_be_visible()
    expect(sidebar.get_by_text("Anda belajar sebagai tamu")).to_have_count(0)
    go(trainer, "Kelas Saya", "Kelas Saya")
    # the large code block (the cohort table further down shows the same code in small type)
    code = trainer.locator("div[style*='6rem']", has_text=join_code)
    expect(code).to_be_visible()
    box = code.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 768, box  # on the projector without scrolling

    trainee = new_page(browser, contexts, 390, 844)
    trainee.goto(f"{url}/masuk?kelas={join_code}")
    expect(trainee.get_by_role("heading", name="Masuk")).to_be_visible()
    trainee.get_by_role("tab", name="Peserta kelas (Bimtek)").click()
    trainee.locator(".st-key-masuk_nama_kelas input").fill("Budi Santoso")
    trainee.locator(".st-key-masuk_pin_kelas input").fill("5930")
    trainee.locator(".st-key-masuk_gabung button").click()
    expect(trainee.get_by_role("heading", name=KASUS_1)).to_be_visible()
    expect(trainee.get_by_text(f"Selamat datang, Budi Santoso di kelas {COHORT}")).to_be_visible()
    expect(trainee.get_by_test_id("stAlertContentSuccess")).to_have_count(1)
    expect(trainee.get_by_role("tab", name="Belajar mandiri")).to_have_count(0)


def test_buku_piutang_applies_a_typed_date_on_enter_and_hints_in_indonesian(
    server: tuple[str, Path], browser: Browser, contexts: list[BrowserContext]
):
    """Issue 13: the date field ignored Enter (the ledger changed only when the field lost focus) and read
    `dd / mm / yyyy`."""
    url, _log = server
    page = new_page(browser, contexts, 1366, 768)
    page.goto(f"{url}/buku_piutang")
    expect(page.get_by_role("heading", name="Buku Piutang BPJS")).to_be_visible()
    field = page.get_by_role("textbox", name="Per tanggal")
    expect(field).to_have_attribute("placeholder", "HH/BB/TTTT")
    field.fill("15/12/2026")
    field.press("Enter")
    expect(page.get_by_role("heading", name="Buku piutang per 15 Desember 2026")).to_be_visible()
    expect(field).to_be_focused()  # applied by Enter alone, the field still has the focus
    expect(page.get_by_text("dd / mm / yyyy")).to_have_count(0)


def test_a_guest_finds_masuk_above_the_fold_and_no_duplicate_detail_pages(
    server: tuple[str, Path], browser: Browser, contexts: list[BrowserContext]
):
    """Issue 13: "Masuk" was below the fold at 768 px; "Modul" and "Kasus" duplicated their list pages."""
    url, _log = server
    page = new_page(browser, contexts, 1366, 768)
    page.goto(url)
    expect(page.get_by_role("heading", name="Bimtek Klaim BPJS")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebarNav")
    masuk = sidebar.get_by_role("link", name="Masuk", exact=True)
    expect(masuk).to_be_visible()
    box = masuk.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 768, box
    expect(sidebar.get_by_role("link", name="Kasus", exact=True)).to_have_count(0)
    expect(sidebar.get_by_role("link", name="Modul", exact=True)).to_have_count(0)
    sidebar.get_by_role("link", name="Studi Kasus", exact=True).click()
    page.locator(".st-key-buka_dbd-ranap-tanpa-lab button").click()  # the detail page still opens from its list
    expect(
        page.get_by_role("heading", name="Puskesmas Perkotaan: klaim rawat inap DBD tanpa hasil trombosit")
    ).to_be_visible()


def test_latihan_jurnal_shows_debit_and_kredit_beside_akun_on_a_phone(
    server: tuple[str, Path], browser: Browser, contexts: list[BrowserContext]
):
    """Issue 13: at 390 px the journal grid showed only the "Akun" column; Debit and Kredit were off-screen."""
    url, _log = server
    page = new_page(browser, contexts, 390, 844)
    page.goto(f"{url}/jurnal")
    expect(page.get_by_role("heading", name="Latihan Jurnal Piutang")).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    expect(grid).to_be_visible()
    # glide-data-grid mirrors only the columns on screen in its accessibility <table>.
    header = grid.locator("table th")
    expect(header.filter(has_text="Akun")).to_have_count(1)
    expect(header.filter(has_text="Debit (Rp)")).to_have_count(1)
    expect(header.filter(has_text="Kredit (Rp)")).to_have_count(1)
