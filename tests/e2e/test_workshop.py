"""A real browser runs a whole workshop: CLI trainer, cohort and join code, a trainee's case, dashboard, CSV, verification.

Once on SQLite (an isolated data folder) and once on PostgreSQL (DATABASE_URL, a fresh database on the test server).
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.server import ROOT, solve_dbd_case, streamlit_server

TRAINER = "narasumber.uji"
PASSWORD = "sandi-rahasia-bimtek"
COHORT = "Bimtek Klaim Puskesmas Uji"
TRAINEE = "Siti Rahmawati"
PIN = "4826"
UNKNOWN_CODE = "ZZZZ9999ZZ"

pytestmark = pytest.mark.browser


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def app_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """The environment shared by the app's server and the CLI: one isolated store per backend."""
    env = {**os.environ, "BIMTEK_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    env.pop("BIMTEK_PUBLIC_URL", None)
    if request.param == "postgres":
        env["DATABASE_URL"] = request.getfixturevalue("pg_database_url")
    return env


@pytest.fixture
def app_url(app_env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    with streamlit_server(app_env, tmp_path / "server.log") as url:
        yield url


@pytest.fixture
def contexts(browser: Browser, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[BrowserContext]]:
    """Browser contexts the test opens (one per person); on failure each open page is kept as a screenshot."""
    opened: list[BrowserContext] = []
    yield opened
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for n, context in enumerate(opened):
        if failed:
            for m, page in enumerate(context.pages):
                shot = tmp_path / f"failure-{n}-{m}.png"
                page.screenshot(path=str(shot), full_page=True)
                print(f"screenshot of a failing page: {shot}")
        context.close()


def _new_page(browser: Browser, contexts: list[BrowserContext]) -> Page:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _go(page: Page, title: str, heading: str) -> None:
    """Follow a sidebar link (st.navigation keeps the session, so a trainer stays signed in) and wait for the page."""
    sidebar = page.get_by_test_id("stSidebarNav")
    link = sidebar.get_by_role("link", name=title, exact=True)
    more = sidebar.get_by_text(re.compile(r"^View \d+ more$"))  # Streamlit folds a long sidebar
    if not link.is_visible() and more.is_visible():
        more.click()
    link.click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()


def _create_trainer(env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "bimtek", "trainer", "create", TRAINER, "--password-stdin"]
    done = subprocess.run(
        command, cwd=ROOT, env=env, input=PASSWORD + "\n", capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Narasumber '{TRAINER}' dibuat" in done.stdout


def _trainer_signs_in_and_creates_a_cohort(page: Page, url: str) -> str:
    page.goto(f"{url}/masuk")
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    page.get_by_role("tab", name="Narasumber").click()
    page.locator(".st-key-masuk_narasumber_nama input").fill(TRAINER)
    page.locator(".st-key-masuk_narasumber_sandi input").fill(PASSWORD)
    page.locator(".st-key-masuk_narasumber button").click()
    expect(page.get_by_text(f"Masuk sebagai narasumber {TRAINER}.", exact=True).first).to_be_visible()

    _go(page, "Kelas Saya", "Kelas Saya")
    expect(page.get_by_test_id("stMainBlockContainer").get_by_text(f"Narasumber: {TRAINER}")).to_be_visible()
    page.locator(".st-key-kelas_nama_baru input").fill(COHORT)
    page.locator(".st-key-kelas_buat button").click()
    link = page.get_by_text("Tautan langsung:")
    expect(link).to_contain_text("kelas=")
    found = re.search(r"[?&]kelas=([A-Z0-9]+)", link.inner_text())
    assert found, link.inner_text()
    code = found.group(1)
    expect(page.get_by_text(code, exact=True).first).to_be_visible()  # the large code on the projector
    expect(page.get_by_text(COHORT).first).to_be_visible()
    return code


def _trainee_joins_and_solves_the_dbd_case(page: Page, url: str, code: str) -> None:
    page.goto(f"{url}/masuk")
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    page.get_by_role("tab", name="Peserta kelas (Bimtek)").click()
    page.locator(".st-key-masuk_kode_kelas input").fill(code)
    page.locator(".st-key-masuk_nama_kelas input").fill(TRAINEE)
    page.locator(".st-key-masuk_pin_kelas input").fill(PIN)
    page.locator(".st-key-masuk_gabung button").click()
    expect(page.get_by_role("heading", name="Bimtek Klaim BPJS")).to_be_visible()  # a joined trainee lands on Beranda
    expect(page.get_by_text(f"Selamat datang, {TRAINEE} di kelas {COHORT}")).to_be_visible()

    _go(page, "Studi Kasus", "Studi Kasus")
    solve_dbd_case(page)


def _trainer_sees_the_trainee_and_exports_the_csv(page: Page) -> None:
    _go(page, "Dasbor Kelas", "Dasbor Kelas")
    progress = page.get_by_test_id("stDataFrame").first
    expect(progress).to_be_visible()
    # The grid is drawn on a canvas; glide-data-grid mirrors the visible cells in an accessibility <table>.
    header = progress.locator("table th")
    expect(header.filter(has_text="Kasus tuntas")).to_have_count(1)
    row = progress.locator("table tr").filter(has=page.locator("td", has_text=TRAINEE))
    expect(row).to_have_count(1)
    cells = [c.strip() for c in row.locator("td").all_text_contents()]
    columns = [c.strip() for c in header.all_text_contents()][-len(cells) :]  # the header row opens with the index
    values = dict(zip(columns, cells, strict=True))
    assert (values["Peserta"], values["Kasus dicoba"], values["Kasus tuntas"]) == (TRAINEE, "1", "1"), values

    _go(page, "Ekspor & Sertifikat", "Ekspor Hasil & Sertifikat")
    expect(page.get_by_text("1 peserta; 0 memenuhi keempat indikator")).to_be_visible()
    with page.expect_download() as download_info:
        page.locator(".st-key-ekspor_csv button").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert any(TRAINEE in row for row in rows[1:]), text


def _learner_id(env: dict[str, str], name: str) -> str:
    """The trainee's profile id, read from the app's store (the pages never show it)."""
    from sqlalchemy import create_engine, text

    from bimtek.storage.engine import parse_url

    raw = env.get("DATABASE_URL") or f"sqlite:///{Path(env['BIMTEK_DATA_DIR']) / 'bimtek.sqlite'}"
    engine = create_engine(parse_url(raw))
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SELECT id FROM learners WHERE name = :n"), {"n": name}).scalar_one())
    finally:
        engine.dispose()


def _a_link_alone_never_opens_the_trainee_and_keluar_ends_the_session(
    trainee: Page, stranger: Page, later: Page, url: str, learner_id: str
) -> None:
    assert "akses=" in trainee.url and learner_id not in trainee.url, trainee.url  # a session token, not the id
    assert learner_id not in trainee.content()
    stranger.goto(f"{url}/studi_kasus?peserta={learner_id}")  # another device with the profile's id
    expect(stranger.get_by_text("yang dilindungi PIN")).to_be_visible()
    expect(stranger.get_by_text(f"Peserta: {TRAINEE}")).to_have_count(0)
    stranger.locator(".st-key-tautan_pin input").fill("0000")
    stranger.locator(".st-key-tautan_pin_buka button").click()
    expect(stranger.get_by_text(f"PIN untuk '{TRAINEE}' salah")).to_be_visible()
    expect(stranger.get_by_text(f"Peserta: {TRAINEE}")).to_have_count(0)

    session_link = trainee.url
    _go(trainee, "Masuk", "Masuk")
    trainee.locator(".st-key-masuk_keluar").get_by_role("button", name="Keluar", exact=True).click()
    expect(trainee.get_by_text("Anda sudah keluar.")).to_be_visible()
    later.goto(session_link)  # the bookmark of the signed-in page, after Keluar
    expect(later.get_by_text("sudah tidak berlaku")).to_be_visible()
    expect(later.get_by_text(f"Peserta: {TRAINEE}")).to_have_count(0)


def _nobody_verifies_an_unknown_certificate(page: Page) -> None:
    _go(page, "Verifikasi Sertifikat", "Verifikasi Sertifikat")
    page.locator(".st-key-verifikasi_kode input").fill(UNKNOWN_CODE)
    page.locator(".st-key-verifikasi_periksa button").click()
    expect(page.get_by_text(f"Kode sertifikat '{UNKNOWN_CODE}' tidak ditemukan")).to_be_visible()


def test_a_trainer_runs_a_workshop_from_cohort_to_export(
    app_url: str, app_env: dict[str, str], browser: Browser, contexts: list[BrowserContext]
):
    _create_trainer(app_env)
    trainer = _new_page(browser, contexts)
    code = _trainer_signs_in_and_creates_a_cohort(trainer, app_url)

    trainee = _new_page(browser, contexts)
    _trainee_joins_and_solves_the_dbd_case(trainee, app_url, code)

    _trainer_sees_the_trainee_and_exports_the_csv(trainer)
    _nobody_verifies_an_unknown_certificate(trainer)
    _a_link_alone_never_opens_the_trainee_and_keluar_ends_the_session(
        trainee, _new_page(browser, contexts), _new_page(browser, contexts), app_url, _learner_id(app_env, TRAINEE)
    )
    on_sqlite = (Path(app_env["BIMTEK_DATA_DIR"]) / "bimtek.sqlite").exists()
    assert on_sqlite == ("DATABASE_URL" not in app_env), "the app wrote to another backend than the one asked for"
