"""Many rooms on one server: two app processes on one PostgreSQL serve one cohort, directly and behind nginx.

A trainee works on each process; the trainer's dashboard on either process shows both, and what a trainee submits on
one process appears on the other's open dashboard by itself. Behind nginx the shipped config (docs/deploy/) is used
as it is: sticky sessions by cookie, the websocket upgrade, downloads served by the process that made them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from bimtek.storage.migrate import head_revision
from tests.e2e.server import (
    CASE,
    CASE_TITLE,
    EVIDENCE_PROBLEM,
    LAB_FIELD,
    ROOT,
    attach_lab_book_and_submit,
    create_trainer,
    free_port,
    go,
    join_cohort,
    new_page,
    progress_row,
    report_finding,
    run_cli,
    sign_in_trainer,
    solve_dbd_case,
    streamlit_server,
)

TRAINER = "narasumber.ruang"
PASSWORD = "sandi-rahasia-ruang"
COHORT = "Bimtek Klaim Dua Ruang"
ANI, BUDI = "Ani Wulandari", "Budi Hartono"
NGINX = Path(shutil.which("nginx") or "/usr/sbin/nginx")
NGINX_SITE = ROOT / "docs" / "deploy" / "nginx-bimtek.conf"
ROUTE_COOKIE = "bimtek_rute"

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
Place = Callable[[Page, int], str]  # place(page, room) -> the URL that page uses to reach process `room` (0 or 1)


@pytest.fixture(autouse=True)
def patient_expect() -> Iterator[None]:
    """Four browsers, two app processes and nginx on a shared 2-core machine: give each check 30 s, not 5."""
    expect.set_options(timeout=30_000)
    yield
    expect.set_options(timeout=None)


@pytest.fixture
def env(pg_database_url: str, tmp_path: Path) -> dict[str, str]:
    """What every process of the deployment shares: one DATABASE_URL and one cookie secret (docs/deployment.md)."""
    shared = {**os.environ, "DATABASE_URL": pg_database_url, "BIMTEK_DATA_DIR": str(tmp_path / "data")}
    shared["STREAMLIT_SERVER_COOKIE_SECRET"] = "rahasia-bersama-semua-proses-uji"
    shared.pop("BIMTEK_PUBLIC_URL", None)
    return shared


def _both_upgrade_at_once(env: dict[str, str]) -> None:
    """Two processes migrate a fresh database at the same moment: one does it, the other waits and finds it done."""
    command = [sys.executable, "-m", "bimtek", "db", "upgrade"]
    started = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in started]
    assert [p.returncode for p in started] == [0, 0], outputs
    assert all(f"revisi {head_revision()} (terbaru)" in out for out in outputs), outputs


@contextmanager
def _nginx(upstreams: list[str], folder: Path) -> Iterator[tuple[str, Path]]:
    """nginx with docs/deploy/nginx-bimtek.conf in front of `upstreams`; yields its URL and its access log."""
    if not NGINX.exists():
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail("CI=true but nginx is missing: .ci/run must install it (bash scripts/nginx.sh install)")
        pytest.skip("no nginx: apt-get install nginx-light (or bash scripts/nginx.sh install)")
    site = NGINX_SITE.read_text(encoding="utf-8")
    ports = [u.rsplit(":", 1)[1] for u in upstreams]
    assert site.count("server 127.0.0.1:850") == 2, "the shipped config lists two example processes"
    site = site.replace("127.0.0.1:8501", f"127.0.0.1:{ports[0]}").replace("127.0.0.1:8502", f"127.0.0.1:{ports[1]}")
    port = free_port()
    log = folder / "access.log"
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("/var/log/nginx/bimtek.log", str(log))
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"{'user root;' if os.geteuid() == 0 else ''}\n"
        f"daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} notice;\n"
        f"events {{ worker_connections 256; }}\nhttp {{\n{temp}\n{site}\n}}\n",
        encoding="utf-8",
    )
    checked = subprocess.run([str(NGINX), "-t", "-c", str(folder / "nginx.conf")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    with (folder / "nginx.out").open("w") as out:
        proxy = subprocess.Popen([str(NGINX), "-c", str(folder / "nginx.conf")], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert proxy.poll() is None and time.monotonic() < deadline, (folder / "error.log").read_text()
                time.sleep(0.2)
        yield url, log
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)


def _route_cookies(url: str, log: Path, upstreams: list[str]) -> list[str]:
    """A route cookie value that nginx's consistent hash sends to each upstream, found by asking and reading the log."""
    found: dict[str, str] = {}
    for n in range(64):
        value = f"uji-{n}"
        request = urllib.request.Request(f"{url}/_stcore/host-config", headers={"Cookie": f"{ROUTE_COOKIE}={value}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200
        deadline = time.monotonic() + 5  # nginx writes the line just after the response
        while not (served := re.findall(rf"upstream=(\S+) rute={value}$", log.read_text(), flags=re.M)):
            assert time.monotonic() < deadline, "nginx did not log the request:\n" + log.read_text()
            time.sleep(0.05)
        found.setdefault(served[-1], value)
        if len(found) == len(upstreams):
            break
    hosts = [u.removeprefix("http://") for u in upstreams]
    assert set(found) == set(hosts), found
    return [found[h] for h in hosts]


@contextmanager
def _deployment(route: str, env: dict[str, str], tmp_path: Path) -> Iterator[tuple[Place, Path | None]]:
    with (
        streamlit_server(env, tmp_path / "room-1.log") as first,
        streamlit_server(env, tmp_path / "room-2.log") as second,
    ):
        upstreams = [first, second]
        if route == "langsung":
            yield (lambda page, room: upstreams[room]), None
            return
        with _nginx(upstreams, tmp_path) as (url, log):
            cookies = _route_cookies(url, log, upstreams)
            probed = len(log.read_bytes())  # the browsers' requests are logged after the probes

            def place(page: Page, room: int) -> str:
                page.context.add_cookies([{"name": ROUTE_COOKIE, "value": cookies[room], "url": url}])
                return url

            yield place, log
            # nginx logs a websocket when it closes: the test closed its browsers before leaving this block
            deadline = time.monotonic() + 15
            while len(set(re.findall(r'"GET /_stcore/stream[^"]*" 101 .* rute=(\S+)$', log.read_text(), re.M))) < 2:
                assert time.monotonic() < deadline, "nginx logged no websocket of one room:\n" + log.read_text()
                time.sleep(0.5)
            # every request of a room's browsers (page, websocket, download) reached that room's process
            served = re.findall(r" upstream=(\S+) rute=(\S+)$", log.read_bytes()[probed:].decode(), re.M)
            hosts = {
                cookie: upstream.removeprefix("http://") for cookie, upstream in zip(cookies, upstreams, strict=True)
            }
            assert {cookie for _, cookie in served} == set(cookies), served  # every request carried a room's cookie
            strays = [(upstream, cookie) for upstream, cookie in served if hosts.get(cookie) != upstream]
            assert not strays, strays


def _settled(page: Page) -> None:
    """The page's script run has finished (Streamlit's running indicator is gone)."""
    page.wait_for_timeout(500)
    page.wait_for_function(
        '() => !document.querySelector(\'[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]\')',
        timeout=30_000,
    )


def _wait_for_row(page: Page, name: str, wanted: dict[str, str], seconds: float = 40) -> None:
    """The dashboard refreshes itself (every 10 s): wait until `name`'s row shows `wanted`, without reloading."""
    deadline = time.monotonic() + seconds
    while True:
        values = progress_row(page, name)
        if all(values.get(k) == v for k, v in wanted.items()):
            return
        assert time.monotonic() < deadline, f"{name}: {values}, expected {wanted}"
        page.wait_for_timeout(1000)


@pytest.mark.parametrize("route", ["langsung", "nginx"])
def test_two_app_processes_on_one_postgresql_serve_one_cohort(
    route: str, env: dict[str, str], browser: Browser, contexts: list[BrowserContext], tmp_path: Path
):
    _both_upgrade_at_once(env)
    create_trainer(env, TRAINER, PASSWORD)
    code = re.search(r"Kode gabung: (\S+)", run_cli(env, "cohort", "create", COHORT, "--trainer", TRAINER).stdout)
    assert code, "cohort create printed no join code"

    with _deployment(route, env, tmp_path) as (place, _log):
        ani = new_page(browser, contexts)
        join_cohort(ani, place(ani, 0), code.group(1), ANI, "4826", COHORT)
        go(ani, "Studi Kasus", "Studi Kasus")
        solve_dbd_case(ani)

        budi = new_page(browser, contexts)
        join_cohort(budi, place(budi, 1), code.group(1), BUDI, "1357", COHORT)

        trainer_2 = new_page(browser, contexts)
        sign_in_trainer(trainer_2, place(trainer_2, 1), TRAINER, PASSWORD)
        go(trainer_2, "Dasbor Kelas", "Dasbor Kelas")
        assert progress_row(trainer_2, ANI)["Kasus tuntas"] == "1"  # written by the other process
        assert progress_row(trainer_2, BUDI)["Kasus dicoba"] == "0"

        # the trainer's bookmark (?sesi=) opens the dashboard on the other process: the session lives in the store
        assert "sesi=" in trainer_2.url, trainer_2.url
        trainer_1 = new_page(browser, contexts)
        link = re.sub(r"^https?://[^/]+", place(trainer_1, 0), trainer_2.url)
        trainer_1.goto(link)
        expect(trainer_1.get_by_role("heading", name="Dasbor Kelas")).to_be_visible()
        assert progress_row(trainer_1, ANI)["Kasus tuntas"] == "1"

        # Budi's half-done answer (a draft, saved as he edits) follows his link to the other process
        go(budi, "Studi Kasus", "Studi Kasus")
        budi.locator(f".st-key-buka_{CASE} button").click()
        expect(budi.get_by_role("heading", name=CASE_TITLE)).to_be_visible()
        report_finding(budi, LAB_FIELD, EVIDENCE_PROBLEM)
        assert "kasus=" in budi.url and "akses=" in budi.url, budi.url
        budi_elsewhere = new_page(browser, contexts)
        link = re.sub(r"^https?://[^/]+", place(budi_elsewhere, 0), budi.url)
        deadline = time.monotonic() + 30  # the rerun that saves the draft may still be under way
        while True:
            budi_elsewhere.goto(link)
            expect(budi_elsewhere.get_by_role("heading", name=CASE_TITLE)).to_be_visible()
            _settled(budi_elsewhere)
            if LAB_FIELD in budi_elsewhere.locator(".st-key-form_temuan_bagian_0").inner_text():
                break
            assert time.monotonic() < deadline, "Budi's draft did not reach the other process"

        # Budi submits on process 2; the dashboard open on process 1 shows it by itself (no cache hides it)
        attach_lab_book_and_submit(budi)
        _wait_for_row(trainer_1, BUDI, {"Kasus dicoba": "1", "Kasus tuntas": "1"})
        _wait_for_row(trainer_2, BUDI, {"Kasus dicoba": "1", "Kasus tuntas": "1"})
        assert progress_row(trainer_1, ANI)["Kasus tuntas"] == "1"

        # Ani's own link (?akses=) continues her on the other process, with her work
        assert "akses=" in ani.url, ani.url
        ani_elsewhere = new_page(browser, contexts)
        ani_elsewhere.goto(re.sub(r"^https?://[^/]+", place(ani_elsewhere, 1), ani.url))
        expect(ani_elsewhere.get_by_text(f"Peserta: {ANI}")).to_be_visible()

        # a download is served by the process that made it (behind nginx: the route cookie keeps it there)
        go(trainer_1, "Ekspor & Sertifikat", "Ekspor Hasil & Sertifikat")
        expect(trainer_1.get_by_text("2 peserta; 0 memenuhi keempat indikator")).to_be_visible()
        with trainer_1.expect_download() as download:
            trainer_1.locator(".st-key-ekspor_csv button").click()
        exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert ANI in exported and BUDI in exported, exported
        for context in contexts:
            context.close()

    assert not (tmp_path / "data" / "bimtek.sqlite").exists(), "a process wrote to SQLite instead of PostgreSQL"
