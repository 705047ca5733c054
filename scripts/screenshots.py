"""The README's screenshots, taken in Debian's chromium on a throwaway store: Dasbor Kelas, a case result, a certificate.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Seeds a trainer, a cohort and three trainees (one never started), starts `streamlit run app.py`, signs the trainer in
and photographs Dasbor Kelas; solves the DBD case of Studi Kasus as a guest and photographs the result; renders the
first page of a sample certificate (fpdf2, as the app builds it) with pypdfium2. Never touches data/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.benchmark_cold_start import CHROMIUM, CHROMIUM_ARGS, STREAMLIT, free_port  # noqa: E402

TRAINER, PASSWORD = "siti", "sandi-rahasia-bimtek"
SEED = """
import sys
from bimtek.storage import accounts, progress
from bimtek.storage.store import get_store
store = get_store()
accounts.create_trainer(store, sys.argv[1], sys.argv[2])
cohort = accounts.create_cohort(store, "Bimtek Klaim Puskesmas Sleman", sys.argv[1])
runs = {"Rina Wulandari": [("dbd-ranap-tanpa-lab", 30, False, ["EV01"]), ("dbd-ranap-tanpa-lab", 100, True, [])],
        "Budi Santoso": [("sehat-bersama-injeksi-vitamin-anemia", 70, True, ["KL01"])], "Wulan Sari": []}
for name, attempts in runs.items():
    trainee = accounts.join_cohort(store, cohort.join_code, name, "4821")
    for case, score, ok, missed in attempts:
        progress.record_attempt(store, trainee.id, {"scenario_id": case, "score": score, "correction_ok": ok,
            "integrity_ok": True, "missed": missed, "seconds": 540.0})
"""


def wait_healthy(url: str, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("streamlit exited")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not start")


def settle(page) -> None:
    page.locator("h1").first.wait_for(timeout=90_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidgetRunningIcon]')",
        timeout=90_000,
    )
    page.wait_for_timeout(1500)


def dashboard(browser, url: str, out: Path) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 1100})
    page.set_default_timeout(90_000)
    page.goto(f"{url}/masuk")
    settle(page)
    page.get_by_role("tab", name="Narasumber").click()
    page.locator(".st-key-masuk_narasumber_nama input").fill(TRAINER)
    page.locator(".st-key-masuk_narasumber_sandi input").fill(PASSWORD)
    page.locator(".st-key-masuk_narasumber button").click()
    page.get_by_text(f"Masuk sebagai narasumber {TRAINER}.", exact=True).first.wait_for()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Dasbor Kelas", exact=True).click()
    page.get_by_role("heading", name="Dasbor Kelas").wait_for()
    settle(page)
    page.screenshot(path=str(out / "dasbor-kelas.png"))
    page.close()


def case_result(browser, url: str, out: Path) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.set_default_timeout(90_000)
    page.goto(f"{url}/kasus?kasus=dbd-ranap-tanpa-lab")
    settle(page)
    flags = page.locator(".st-key-form_cacat input")
    flags.click()
    flags.fill("EV01")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    for label in ("Trombosit 85.000 /µL — 4 Oktober 2026", "Hematokrit 38 % — 3 Oktober 2026",
                  "Hematokrit 46 % — 4 Oktober 2026"):  # fmt: skip
        page.get_by_text(label).click()
    page.locator(".st-key-form_kirim button").click()
    result = page.locator(".st-key-hasil")
    result.get_by_text("100/100").wait_for()
    settle(page)
    result.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(800)
    page.screenshot(path=str(out / "hasil-kasus.png"))
    page.close()


def certificate(out: Path) -> None:
    import pypdfium2

    from scoring.report_export import Certificate, CompletedModule, certificate_pdf

    sample = Certificate(
        code="K7P2-QX9M",
        name="Rina Wulandari",
        cohort="Bimtek Klaim Puskesmas Sleman",
        issued_on=dt.date(2026, 12, 4),
        indicators=(
            "Pemahaman Regulasi",
            "Kelengkapan Pengisian Data",
            "Penurunan Klaim Dikembalikan",
            "SOP Klaim Fasilitas",
        ),  # fmt: skip
        organiser="Dinas Kesehatan Kabupaten Sleman",
        trainer="siti",
        started_on=dt.date(2026, 12, 1),
        modules=(
            CompletedModule("Regulasi Klaim FKTP", 3, 2, 1, 0),
            CompletedModule("Alur Pelayanan dan Klaim", 2, 1, 1, 0),
            CompletedModule("Piutang BPJS: Kapitasi dan Klaim", 4, 1, 2, 1),
        ),
    )
    pdf = pypdfium2.PdfDocument(certificate_pdf(sample, "https://bimtek.contoh.id"))
    pdf[0].render(scale=1.6).to_pil().save(out / "sertifikat.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    certificate(args.out)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "BIMTEK_DATA_DIR": str(Path(folder) / "data")}
        for name in ("DATABASE_URL", "BIMTEK_PUBLIC_URL"):
            env.pop(name, None)
        subprocess.run([sys.executable, "-c", SEED, TRAINER, PASSWORD], cwd=ROOT, env=env, check=True, timeout=120)
        port = free_port()
        command = [str(STREAMLIT), "run", "app.py", "--server.headless", "true", "--server.port", str(port),
                   "--browser.gatherUsageStats", "false"]  # fmt: skip
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, server)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                dashboard(browser, url, args.out)
                case_result(browser, url, args.out)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    for name in ("dasbor-kelas.png", "hasil-kasus.png", "sertifikat.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
