"""The trainee's answer form on the case page: defects flagged, the claim edited, evidence ticked, or withdrawn."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from bimtek.content import Scenario
from scoring.findings import TraineeFinding
from ui import state
from ui.findings_form import render_findings
from ui.form_berkas import evidence_fields, pengajuan_fields, prolanis_fields
from ui.form_kunjungan import KEEP, kunjungan_fields, treatment_fields


@dataclass(frozen=True)
class Answer:
    findings: tuple[TraineeFinding, ...]
    withdrawn: bool
    changes: dict[str, Any]
    problems: tuple[str, ...] = ()  # half-filled findings: named to the trainee, nothing is graded


def render_answer_form(scenario: Scenario) -> Answer | None:
    """The form; returns the answer in the run where the trainee submits it, otherwise None."""
    # Not an st.form: form input only reaches the server on submit, so a look at the Katalog mid-case would lose it.
    with st.container(key=state.FORM, border=True):
        st.subheader("1. Cacat yang Anda temukan")
        findings, problems = render_findings(scenario)
        st.subheader("2. Perbaiki klaim")
        st.caption("Ubah isian seperlunya. Bukti hanya dapat dilampirkan dari klaim atau berkas kasus.")
        changes: dict[str, Any] = {}
        with st.container(border=True):
            changes |= kunjungan_fields(scenario)
            changes |= treatment_fields(scenario)
        with st.container(border=True):
            changes |= evidence_fields(scenario)
            changes |= prolanis_fields(scenario)
        with st.container(border=True):
            changes |= pengajuan_fields(scenario)
        st.subheader("3. Keputusan")
        withdrawn = st.checkbox(
            "Klaim ini tidak dapat diperbaiki — tidak diajukan", key=state.WITHDRAW, persist_state=KEEP
        )
        submitted = st.button("Kirim jawaban", type="primary", key=state.SUBMIT)
    if not submitted:
        return None
    return Answer(tuple(findings), bool(withdrawn), changes, tuple(problems))
