"""Cold start of the app against a bare one-line Streamlit page, side by side in a real browser (issue 13).

Each run starts `streamlit run` on a fresh port and times from the process start to the first heading drawn in
Debian's chromium (Playwright): once for a bare page (`st.title(...)` only) and once for app.py (Beranda), alternating
so both see the same machine load. Prints each run, both medians and the ratio app / bare (target: at most 1.2).

    .venv/bin/python scripts/benchmark_cold_start.py [--runs 5] [--target 1.2]

Exit 1 when the ratio is above --target. Uses a throwaway BIMTEK_DATA_DIR, never data/.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT = ROOT / ".venv" / "bin" / "streamlit"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
BARE = 'import streamlit as st\n\nst.title("Bimtek Klaim BPJS")\n'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cold_start(browser, script: Path, env: dict[str, str], timeout: float = 120) -> float:
    """Seconds from `streamlit run script` to the first <h1> visible in a new browser page."""
    port = free_port()
    command = [str(STREAMLIT), "run", str(script), "--server.headless", "true", "--server.port", str(port),
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]  # fmt: skip
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = started + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.perf_counter() > deadline or server.poll() is not None:
                    raise RuntimeError(f"streamlit did not start for {script}") from None
                time.sleep(0.05)
        page = browser.new_page()
        try:
            page.goto(url)
            page.locator("h1").first.wait_for(timeout=timeout * 1000)
            return time.perf_counter() - started
        finally:
            page.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each (default 5)")
    parser.add_argument("--target", type=float, default=1.2, help="largest acceptable ratio (default 1.2)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        env = {**os.environ, "BIMTEK_DATA_DIR": str(Path(folder) / "data")}
        env.pop("DATABASE_URL", None)
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        cold_start(browser, ROOT / "app.py", env)  # once unmeasured: creates and migrates the store, warms the disk
        times: dict[str, list[float]] = {"bare": [], "app": []}
        for run in range(1, args.runs + 1):
            for name, script in (("bare", bare), ("app", ROOT / "app.py")):
                seconds = cold_start(browser, script, env)
                times[name].append(seconds)
                print(f"run {run} {name:>4}: {seconds:.2f} s", flush=True)
        browser.close()
    bare_median, app_median = statistics.median(times["bare"]), statistics.median(times["app"])
    ratio = app_median / bare_median
    print(f"median bare page: {bare_median:.2f} s")
    print(f"median app.py:    {app_median:.2f} s")
    print(f"ratio app/bare:   {ratio:.2f} (target <= {args.target})")
    return 0 if ratio <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
