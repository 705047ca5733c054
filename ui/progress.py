"""A trainee's progress on the case studies; kept in the session for now, behind these functions so a store can replace it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from scoring.grading import Grade
from ui import state

BELUM = "Belum dikerjakan"
DICOBA = "Sudah dicoba"
TUNTAS = "Tuntas"
STATUSES = (BELUM, DICOBA, TUNTAS)


def _records() -> dict[str, list[dict[str, Any]]]:
    return st.session_state.setdefault(state.PROGRESS, {})


def record_attempt(scenario_id: str, grade: Grade) -> None:
    """Keeps what the progress views need from one graded attempt."""
    _records().setdefault(scenario_id, []).append(
        {
            "score": grade.score,
            "correction_ok": grade.correction_ok,
            "integrity_ok": grade.integrity_ok,
            "seconds": grade.seconds,
        }
    )


def attempts(scenario_id: str) -> list[dict[str, Any]]:
    return list(_records().get(scenario_id, []))


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
