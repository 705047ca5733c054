"""The PostgreSQL tests never pass silently: without a server they skip locally (with the reason) and fail in CI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ONE_PG_TEST = "tests/storage/test_repository.py::test_the_last_place_is_remembered[postgres]"


def run_without_server(ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL_TEST", "CI")}
    if ci is not None:
        env["CI"] = ci
    command = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", ONE_PG_TEST]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_locally_a_missing_server_skips_with_the_reason():
    result = run_without_server(None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout and "no PostgreSQL" in result.stdout


@pytest.mark.parametrize("ci", ["true", "1"])
def test_in_ci_a_missing_server_fails(ci):
    result = run_without_server(ci)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"1 (failed|error)", result.stdout) and "DATABASE_URL_TEST is not set" in result.stdout


def test_every_setting_the_store_reads_is_documented_in_the_readme():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "bimtek" / "storage").glob("*.py"))
    settings = set(re.findall(r"os\.environ\.get\(\"([A-Z_]+)\"", code))
    assert settings >= {"DATABASE_URL", "BIMTEK_DATA_DIR"}
    configuration = (ROOT / "README.md").read_text(encoding="utf-8").split("## Configuration")[1].split("\n## ")[0]
    assert {s for s in settings if f"`{s}`" not in configuration} == set()
