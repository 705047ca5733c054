"""Layering (DESIGN.md §2): views/ -> ui/ -> scoring/ -> bimtek/; the domain and the grader never import streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# package -> top-level packages it must never import
FORBIDDEN = {
    "bimtek": {"streamlit", "scoring", "ui", "views", "pages", "app"},
    "scoring": {"streamlit", "ui", "views", "pages", "app"},
    "ui": {"views", "app"},
}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (also inside functions), as written."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def _files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_has_python_files(package: str) -> None:
    assert _files(package), f"{package}/ has no .py files; the layering test would check nothing"


@pytest.mark.parametrize(
    "path", [p for package in FORBIDDEN for p in _files(package)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_imports_respect_the_layers(path: Path) -> None:
    package = path.relative_to(ROOT).parts[0]
    bad = sorted(m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN[package])
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}; {package}/ may not import {sorted(FORBIDDEN[package])}"


def test_the_check_sees_nested_and_from_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\ndef f():\n    import streamlit as st\n    from ui.state import KEY\n")
    assert imported_modules(sample) == {"os", "streamlit", "ui.state"}
