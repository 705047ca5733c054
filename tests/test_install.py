"""`pip install .` gives a working `bimtek` command and app from any folder (issue 14, point 4).

The wheel is built for real from the files a clean clone has (copied to a temporary folder, so the build leaves
nothing in the checkout) and installed, not editable, into a fresh virtualenv. That virtualenv sees the test
environment's site-packages through a .pth file, so the dependencies are not downloaded again; `pip install
--no-index` still checks that every Requires-Dist is satisfied. Every command then runs from a folder outside the
repository, so nothing can come from the checkout.
"""

from __future__ import annotations

import email.parser
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from bimtek import paths
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml"))
MODULES = sorted(p.name for p in (ROOT / "modules").glob("*.yaml"))
SHIPPED = "bimtek/_shipped/"


@dataclass
class Installed:
    venv: Path
    outside: Path  # an empty working folder outside the repository
    data: Path  # BIMTEK_DATA_DIR for the commands

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DATABASE_URL", "VIRTUAL_ENV")}
        env.update({"BIMTEK_DATA_DIR": str(self.data), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **extra})
        return env

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / "bimtek"), *args], cwd=self.outside, env=env or self.env(),
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip


def _clone_files() -> list[str]:
    """What a clean clone holds: tracked files plus new files not ignored (so a test run before a commit counts)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if listed.returncode != 0:
        pytest.fail(f"this test builds from a git checkout's files (git ls-files failed: {listed.stderr.strip()})")
    names = listed.stdout.split("\0")
    return [name for name in names if name and (ROOT / name).is_file() and not (ROOT / name).is_symlink()]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's files as a clean clone has them, in a temporary folder (builds write there, not here)."""
    source = tmp_path_factory.mktemp("clone")
    for name in _clone_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    return source


def build_wheel(source: Path, dist: Path) -> Path:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "-q", "-w", str(dist), str(source)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = dist.glob("*.whl")
    return found


@pytest.fixture(scope="module")
def wheel(clone: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(clone, tmp_path_factory.mktemp("dist"))


def make_venv(venv: Path) -> Path:
    """A fresh virtualenv that borrows this environment's dependencies through a .pth file; returns its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--clear", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    shared = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "test-shared-deps.pth").write_text("\n".join(sorted(shared)) + "\n", encoding="utf-8")
    return python


def pip_install(python: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", "--no-build-isolation",
         "--disable-pip-version-check", "-q", *args],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    venv = tmp_path_factory.mktemp("venv")
    pip_install(make_venv(venv), str(wheel))
    return Installed(venv, tmp_path_factory.mktemp("elsewhere"), tmp_path_factory.mktemp("installed-data"))


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))


def _pins(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("-")]


def test_the_wheel_carries_all_content_examples_migrations_and_the_app_inside_the_package(wheel: Path):
    names = _names(wheel)
    assert sorted(n.rsplit("/", 1)[1] for n in names if n.startswith(f"{SHIPPED}scenarios/")) == SCENARIOS
    assert sorted(n.rsplit("/", 1)[1] for n in names if n.startswith(f"{SHIPPED}modules/")) == MODULES
    assert len(SCENARIOS) >= 85 and len(MODULES) >= 15
    for folder, pattern in [("examples", "*"), ("migrations/versions", "*.py"), ("ui", "*.py"), ("views", "*.py"),
                            ("scoring", "*.py"), ("bimtek/reference/data", "*"), ("bimtek/lms_assets", "*")]:  # fmt: skip
        expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).glob(pattern)}
        prefix = "" if folder.startswith("bimtek/") else SHIPPED
        assert expected and {prefix + n for n in expected} <= set(names), folder
    for name in ("app.py", ".streamlit/config.toml", "migrations/env.py", "migrations/script.py.mako"):
        assert SHIPPED + name in names
    # Nothing but the bimtek package: no top-level `ui`, `views` or `scoring` in site-packages, no tests, no .venv.
    assert {n.split("/", 1)[0] for n in names} == {"bimtek", "bimtek_klaim_bpjs-0.1.0.dist-info"}
    assert not [n for n in names if re.search(r"(^|/)(tests|\.venv|__pycache__)/|^bimtek/_shipped/data/|\.pyc$", n)]


def test_the_wheel_requires_exactly_the_pins_of_requirements_txt(wheel: Path):
    assert _metadata(wheel).get_all("Requires-Dist") == _pins(ROOT / "requirements.txt")


def test_the_build_uses_the_setuptools_pinned_for_the_tests():
    """pyproject.toml's [build-system] (pip install .) and requirements-dev.txt (this test's build) name one version."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        build = tomllib.load(f)["build-system"]["requires"]
    assert [p for p in _pins(ROOT / "requirements-dev.txt") if p.startswith("setuptools==")] == build


