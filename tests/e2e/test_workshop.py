"""A real browser runs a whole workshop: CLI trainer, cohort and join code, a trainee's case, dashboard, CSV, verification.

Once on SQLite (an isolated data folder) and once on PostgreSQL (DATABASE_URL, a fresh database on the test server).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.server import (
    create_trainer,
    go,
    join_cohort,
    new_page,
    progress_row,
    sign_in_trainer,
    solve_dbd_case,
    streamlit_server,
)

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


def _trainer_signs_in_and_creates_a_cohort(page: Page, url: str) -> str:
    sign_in_trainer(page, url, TRAINER, PASSWORD)
    go(page, "Kelas Saya", "Kelas Saya")
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
    join_cohort(page, url, code, TRAINEE, PIN, COHORT)
    expect(page.get_by_text(f"Selamat datang, {TRAINEE} di kelas {COHORT}")).to_be_visible()
    # a joined trainee lands on their first task: Kasus 1 of the learning path (issue 13)
    expect(
        page.get_by_role("heading", name='Klinik Mandiri "Sehat Bersama": injeksi vitamin tanpa diagnosa anemia')
    ).to_be_visible()

    go(page, "Studi Kasus", "Studi Kasus")
    solve_dbd_case(page)


def _trainer_sees_the_trainee_and_exports_the_csv(page: Page) -> None:
    go(page, "Dasbor Kelas", "Dasbor Kelas")
    values = progress_row(page, TRAINEE)
    assert (values["Peserta"], values["Kasus dicoba"], values["Kasus tuntas"]) == (TRAINEE, "1", "1"), values

    go(page, "Ekspor & Sertifikat", "Ekspor Hasil & Sertifikat")
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
    go(trainee, "Masuk", "Masuk")
    trainee.locator(".st-key-masuk_keluar").get_by_role("button", name="Keluar", exact=True).click()
    expect(trainee.get_by_text("Anda sudah keluar.")).to_be_visible()
    later.goto(session_link)  # the bookmark of the signed-in page, after Keluar
    expect(later.get_by_text("sudah tidak berlaku")).to_be_visible()
    expect(later.get_by_text(f"Peserta: {TRAINEE}")).to_have_count(0)


def _nobody_verifies_an_unknown_certificate(page: Page) -> None:
    go(page, "Verifikasi Sertifikat", "Verifikasi Sertifikat")
    page.locator(".st-key-verifikasi_kode input").fill(UNKNOWN_CODE)
    page.locator(".st-key-verifikasi_periksa button").click()
    expect(page.get_by_text(f"Kode sertifikat '{UNKNOWN_CODE}' tidak ditemukan")).to_be_visible()


def test_a_trainer_runs_a_workshop_from_cohort_to_export(
    app_url: str, app_env: dict[str, str], browser: Browser, contexts: list[BrowserContext]
):
    create_trainer(app_env, TRAINER, PASSWORD)
    trainer = new_page(browser, contexts)
    code = _trainer_signs_in_and_creates_a_cohort(trainer, app_url)

    trainee = new_page(browser, contexts)
    _trainee_joins_and_solves_the_dbd_case(trainee, app_url, code)

    _trainer_sees_the_trainee_and_exports_the_csv(trainer)
    _nobody_verifies_an_unknown_certificate(trainer)
    _a_link_alone_never_opens_the_trainee_and_keluar_ends_the_session(
        trainee, new_page(browser, contexts), new_page(browser, contexts), app_url, _learner_id(app_env, TRAINEE)
    )
    on_sqlite = (Path(app_env["BIMTEK_DATA_DIR"]) / "bimtek.sqlite").exists()
    assert on_sqlite == ("DATABASE_URL" not in app_env), "the app wrote to another backend than the one asked for"
