"""A learner's progress (attempts, exercise results, saved work); the one seam between the pages and the store.

Every page reads and writes progress only through these functions. The session-state implementation below is the
first one; the store (bimtek/storage, issue 4) replaces the bodies and keeps the signatures and record shapes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import streamlit as st

from bimtek.claim import Claim
from scoring.grading import Grade
from ui import state

BELUM = "Belum dikerjakan"
DICOBA = "Sudah dicoba"
TUNTAS = "Tuntas"
STATUSES = (BELUM, DICOBA, TUNTAS)


@dataclass(frozen=True)
class Learner:
    id: str
    name: str
    cohort: str | None = None


GUEST = Learner(id="tamu", name="Tamu")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _bucket(name: str) -> Any:
    store = st.session_state.setdefault(state.PROGRESS, {})
    return store.setdefault(name, {} if name == "documents" else [])


# --- identity ----------------------------------------------------------------------------------------------------


def current_learner() -> Learner:
    """The learner this session works for (a guest until the store knows who they are)."""
    return st.session_state.get(state.LEARNER, GUEST)


# --- case-study attempts -----------------------------------------------------------------------------------------


def record_attempt(scenario_id: str, grade: Grade, corrected: Claim | None = None) -> None:
    """Keeps one graded attempt: everything the progress views, the checklist and a trainer's dashboard need."""
    _bucket("attempts").append(
        {
            "scenario_id": scenario_id,
            "score": grade.score,
            "points": dict(grade.points),
            "correction_ok": grade.correction_ok,
            "integrity_ok": grade.integrity_ok,
            "withdrawn": grade.withdrawn,
            "flagged": sorted(grade.flagged),
            "found": sorted(grade.found),
            "missed": sorted(grade.missed),
            "false_alarms": sorted(grade.false_alarms),
            "remaining": [f.rule for f in grade.after.findings] if grade.after is not None else [],
            "status_after": grade.after.status if grade.after is not None else None,
            "seconds": grade.seconds,
            "corrected": corrected.model_dump(mode="json") if corrected is not None else None,
            "created_at": _now(),
        }
    )


def all_attempts() -> list[dict[str, Any]]:
    return list(_bucket("attempts"))


def attempts(scenario_id: str) -> list[dict[str, Any]]:
    return [a for a in _bucket("attempts") if a["scenario_id"] == scenario_id]


def case_status(scenario_id: str) -> str:
    """Tuntas = at least one attempt with a correct correction and no fabrication."""
    done = attempts(scenario_id)
    if not done:
        return BELUM
    if any(a["correction_ok"] and a["integrity_ok"] for a in done):
        return TUNTAS
    return DICOBA


def best_score(scenario_id: str) -> int | None:
    done = attempts(scenario_id)
    return max(a["score"] for a in done) if done else None


# --- module exercises ---------------------------------------------------------------------------------------------


def record_exercise(
    module_id: str,
    exercise_id: str,
    item_id: str,
    kind: str,
    score: float,
    correct: bool,
    answer: Any,
    details: dict[str, Any] | None = None,
) -> None:
    """One graded exercise item. `score` is 0..1; `details` holds what the checklist reads (see scoring/checklist)."""
    _bucket("exercises").append(
        {
            "module_id": module_id,
            "exercise_id": exercise_id,
            "item_id": item_id,
            "kind": kind,
            "score": score,
            "correct": correct,
            "answer": answer,
            "details": details or {},
            "created_at": _now(),
        }
    )


def exercise_results(module_id: str | None = None) -> list[dict[str, Any]]:
    rows = _bucket("exercises")
    return [r for r in rows if module_id is None or r["module_id"] == module_id]


def seen_items(module_id: str) -> set[str]:
    """Item ids this learner has already been shown in a module's exercises (a retry draws unseen ones first)."""
    return {r["item_id"] for r in exercise_results(module_id)}


# --- saved work (simulated month, facility figures, SOP, ...) ---------------------------------------------------


def save_document(kind: str, data: dict[str, Any]) -> None:
    """Saves the learner's latest version of one piece of work, e.g. kind 'sop' or 'simulasi_bulan'."""
    _bucket("documents")[kind] = {"data": data, "updated_at": _now()}


def load_document(kind: str) -> dict[str, Any] | None:
    saved = _bucket("documents").get(kind)
    return None if saved is None else saved["data"]
