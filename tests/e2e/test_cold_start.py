"""The cold-start benchmark script runs both servers in a real browser and prints both medians and the ratio."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.e2e.server import ROOT

pytestmark = pytest.mark.browser


def test_benchmark_prints_both_medians_and_the_ratio():
    done = subprocess.run(
        [sys.executable, "scripts/benchmark_cold_start.py", "--runs", "1", "--target", "100"],
        cwd=ROOT, capture_output=True, text=True, timeout=400, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"median bare page: \d+\.\d\d s", done.stdout), done.stdout
    assert re.search(r"median app\.py: +\d+\.\d\d s", done.stdout), done.stdout
    assert re.search(r"ratio app/bare: +\d+\.\d\d \(target <= 100", done.stdout), done.stdout
