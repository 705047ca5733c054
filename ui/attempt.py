"""The attempt lifecycle on the case page: which case is open, its timer, submitting, grading and retrying."""

from __future__ import annotations

import time
import zlib

import streamlit as st
from pydantic import ValidationError

from bimtek import practice_variants
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


def _fresh() -> None:
    st.session_state.pop(state.ATTEMPT, None)
    st.session_state.pop(state.RESULT, None)
    clear_form()


def retry(scenario: Scenario) -> None:
    """'Coba lagi' after the key was shown: a new case, a generated variant of the same skill (issue 11), with the
    form and the timer reset. Only when no variant can be made is the same case reopened, and the trainee told it
    is practice that the checklist does not count."""
    done = progress.all_attempts()
    worked = {str(a["scenario_id"]) for a in done}
    # per learner and retry: trainees side by side in a room get different variants, a refresh the same one
    seed = zlib.crc32(f"{progress.current_learner().id}:{len(done)}".encode()) % 10_000
    variant = practice_variants.next_variant(scenario, avoid=worked, seed=seed)
    _fresh()
    if variant is None:
        st.session_state[state.RETRY_NOTE] = (
            "Belum ada varian untuk keterampilan kasus ini, jadi kasus yang sama dibuka lagi. Karena kunci "
            "jawabannya sudah Anda lihat, percobaan ini latihan dan tidak dihitung di checklist."
        )
        return
    st.session_state[state.OPEN_CASE] = variant.id
    st.query_params[state.CASE_QUERY] = variant.id
    what = (
        "varian dari keterampilan yang sama"
        if practice_variants.same_skill(scenario, variant)
        else "varian latihan (belum ada varian untuk aturan kasus sebelumnya)"
    )
    st.session_state[state.RETRY_NOTE] = (
        f"Kasus baru: {what}. Kunci jawaban kasus sebelumnya sudah Anda lihat; percobaan pertama pada kasus baru "
        "ini dihitung di checklist."
    )


def result_for(scenario_id: str) -> Grade | None:
    result = st.session_state.get(state.RESULT)
    return result["grade"] if result and result["scenario"] == scenario_id else None


def submit(scenario: Scenario, given: Answer) -> list[str]:
    """Grades and records the answer; returns the validation messages instead when the edited claim is invalid."""
    started = float(current_attempt(scenario.id)["started"])  # type: ignore[arg-type]
    if given.problems:
        return list(given.problems)
    try:
        submission = answer.build_submission(
            scenario, given.findings, given.withdrawn, given.changes, seconds=time.time() - started
        )
    except ValidationError as err:
        return answer.validation_messages(err)
    grade = grade_attempt(scenario, submission)
    progress.record_attempt(scenario.id, grade, submission.corrected)
    st.session_state[state.RESULT] = {"scenario": scenario.id, "grade": grade}
    return []
