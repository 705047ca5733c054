"""Shared content for the pages: the scenarios (reloaded when a file changes) and the rule order."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from bimtek import content
from bimtek.catalogue import catalogue_rows
from bimtek.content import LoadResult, Scenario, load_scenarios, parse_scenario_text
from bimtek.practice_variants import find_variant
from bimtek.storage import accounts, cohorts
from ui import identity

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


@st.cache_resource(show_spinner=False, max_entries=32)
def _parse_library(items: tuple[tuple[str, str], ...]) -> tuple[Scenario, ...]:
    """A cohort's authored scenarios; one that no longer passes the checks (e.g. after a rule change) is left out."""
    parsed = (parse_scenario_text(text, f"{scenario_id}.yaml") for scenario_id, text in items)
    return tuple(scenario for scenario, problems in parsed if scenario is not None and not problems)


def library_scenarios(cohort_id: int) -> list[Scenario]:
    return list(_parse_library(tuple(cohorts.library_scenarios(identity.store(), cohort_id))))


def case_scenarios() -> list[Scenario]:
    """The case list of this session: the shipped scenarios, then the learner's cohort library (views/penulisan.py)."""
    shipped = scenarios_result().scenarios
    learner = identity.current_learner()
    if not identity.is_stored(learner) or learner.cohort is None:
        return shipped
    info = accounts.get_learner(identity.store(), learner.id)
    if info is None or info.cohort_id is None:
        return shipped
    ids = {s.id for s in shipped}
    return [*shipped, *(s for s in library_scenarios(info.cohort_id) if s.id not in ids)]


def find_scenario(scenario_id: str | None) -> Scenario | None:
    """A case by id: shipped, the cohort's, or a generated variant (issue 11: "Coba lagi" serves one)."""
    found = next((s for s in case_scenarios() if s.id == scenario_id), None)
    return found if found is not None or not scenario_id else find_variant(scenario_id)


def rules_by_family() -> list[str]:
    """Every registered rule code, in the catalogue's order (family, then code)."""
    return [row["code"] for row in catalogue_rows()]
