"""scripts/run-app.sh tells a newcomer what it is doing: a line before the slow first install, one when the app starts.

The script runs in a copy of the repo's scripts with a stand-in .venv whose python only records what it was asked to
do, so the test neither installs anything nor touches the real .venv.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALLING = "Menyiapkan .venv dan memasang dependensi (sekali saja, ±1 menit)..."
STARTING = "Memulai aplikasi"

FAKE_PYTHON = """#!/bin/sh
case "$*" in
  *"pip install"*) echo "[pip install]" >>"$ORDER" ;;
  *"-m streamlit"*) echo "[streamlit $*]" >>"$ORDER" ;;
esac
exit 0
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    for name in ("run-app.sh", "venv.sh"):
        shutil.copy(ROOT / "scripts" / name, tmp_path / "scripts" / name)
    (tmp_path / "requirements.txt").write_text("streamlit\n", encoding="utf-8")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON, encoding="utf-8")
    python.chmod(0o755)
    return tmp_path


def run(repo: Path) -> list[str]:
    """The script's output and the stand-in python's calls, in the order they happened."""
    order = repo / "order.log"
    order.write_text("", encoding="utf-8")
    with order.open("a", encoding="utf-8") as out:
        done = subprocess.run(
            ["bash", "scripts/run-app.sh", "--server.port", "8600"],
            cwd=repo, env={"PATH": "/usr/bin:/bin", "ORDER": str(order)}, stdout=out, stderr=out, timeout=60,
            check=False,
        )  # fmt: skip
    assert done.returncode == 0, order.read_text(encoding="utf-8")
    return order.read_text(encoding="utf-8").splitlines()


def test_the_first_run_says_it_is_installing_before_pip_and_says_when_the_app_starts(repo: Path):
    lines = run(repo)
    assert INSTALLING in lines, lines
    assert lines.index(INSTALLING) < lines.index("[pip install]")
    starting = next(i for i, line in enumerate(lines) if line.startswith(STARTING))
    assert lines.index("[pip install]") < starting < len(lines) - 1
    assert lines[-1].startswith("[streamlit -m streamlit run app.py --server.port 8600"), lines


def test_a_later_run_does_not_claim_to_install_again(repo: Path):
    run(repo)
    lines = run(repo)
    assert INSTALLING not in lines and "[pip install]" not in lines, lines
    assert any(line.startswith(STARTING) for line in lines), lines
