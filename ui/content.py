"""Shared content for the pages: the scenarios (reloaded when a file changes) and the rule order."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from bimtek import content
from bimtek.catalogue import catalogue_rows
from bimtek.content import LoadResult, Scenario, load_scenarios

SCENARIO_DIR: Path = content.SCENARIO_DIR  # read at call time, so a test can point the app at other content


def _signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    files = sorted(directory.glob("*.yaml"))
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(directory: Path, signature: tuple[tuple[str, int, int], ...]) -> LoadResult:
    return load_scenarios(directory)


def scenarios_result() -> LoadResult:
    """Scenarios and content problems; a trainer's edit to a YAML file shows on the next rerun."""
    return _load(SCENARIO_DIR, _signature(SCENARIO_DIR))


def find_scenario(scenario_id: str | None) -> Scenario | None:
    return next((s for s in scenarios_result().scenarios if s.id == scenario_id), None)


def rules_by_family() -> list[str]:
    """Every registered rule code, in the catalogue's order (family, then code)."""
    return [row["code"] for row in catalogue_rows()]
