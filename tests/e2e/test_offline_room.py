"""Issue 14, a room without internet: the app started by `python -m bimtek kelas`, opened at the LAN address it
printed, in a browser that may reach nothing but this machine.

Every request to another host is aborted and recorded; every navigation entry is opened as a guest, a cohort trainee
and a trainer (the phone suite's walk, one viewport), and each page must have asked nothing of the internet, had none
of its own requests fail, drawn its text and icons in the fonts the app ships (an icon whose font is missing shows its
ligature name, "health_and_safety", as words) and, on Simulasi KBK, drawn its charts. The join QR codes on Beranda and
Kelas Saya, at phone width, must decode to the address `kelas` printed (and the cohort's join code), and that link
must open the join form with the code filled in.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, Request, Response, Route, WebSocketRoute, expect

from tests.e2e.server import (
    DETAIL_QUERY,
    ROOT,
    App,
    free_port,
    page_url,
    seed_trainer_and_cohort,
    sign_in,
    visible_pages,
    wait_healthy,
    wait_settled,
)
from ui import nav

pytestmark = pytest.mark.browser

LAPTOP = (1366, 768)
PHONE = (390, 844)


@dataclass(frozen=True)
class Room(App):
    host: str  # the LAN address `kelas` printed


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    """`python -m bimtek kelas --port <free>` as a trainer types it; stopped with Ctrl+C (SIGINT) afterwards."""
    folder = tmp_path_factory.mktemp("offline_room")
    env = {**os.environ, "BIMTEK_DATA_DIR": str(folder / "data")}
    env.pop("DATABASE_URL", None)
    env.pop("BIMTEK_PUBLIC_URL", None)
    code = seed_trainer_and_cohort(env)
    log = folder / "kelas.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "bimtek", "kelas", "--port", str(free_port())],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        url = printed_address(server, log)
        wait_healthy(url, server, log)
        yield Room(url, code, urlsplit(url).hostname or "")
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C
        try:
            returned = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            pytest.fail(f"kelas did not stop within 20 s of Ctrl+C:\n{log.read_text()}")
    printed = log.read_text()
    assert returned == 0, printed  # Ctrl+C stops the room server cleanly
    # The server itself asked nothing either: Streamlit logs this after trying checkip.amazonaws.com for an
    # "External URL", which it does for a headless server on 0.0.0.0 unless it is told its address.
    assert "Did not auto detect external IP" not in printed, printed


def printed_address(server: subprocess.Popen, log: Path, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := re.search(r"Alamat untuk peserta: (http://\S+)", log.read_text()):
            return found.group(1)
        if server.poll() is not None:
            pytest.fail(f"kelas exited with {server.returncode}:\n{log.read_text()}")
        time.sleep(0.2)
    pytest.fail(f"kelas printed no address in {seconds}s:\n{log.read_text()}")


PAGE_PROBE = re.compile(r"/[a-z_]+/_stcore/(health|host-config)")


@dataclass
class Guarded:
    """A browser tab that may reach only this machine, with what it tried and what failed, per page."""

    page: Page
    where: str = ""
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def guarded_page(browser: Browser, room: Room, size: tuple[int, int]) -> Guarded:
    own = {"127.0.0.1", "localhost", room.host}
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.set_default_timeout(60_000)
    tab = Guarded(page)

    def is_own(url: str) -> bool:
        return urlsplit(url).hostname in own

    def guard(route: Route) -> None:
        if is_own(route.request.url):
            route.continue_()
        else:
            tab.blocked.append(f"{tab.where}: {route.request.method} {route.request.url}")
            route.abort("internetdisconnected")

    def guard_socket(socket: WebSocketRoute) -> None:
        if is_own(socket.url):
            socket.connect_to_server()
        else:
            tab.blocked.append(f"{tab.where}: WebSocket {socket.url}")
            socket.close()

    def on_failed(request: Request) -> None:
        # A page left while an image or chart still loaded cancels it (ERR_ABORTED): not a failure of the app.
        if is_own(request.url) and request.failure != "net::ERR_ABORTED":
            tab.failed.append(f"{tab.where}: {request.url} {request.failure}")

    def on_response(response: Response) -> None:
        if response.status == 404 and PAGE_PROBE.fullmatch(urlsplit(response.url).path):
            return  # Streamlit's client first looks for the server under the page's own path, then at the root
        if is_own(response.url) and response.status >= 400:
            tab.failed.append(f"{tab.where}: {response.url} HTTP {response.status}")

    context.route("**/*", guard)
    context.route_web_socket(re.compile(".*"), guard_socket)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    return tab


# Returns what a reader would see wrong with the fonts and icons of the page; [] when all is drawn as designed.
FONT_PROBLEMS = """() => {
  const problems = [];
  const faces = [...document.fonts];
  for (const f of faces) if (f.status === 'error') problems.push(`font "${f.family}" ${f.weight} failed to load`);
  const family = (el) => getComputedStyle(el).fontFamily.split(',')[0].trim().replace(/^["']|["']$/g, '');
  const loaded = (name) => faces.some((f) => f.family.replace(/^["']|["']$/g, '') === name && f.status === 'loaded');
  const text = document.querySelector('[data-testid="stMain"] h1');
  if (!text) problems.push('no heading');
  else if (!loaded(family(text))) problems.push(`the heading's font "${family(text)}" is not loaded`);
  const icons = [...document.querySelectorAll('[data-testid="stIconMaterial"]')].filter((i) => i.checkVisibility());
  if (!icons.length) problems.push('no icon on the page');
  for (const icon of icons) {
    if (!loaded(family(icon))) { problems.push(`icon font "${family(icon)}" is not loaded`); break; }
    const r = icon.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(icon).fontSize);
    // One glyph is about as wide as the font size; the ligature's name in a fallback font is many times wider.
    if (r.width > 1.6 * size) { problems.push(`icon "${icon.textContent}" drawn ${Math.round(r.width)}px wide at ${size}px: shown as text`); break; }
  }
  return problems;
}"""


def chart_sizes(page: Page) -> list[tuple[float, float]]:
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts.first.locator("canvas, svg").first).to_be_visible()
    sizes = []
    for n in range(charts.count()):
        box = charts.nth(n).locator("canvas, svg").first.bounding_box()
        sizes.append((box["width"], box["height"]) if box else (0.0, 0.0))
    return sizes


SCRIPT_DONE = (
    """() => document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'notRunning'"""
)


def open_page(page: Page, base: str, path: str, identity_query: str) -> None:
    """Opens `path` as a trainee moves about: its sidebar link (the app stays loaded; half the time of a new load on
    a busy machine), or its URL for a page the sidebar does not list (a case, a module)."""
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=nav.PAGES[path][0], exact=True)
    if path in DETAIL_QUERY or not link.count():
        page.goto(page_url(base, path, identity_query))
    else:
        link.click()
        slug = "" if path == next(iter(nav.PAGES)) else path.removeprefix("views/").removesuffix(".py")
        page.wait_for_url(re.compile(rf"{re.escape(base)}/{slug}(\?.*)?$"))  # the new page's script has started
        page.wait_for_function(SCRIPT_DONE)
    wait_settled(page)


@pytest.mark.parametrize("role", ["tamu", "peserta", "narasumber"])
def test_every_page_renders_fully_with_no_request_leaving_the_machine(room: Room, browser: Browser, role: str):
    tab = guarded_page(browser, room, LAPTOP)
    page = tab.page
    drawn: dict[str, list[str]] = {}
    charts: list[tuple[float, float]] = []
    try:
        tab.where = "Masuk"
        query = sign_in(page, room, role)
        for path in visible_pages(role):
            tab.where = nav.PAGES[path][0]
            open_page(page, room.url, path, query)
            problems = page.evaluate(FONT_PROBLEMS)
            if problems:  # a font may still be arriving: look once more before calling it a problem
                page.wait_for_timeout(1500)
                problems = page.evaluate(FONT_PROBLEMS)
            if problems:
                drawn[tab.where] = problems
            if path == nav.KBK:
                charts = chart_sizes(page)
        assert len(visible_pages(role)) >= 15  # the walk really went through the navigation
    finally:
        page.context.close()
    report = {"requests to the internet": tab.blocked, "the app's own requests that failed": tab.failed, **drawn}
    assert not (tab.blocked or tab.failed or drawn), json.dumps(report, indent=1, ensure_ascii=False)
    assert len(charts) == 3 and all(w > 100 and h > 100 for w, h in charts), charts  # the KBK charts, drawn


def decode_qr(image: Locator) -> str:
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    box = image.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0], box  # whole, on the screen
    picture = Image.open(io.BytesIO(image.screenshot())).convert("L")
    (found,) = zxingcpp.read_barcodes(picture)
    return found.text


def test_the_join_qr_codes_on_a_phone_decode_to_the_room_address_and_open_the_join_form(room: Room, browser: Browser):
    tab = guarded_page(browser, room, PHONE)
    page = tab.page
    try:
        tab.where = "Beranda"
        page.goto(room.url)
        wait_settled(page)
        block = page.locator(".st-key-beranda_gabung")
        expect(block).to_contain_text(f"Gabung dari ponsel: {room.url}")
        block.locator("summary").click()
        link = decode_qr(block.locator("img"))
        assert link == f"{room.url}/masuk?kelas="
        page.goto(link)  # before a cohort is chosen: the join form, the trainee types the projected code
        expect(page.get_by_role("tab", name="Peserta kelas (Bimtek)")).to_have_attribute("aria-selected", "true")
        expect(page.locator(".st-key-masuk_kode_kelas input")).to_be_visible()

        tab.where = "Kelas Saya"
        query = sign_in(page, room, "narasumber")
        page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
        page.goto(page_url(room.url, nav.NARASUMBER, query))
        wait_settled(page)
        link = decode_qr(page.get_by_test_id("stMain").locator('[data-testid="stImage"] img').first)
        assert link == f"{room.url}/masuk?kelas={room.join_code}"

        tab.where = "Masuk (from the QR code)"
        page.context.clear_cookies()
        page.goto(link)  # what a trainee's phone opens after scanning
        expect(page.get_by_role("tab", name="Peserta kelas (Bimtek)")).to_have_attribute("aria-selected", "true")
        expect(page.locator(".st-key-masuk_kode_kelas input")).to_have_value(room.join_code)
        expect(page.locator(".st-key-masuk_kode_kelas input")).to_be_visible()
    finally:
        page.context.close()
    assert tab.blocked == [], "requests to the internet:\n" + "\n".join(tab.blocked)
    assert tab.failed == [], "the app's own requests failed:\n" + "\n".join(tab.failed)
