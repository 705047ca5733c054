"""A learner's progress (attempts, exercise results, saved work); the one seam between the pages and the store.

Every page reads and writes progress only through these functions. They read and write the store (bimtek/storage)
for current_learner(): a write is committed before it returns, and nothing is cached in the session, so a refresh,
a restart or another app process behind the same database sees the same work. A guest's first write creates a guest
profile (ui/identity.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from bimtek.claim import Claim
from bimtek.storage import cohorts
from bimtek.storage import progress as stored
from scoring.checklist import DOC_FIGURES, DOC_SIMULATION, DOC_SOP
from scoring.grading import Grade
from ui import identity, nav, state
from ui.content import find_scenario
from ui.identity import GUEST, Learner

__all__ = ["BELUM", "DICOBA", "GUEST", "STATUSES", "TUNTAS", "Learner", "current_learner"]

BELUM = "Belum dikerjakan"
DICOBA = "Sudah dicoba"
TUNTAS = "Tuntas"
STATUSES = (BELUM, DICOBA, TUNTAS)


def _reader() -> str | None:
    """The id whose work a page reads; None for a guest with nothing saved (nothing to read)."""
    learner = identity.current_learner()
    return learner.id if identity.is_stored(learner) else None


CHECKLIST_DOCUMENTS = (DOC_SIMULATION, DOC_FIGURES, DOC_SOP)  # the saved work the checklist reads


def _checklist_may_have_changed(learner_id: str) -> None:
    """Writes the learner's checklist status through to the store after a save it reads (trainers see it at once)."""
    from ui.checklist_view import refresh_status  # here: ui.checklist_view reads progress through this module

    refresh_status(learner_id)


def _review_after(note: Callable[[Any], None]) -> None:
    """Feeds the spaced review (Beranda's "Ulangan hari ini") with work just saved: missed rules, due rules reviewed."""
    from ui import review_view  # here: ui.review_view reads progress through this module

    note(review_view)


# --- identity ----------------------------------------------------------------------------------------------------


def current_learner() -> Learner:
    """The learner this session works for (GUEST until someone signs in or a guest saves work)."""
    return identity.current_learner()


# --- case-study attempts -----------------------------------------------------------------------------------------


def record_attempt(scenario_id: str, grade: Grade, corrected: Claim | None = None) -> None:
    """Keeps one graded attempt: everything the progress views, the checklist and a trainer's dashboard need."""
    record = {
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
    }
    learner_id = identity.writer().id
    stored.record_attempt(identity.store(), learner_id, record)
    _review_after(lambda review: review.note_attempt(record))
    if grade.correction_ok and grade.integrity_ok:  # tuntas: a remediation case assigned by the trainer is done
        cohorts.complete_assignments(identity.store(), learner_id, "skenario", scenario_id)
    _checklist_may_have_changed(learner_id)


def all_attempts() -> list[dict[str, Any]]:
    learner_id = _reader()
    return stored.attempts(identity.store(), learner_id) if learner_id else []


def attempts(scenario_id: str) -> list[dict[str, Any]]:
    learner_id = _reader()
    return stored.attempts(identity.store(), learner_id, scenario_id) if learner_id else []


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
    """One graded exercise item. `score` is 0..1; `details` holds what the checklist reads (see scoring/checklist).

    `answer` and `details` are stored as JSON: sets and tuples come back as lists.
    """
    record = {
        "module_id": module_id,
        "exercise_id": exercise_id,
        "item_id": item_id,
        "kind": kind,
        "score": score,
        "correct": correct,
        "answer": answer,
        "details": details or {},
    }
    learner_id = identity.writer().id
    stored.record_exercise(identity.store(), learner_id, record)
    _review_after(lambda review: review.note_exercise(module_id, item_id, correct))
    cohorts.complete_assignments(identity.store(), learner_id, "modul", module_id)  # worked the assigned module
    _checklist_may_have_changed(learner_id)


def exercise_results(module_id: str | None = None) -> list[dict[str, Any]]:
    learner_id = _reader()
    return stored.exercise_results(identity.store(), learner_id, module_id) if learner_id else []


def seen_items(module_id: str) -> set[str]:
    """Item ids this learner has already been shown in a module's exercises (a retry draws unseen ones first)."""
    return {r["item_id"] for r in exercise_results(module_id)}


# --- saved work (simulated month, facility figures, SOP, ...) ---------------------------------------------------


def save_document(kind: str, data: dict[str, Any]) -> None:
    """Saves the learner's latest version of one piece of work, e.g. kind 'sop' or 'simulasi_bulan'.

    `data` must be JSON-serialisable (sets and tuples come back as lists); every version is kept as history.
    """
    learner_id = identity.writer().id
    stored.save_document(identity.store(), learner_id, kind, data)
    if kind in CHECKLIST_DOCUMENTS:
        _checklist_may_have_changed(learner_id)


def load_document(kind: str) -> dict[str, Any] | None:
    learner_id = _reader()
    return stored.load_document(identity.store(), learner_id, kind) if learner_id else None


# --- where the learner left off (Beranda's "Lanjutkan") -----------------------------------------------------------


def note_place(page: str, label: str, query: dict[str, str] | None = None) -> None:
    """Remembers the page a signed-in learner is on, for "Lanjutkan" on the home page (only when it changed)."""
    place = {"page": page, "label": label, "query": dict(query or {})}
    learner_id = _reader()
    if learner_id is None or st.session_state.get(state.PLACE) == place:
        return
    stored.note_place(identity.store(), learner_id, place)
    st.session_state[state.PLACE] = place


def last_place() -> dict[str, Any] | None:
    """{"page", "label", "query"}: the place noted last, else the case of the last attempt; None for a newcomer."""
    learner_id = _reader()
    if learner_id is None:
        return None
    place = stored.last_place(identity.store(), learner_id)
    if place is not None and place.get("page") in nav.PAGES:
        return place
    done = stored.attempts(identity.store(), learner_id)
    scenario = find_scenario(done[-1]["scenario_id"]) if done else None
    if scenario is None:
        return None
    return {"page": nav.KASUS, "label": scenario.judul, "query": {"kasus": scenario.id}}
