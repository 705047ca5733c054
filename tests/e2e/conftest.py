"""Lets a browser fixture know whether its test failed (to keep a screenshot), and gives browser tests a PostgreSQL
database of their own."""

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium driven by Playwright; a missing chromium fails the test (never a browser download)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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


@pytest.fixture
def pg_database_url() -> Iterator[str]:
    """A new, empty PostgreSQL database on DATABASE_URL_TEST's server (as a URL string for a subprocess's
    DATABASE_URL), dropped afterwards. Without a server: skip locally with the reason, FAIL in CI (CI=true)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    raw = os.environ.get("DATABASE_URL_TEST", "").strip()
    if not raw:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail("CI=true but DATABASE_URL_TEST is not set: .ci/run must install and start PostgreSQL")
        pytest.skip(
            "no PostgreSQL: install it (apt-get install postgresql; scripts/test.sh starts one) or set DATABASE_URL_TEST"
        )
    server = make_url(raw).set(drivername="postgresql+psycopg")
    name = f"bimtek_e2e_{secrets.token_hex(6)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
