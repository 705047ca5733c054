"""Remediation choices on the trainer's dashboard: a heatmap cell -> rule and trainee; a rule -> suggested module/case.

Pure: the chart's selection event, the rules on offer and the content go in as plain values; nothing reads a store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

RULE_FIELD = "Aturan"  # the heatmap's rule column (the chart's y axis)
LEARNER_FIELD = "learner_id"  # the heatmap's hidden trainee id column (names can repeat; ids cannot)


@dataclass(frozen=True)
class CellChoice:
    rule: str
    learner_id: str | None  # the clicked trainee, when that trainee has not mastered the rule; else None


def choose_from_cell(selection: Any, unresolved: Mapping[str, Sequence[str]]) -> CellChoice | None:
    """The rule (and trainee) of the clicked heatmap cell, when that rule can be remediated; else None.

    `selection` is one point-selection parameter of Streamlit's chart event: a list of {field: value} dicts
    (the last one is the latest click). An empty, unknown-shaped or already-resolved selection gives None.
    """
    if not isinstance(selection, Sequence) or isinstance(selection, str) or not selection:
        return None
    point = selection[-1]
    if not isinstance(point, Mapping):
        return None
    rule = str(point.get(RULE_FIELD) or "")
    who = unresolved.get(rule)
    if not who:
        return None
    learner = point.get(LEARNER_FIELD)
    return CellChoice(rule, str(learner) if learner is not None and str(learner) in who else None)


def modules_for(rule: str, modules: Sequence[Any], known: Mapping[str, str]) -> list[str]:
    """Ids of the modules whose `aturan` lists the rule (and that can be assigned: in `known`), in module order."""
    return [m.id for m in modules if rule in getattr(m, "aturan", ()) and m.id in known]


def scenarios_for(rule: str, scenarios: Sequence[Any]) -> list[str]:
    """Ids of the cases whose answer key (kunci.cacat) names the rule; single-defect cases first."""
    hits = [s for s in scenarios if rule in s.kunci.cacat]
    return [s.id for s in sorted(hits, key=lambda s: len(s.kunci.cacat))]


def ordered_targets(candidates: Mapping[str, str], suggested: Sequence[str]) -> list[str]:
    """Target ids with the suggested ones first (so the form's default is the best fit), then the rest as given."""
    first = [t for t in suggested if t in candidates]
    return [*first, *(t for t in candidates if t not in first)]
