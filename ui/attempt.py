"""The attempt lifecycle on the case page: which case is open, its timer, submitting, grading and retrying."""

from __future__ import annotations

import time

import streamlit as st
from pydantic import ValidationError

from bimtek.content import Scenario
from scoring.grading import Grade, grade_attempt
from ui import answer, progress, state
from ui.claim_form import Answer


def clear_form() -> None:
    for key in [k for k in st.session_state if str(k).startswith(state.FORM_PREFIX)]:
        del st.session_state[key]


def open_case(scenario_id: str) -> None:
    """Makes a case the open one; a different case starts a fresh attempt."""
    if st.session_state.get(state.OPEN_CASE) != scenario_id:
        st.session_state[state.OPEN_CASE] = scenario_id
        st.session_state.pop(state.ATTEMPT, None)


def current_attempt(scenario_id: str) -> dict[str, object]:
    """The running attempt on this case, started (timer and empty form) when the case is first shown."""
    attempt = st.session_state.get(state.ATTEMPT)
    if attempt is None or attempt["scenario"] != scenario_id:
        clear_form()
        st.session_state.pop(state.RESULT, None)
        number = len(progress.attempts(scenario_id)) + 1
        attempt = {"scenario": scenario_id, "started": time.time(), "number": number}
        st.session_state[state.ATTEMPT] = attempt
    return attempt


def retry() -> None:
    """'Coba lagi': a fresh attempt on the same case, with the form and the timer reset."""
    st.session_state.pop(state.ATTEMPT, None)
    st.session_state.pop(state.RESULT, None)
    clear_form()


def result_for(scenario_id: str) -> Grade | None:
    result = st.session_state.get(state.RESULT)
    return result["grade"] if result and result["scenario"] == scenario_id else None


def submit(scenario: Scenario, given: Answer) -> list[str]:
    """Grades and records the answer; returns the validation messages instead when the edited claim is invalid."""
    started = float(current_attempt(scenario.id)["started"])  # type: ignore[arg-type]
    try:
        submission = answer.build_submission(
            scenario, given.flagged, given.withdrawn, given.changes, seconds=time.time() - started
        )
    except ValidationError as err:
        return answer.validation_messages(err)
    grade = grade_attempt(scenario, submission)
    progress.record_attempt(scenario.id, grade, submission.corrected)
    st.session_state[state.RESULT] = {"scenario": scenario.id, "grade": grade}
    return []