def test_the_bimtek_command_works_from_any_folder_with_the_shipped_content(installed: Installed, tmp_path: Path):
    where = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-c", "import bimtek.paths as p; print(p.CHECKOUT, p.ROOT)"],
        cwd=installed.outside, env=installed.env(), capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert where[0] == "False" and Path(where[1]).is_relative_to(installed.venv), where

    helped = installed.run("--help")
    assert helped.returncode == 0 and helped.stdout.startswith("usage: bimtek "), helped.stdout
    for command in ("validate", "verify", "rules", "db", "scorm", "xapi", "app"):
        assert f"    {command} " in helped.stdout
    as_module = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-m", "bimtek", "--help"],
        cwd=installed.outside, env=installed.env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert as_module.stdout.startswith("usage: python -m bimtek "), as_module.stdout

    validated = installed.run("validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert f"{len(SCENARIOS)} skenario valid, {len(MODULES)} modul valid" in validated.stdout

    shutil.copy(ROOT / "examples" / "contoh-batch.csv", installed.outside / "contoh-batch.csv")
    verified = installed.run("verify", "contoh-batch.csv", "--json")
    checkout = subprocess.run(
        [sys.executable, "-m", "bimtek", "verify", str(ROOT / "examples" / "contoh-batch.csv"), "--json"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert verified.returncode == 0 and verified.stdout == checkout.stdout != ""

    rules = installed.run("rules")
    assert rules.returncode == 0 and "EV01" in rules.stdout

    package = installed.outside / "bimtek-scorm.zip"
    scorm = installed.run("scorm", "--keluaran", str(package))
    assert scorm.returncode == 0, scorm.stderr
    with zipfile.ZipFile(package) as archive:
        assert "imsmanifest.xml" in archive.namelist()
        assert sum(n.endswith(".html") for n in archive.namelist()) >= len(MODULES)
        assert {n.rsplit("/", 1)[-1] for n in archive.namelist()} >= {"bimtek-scorm.js", "bimtek.css"}  # lms_assets

    statements = installed.run("xapi", "--keluaran", str(installed.outside / "pernyataan.jsonl"))
    assert statements.returncode == 0 and "0 pernyataan xAPI" in statements.stdout, statements.stderr
    assert (installed.outside / "pernyataan.jsonl").is_file()


def test_db_upgrade_creates_the_store_in_bimtek_data_dir(installed: Installed, tmp_path: Path):
    upgraded = installed.run("db", "upgrade", env=installed.env(BIMTEK_DATA_DIR=str(tmp_path)))
    assert upgraded.returncode == 0, upgraded.stderr
    assert (tmp_path / "bimtek.sqlite").is_file()
    assert "(terbaru)" in upgraded.stdout


def test_without_bimtek_data_dir_the_installed_store_goes_to_the_users_data_folder(installed: Installed, tmp_path):
    env = installed.env(XDG_DATA_HOME=str(tmp_path / "xdg"))
    del env["BIMTEK_DATA_DIR"]
    upgraded = installed.run("db", "upgrade", env=env)
    assert upgraded.returncode == 0, upgraded.stderr
    assert (tmp_path / "xdg" / "bimtek" / "bimtek.sqlite").is_file()
    assert not list(installed.venv.rglob("bimtek.sqlite"))  # never beside the installed package


def test_an_sdist_carries_the_same_files_so_a_wheel_built_from_it_is_complete(clone: Path, wheel: Path, tmp_path):
    """`python -m build` and a shared .tar.gz build the wheel from the sdist: MANIFEST.in must bring the content."""
    made = subprocess.run(
        [sys.executable, "-c", f"from setuptools import build_meta; print(build_meta.build_sdist({str(tmp_path)!r}))"],
        cwd=clone, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    with tarfile.open(tmp_path / made.stdout.split()[-1]) as archive:
        archive.extractall(tmp_path / "sdist", filter="data")
    (unpacked,) = (tmp_path / "sdist").iterdir()
    assert sorted(_names(build_wheel(unpacked, tmp_path / "dist"))) == sorted(_names(wheel))


def test_an_editable_install_reads_the_checkout_so_authors_edits_count(clone: Path, tmp_path: Path):
    checkout = tmp_path / "checkout"
    shutil.copytree(clone, checkout)
    python = make_venv(tmp_path / "venv")
    pip_install(python, "--editable", str(checkout))
    # An author adds a case in the checkout: the installed command's default folders see it.
    original = (checkout / "scenarios" / "dbd-ranap-tanpa-lab.yaml").read_text(encoding="utf-8")
    copy = original.replace("id: dbd-ranap-tanpa-lab", "id: dbd-ranap-salinan", 1)
    (checkout / "scenarios" / "dbd-ranap-salinan.yaml").write_text(copy, encoding="utf-8")
    done = subprocess.run(
        [str(tmp_path / "venv" / "bin" / "bimtek"), "validate"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert f"{len(SCENARIOS) + 1} skenario valid, {len(MODULES)} modul valid" in done.stdout, done.stdout + done.stderr
    where = subprocess.run(
        [str(python), "-c", "import bimtek.paths as p; print(p.CHECKOUT, p.ROOT)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert where == ["True", str(checkout)]
    assert not (checkout / "bimtek" / "_shipped").exists()


def test_a_checkout_keeps_its_own_files_and_data_folder(monkeypatch: pytest.MonkeyPatch):
    from bimtek.storage.engine import data_dir

    assert paths.CHECKOUT and paths.ROOT == ROOT
    assert paths.SCENARIO_DIR == ROOT / "scenarios" and paths.APP_SCRIPT == ROOT / "app.py"
    monkeypatch.delenv("BIMTEK_DATA_DIR")
    assert data_dir() == ROOT / "data"


@pytest.mark.browser
def test_bimtek_app_starts_the_installed_app_which_shows_its_pages(installed: Installed, tmp_path: Path):
    port = free_port()
    log = tmp_path / "app.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(installed.venv / "bin" / "bimtek"), "app", "--port", str(port), "--alamat", "127.0.0.1"],
            cwd=installed.outside, env=installed.env(), stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, server, log)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            expect(page.get_by_role("heading", name="Bimtek Klaim BPJS")).to_be_visible(timeout=60_000)
            expect(page.get_by_test_id("stMetric").filter(has_text="Studi kasus")).to_contain_text(
                str(len(SCENARIOS)), timeout=60_000
            )
            page.goto(f"{url}/periksa_klaim")  # the example batch comes from the bundled examples/
            expect(page.get_by_role("button", name="Unduh contoh berkas batch (CSV)")).to_be_visible(timeout=60_000)
            expect(page.get_by_test_id("stException")).to_have_count(0)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    text = log.read_text(encoding="utf-8")
    assert f"Data disimpan di: {installed.data / 'bimtek.sqlite'}" in text, text
    assert (installed.data / "bimtek.sqlite").is_file()  # the app created and migrated its store there


def test_bimtek_app_passes_streamlit_options_after_the_double_dash_only(capsys: pytest.CaptureFixture[str]):
    from bimtek.app_cli import streamlit_command
    from bimtek.cli import build_parser, main

    args = build_parser().parse_args(["app", "--port", "8600", "--", "--theme.base", "dark"])
    assert streamlit_command(args)[1:] == [
        "-m",
        "streamlit",
        "run",
        str(paths.APP_SCRIPT),
        "--server.port",
        "8600",
        "--theme.base",
        "dark",
    ]
    assert main(["app", "8600"]) == 2
    assert "argumen '8600' tidak dikenal; opsi Streamlit ditulis setelah '--'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["app", "--port", "99999"])
    assert stopped.value.code == 2
    assert "port '99999' tidak valid; harus bilangan 1-65535" in capsys.readouterr().err
