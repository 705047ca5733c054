"""Build step for `pip install .`: the wheel carries the shipped content and the Streamlit app inside the package.

Authors keep editing scenarios/, modules/, examples/ and the app at the repository root; the wheel copies them into
bimtek/_shipped/ (bimtek/paths.py resolves them there when not in a checkout). The app goes inside the bimtek
package folder rather than as top-level `ui`, `views`, `scoring` packages, which would clash in site-packages;
`streamlit run bimtek/_shipped/app.py` puts that folder on sys.path, so the app's own imports work unchanged.
Everything else (name, dependencies, entry point) is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLE = Path("bimtek") / "_shipped"  # bimtek/paths.py: PACKAGE_DIR / BUNDLE_NAME
SHIPPED_TREES = ("scenarios", "modules", "examples", "migrations", "ui", "views", "scoring", ".streamlit")
SHIPPED_FILES = ("app.py",)
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo")


class BuildWithShipped(build_py):
    """build_py, then the shipped trees and files into build_lib/bimtek/_shipped/ (not for editable installs, which
    read the checkout itself)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / BUNDLE
        shutil.rmtree(target, ignore_errors=True)  # a rebuild never keeps a file the checkout no longer has
        for name in SHIPPED_TREES:
            source = HERE / name
            if not source.is_dir():
                raise SystemExit(f"setup.py: {source} is missing; the wheel would lack it")
            shutil.copytree(source, target / name, ignore=SKIP)
        for name in SHIPPED_FILES:
            shutil.copy2(HERE / name, target / name)


setup(cmdclass={"build_py": BuildWithShipped})
