"""The SCORM 1.2 package played in a real browser the way an LMS plays it: the SCO two frames below a page that holds a
SCORM 1.2 API object (as Moodle's player does), every request that leaves the local server blocked and counted."""

from __future__ import annotations

import functools
import io
import json
import re
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Frame, Page

from bimtek.modules import load_modules
from bimtek.scorm import build_package

pytestmark = pytest.mark.browser

LMS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>LMS</title><script>
window.calls = [];
window.cmi = {"cmi.core.lesson_status": "not attempted", "cmi.student_data.mastery_score": "70"};
function log(name, args) { window.calls.push([name].concat(Array.prototype.slice.call(args))); }
window.API = {
  LMSInitialize: function () { log("LMSInitialize", arguments); return "true"; },
  LMSFinish: function () { log("LMSFinish", arguments); return "true"; },
  LMSGetValue: function (k) {
    log("LMSGetValue", arguments);
    if (k === "cmi.interactions._count")
      return String(Object.keys(window.cmi).filter(function (x) { return /^cmi[.]interactions[.][0-9]+[.]id$/.test(x); }).length);
    return k in window.cmi ? window.cmi[k] : "";
  },
  LMSSetValue: function (k, v) { log("LMSSetValue", arguments); window.cmi[k] = v; return "true"; },
  LMSCommit: function () { log("LMSCommit", arguments); return "true"; },
  LMSGetLastError: function () { return "0"; },
  LMSGetErrorString: function () { return ""; },
  LMSGetDiagnostic: function () { return ""; }
};
</script></head><body><iframe id="player" src="player.html" width="900" height="700"></iframe></body></html>"""
PLAYER_PAGE = (
    """<!DOCTYPE html><html><body><iframe id="sco" src="{sco}" width="880" height="680"></iframe></body></html>"""
)


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = {"piutang", "diagnosa-kode"}
    modules = [m for m in load_modules().modules if m.id in wanted]
    folder = tmp_path_factory.mktemp("scorm")
    zipfile.ZipFile(io.BytesIO(build_package(modules).data)).extractall(folder)
    (folder / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(package_dir: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(package_dir)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def open_sco(browser: Browser, server: str, package_dir: Path, sco: str) -> tuple[Page, Frame, list[str]]:
    (package_dir / "player.html").write_text(PLAYER_PAGE.format(sco=sco), encoding="utf-8")
    page = browser.new_page()
    outside: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(f"{server}/lms.html")
    frame = page.frame_locator("#player").frame_locator("#sco")
    frame.locator("button.periksa").wait_for()
    sco_frame = next(f for f in page.frames if f.url.endswith(sco))
    return page, sco_frame, outside


def calls(page: Page) -> list[list[Any]]:
    return page.evaluate("window.calls")  # type: ignore[no-any-return]


def set_values(page: Page) -> dict[str, str]:
    return {c[1]: c[2] for c in calls(page) if c[0] == "LMSSetValue"}


def interactions(page: Page) -> list[dict[str, str]]:
    """cmi.interactions.n.* as the LMS received them, in order."""
    values = set_values(page)
    out: dict[int, dict[str, str]] = {}
    for key, value in values.items():
        found = re.fullmatch(r"cmi\.interactions\.(\d+)\.(\w+)", key)
        if found:
            out.setdefault(int(found.group(1)), {})[found.group(2)] = value
    return [out[n] for n in sorted(out)]


def answer_everything_right(frame: Frame) -> int:
    """Answers each shown item with its key, as a learner who knows the material would; returns how many."""
    data = json.loads(frame.locator("#bimtek-data").text_content() or "{}")
    items = {}
    for exercise in data["exercises"]:
        for item in exercise["items"]:
            for shown in item.get("variants", [item]):
                items[shown["prompt"]] = (exercise["kind"], shown)
    boxes = frame.locator(".soal")
    for n in range(boxes.count()):
        box = boxes.nth(n)
        prompt = re.sub(r"^\d+\. ", "", box.locator(".pertanyaan").text_content() or "")
        kind, item = items[prompt]
        if kind == "pilihan_ganda":
            for label in box.locator("label.pilihan").all():
                option = next(o for o in item["options"] if o["text"] == (label.text_content() or "").strip())
                if option["correct"]:
                    label.locator("input").check()
        elif kind == "urutan":
            order = [s["text"] for s in item["steps"]]
            for label in box.locator("label.langkah").all():
                text = (label.text_content() or "").rstrip()  # the select's option labels, then the step
                step = max((s for s in order if text.endswith(s)), key=len)
                label.locator("select").select_option(str(order.index(step) + 1))
        elif kind == "pasangan":
            for label in box.locator("label.pasangan").all():
                left = label.locator(".kiri").text_content()
                pair = next(p for p in item["pairs"] if p["left"] == left)
                label.locator("select").select_option(label=pair["right"])
        elif kind == "cari_kode":
            box.locator("input").fill(item["accepted"][0])
        else:
            box.locator("input").fill(item["expected"] if item["date"] else item["shown"])
    return boxes.count()


def test_a_module_sco_reports_failed_then_passed_and_finishes_offline(browser, server, package_dir):
    page, frame, outside = open_sco(browser, server, package_dir, "modul-piutang/index.html")
    try:
        assert "Terhubung ke LMS" in (frame.locator("#status-lms").text_content() or "")
        assert calls(page)[0] == ["LMSInitialize", ""]
        assert set_values(page)["cmi.core.lesson_status"] == "incomplete"
        # Lessons from the YAML are on the page, rendered (tables as tables).
        assert frame.locator("section.pelajaran h2").count() == len(next(m for m in load_modules().modules if m.id == "piutang").pelajaran)  # fmt: skip

        frame.locator("button.periksa").click()  # nothing answered
        values = set_values(page)
        assert (values["cmi.core.score.raw"], values["cmi.core.score.min"], values["cmi.core.score.max"]) == ("0", "0", "100")  # fmt: skip
        assert values["cmi.core.lesson_status"] == "failed"
        assert "Nilai Anda 0 dari 100" in (frame.locator(".hasil").text_content() or "")
        assert ["LMSCommit", ""] in calls(page)
        shown_count = frame.locator(".soal").count()
        first_round = interactions(page)
        assert len(first_round) == shown_count and {i["result"] for i in first_round} == {"wrong"}
        piutang = next(m for m in load_modules().modules if m.id == "piutang")
        known = {f"{e.id}--{i.id}": e.jenis for e in piutang.latihan for i in e.soal}
        types = {"pilihan_ganda": "choice", "urutan": "sequencing", "pasangan": "matching", "angka": "numeric"}
        assert all(types[known[i["id"]]] == i["type"] for i in first_round)
        assert all(re.fullmatch(r"\d{2}:\d{2}:\d{2}", i["time"]) for i in first_round)

        frame.locator("button.ulang").click()
        shown = answer_everything_right(frame)
        assert shown == sum(e.jumlah_soal for e in next(m for m in load_modules().modules if m.id == "piutang").latihan)  # fmt: skip
        frame.locator("button.periksa").click()
        values = set_values(page)
        assert (values["cmi.core.score.raw"], values["cmi.core.lesson_status"]) == ("100", "passed")
        assert "Dikirim ke LMS: lulus" in (frame.locator(".hasil").text_content() or "")
        second_round = interactions(page)[shown_count:]  # numbered on from the first round's
        assert len(second_round) == shown and {i["result"] for i in second_round} == {"correct"}

        page.evaluate("document.getElementById('player').remove()")  # the LMS closes the SCO
        page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
        values = set_values(page)
        assert re.fullmatch(r"\d{4}:\d{2}:\d{2}\.\d{2}", values["cmi.core.session_time"])
        assert [c[0] for c in calls(page)].count("LMSFinish") == 1
        assert outside == []
    finally:
        page.close()


def test_the_icd10_coding_module_plays_and_passes(browser, server, package_dir):
    page, frame, outside = open_sco(browser, server, package_dir, "modul-diagnosa-kode/index.html")
    try:
        answer_everything_right(frame)
        frame.locator("button.periksa").click()
        values = set_values(page)
        assert (values["cmi.core.score.raw"], values["cmi.core.lesson_status"]) == ("100", "passed")
        assert frame.locator(".umpan-balik .benar").count() == frame.locator(".soal").count()
        assert outside == []
    finally:
        page.close()


def test_without_an_lms_the_page_works_and_says_the_score_is_not_sent(browser, server):
    page = browser.new_page()
    try:
        page.goto(f"{server}/modul-piutang/index.html")
        assert "Mode mandiri" in (page.locator("#status-lms").text_content() or "")
        page.locator("button.periksa").click()
        text = page.locator(".hasil").text_content() or ""
        assert "Nilai Anda 0 dari 100" in text and "Dikirim ke LMS" not in text
    finally:
        page.close()


def test_the_player_reads_answers_as_indonesians_type_them(browser, server):
    page = browser.new_page()
    try:
        page.goto(f"{server}/modul-piutang/index.html")
        read = page.evaluate(
            """() => [BimtekScorm.parseNumber('Rp1.250.000'), BimtekScorm.parseNumber('2,5%'),
                      BimtekScorm.parseNumber('12 hari'), BimtekScorm.parseNumber('1.5'),
                      BimtekScorm.normaliseCode(' k297 '), BimtekScorm.normaliseCode('a91.'),
                      BimtekScorm.timespan(3723450), BimtekScorm.parseDate('31/02/2026'),
                      BimtekScorm.parseDate('14/10/2026').toISOString().slice(0, 10)]"""
        )
        assert read == [1250000, 2.5, 12, 1.5, "K29.7", "A91", "0001:02:03.45", None, "2026-10-14"]
    finally:
        page.close()


def test_a_review_of_a_finished_attempt_changes_nothing_in_the_lms(browser, server, package_dir):
    (package_dir / "lms.html").write_text(
        LMS_PAGE.replace(
            '"cmi.student_data.mastery_score": "70"',
            '"cmi.student_data.mastery_score": "70", "cmi.core.lesson_mode": "review"',
        ),  # fmt: skip
        encoding="utf-8",
    )
    try:
        page, frame, _ = open_sco(browser, server, package_dir, "modul-piutang/index.html")
        try:
            assert "Mode tinjauan" in (frame.locator("#status-lms").text_content() or "")
            frame.locator("button.periksa").click()
            assert set_values(page) == {}
        finally:
            page.close()
    finally:
        (package_dir / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
