"""Remediation on the trainer's dashboard: a heatmap cell (or the rule list) -> a module or case for who missed the rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from bimtek.content import MODULES
from bimtek.errors import BimtekError
from bimtek.storage import cohorts
from bimtek.storage.accounts import CohortInfo, TrainerInfo
from scoring.dashboard import Dashboard
from scoring.remediation import choose_from_cell, modules_for, ordered_targets, scenarios_for
from ui import identity, plain, state
from ui.content import scenarios_result
from ui.module_view import modules_result

KIND_LABELS = {"modul": "Modul", "skenario": "Studi kasus"}
CELL_PARAM = "sel"  # the heatmap's point-selection parameter


def on_cell(unresolved: Mapping[str, Sequence[str]]) -> None:
    """The heatmap's on_select: the clicked cell picks the rule (and trainee) of the form below."""
    event: Any = st.session_state.get(state.HEATMAP)
    try:
        selection = event["selection"][CELL_PARAM]
    except (KeyError, TypeError):
        return
    choice = choose_from_cell(selection, unresolved)
    if choice is None:
        return
    st.session_state[state.REMEDY_RULE] = choice.rule
    st.session_state[state.REMEDY_FOCUS] = choice.learner_id
    st.session_state[state.REMEDY_ONLY] = False
    st.session_state.pop(state.REMEDY_TARGET, None)  # the new rule's suggestion becomes the default
    st.session_state[state.REMEDY_FROM_CELL] = True


def _rule_changed() -> None:
    st.session_state.pop(state.REMEDY_FOCUS, None)
    st.session_state.pop(state.REMEDY_TARGET, None)


def _kind_changed() -> None:
    st.session_state.pop(state.REMEDY_TARGET, None)


def targets(kind: str, rule: str) -> dict[str, str]:
    """Target id -> label, the ones that train the rule first and marked (the first is the form's default)."""
    if kind == "modul":
        modules = sorted(modules_result().modules, key=lambda m: (m.urutan, m.id))
        labels = {m.id: m.judul for m in modules} or dict(MODULES)
        suggested = modules_for(rule, modules, labels)
    else:
        scenarios = scenarios_result().scenarios
        suggested = scenarios_for(rule, scenarios)
        labels = {s.id: s.judul for s in scenarios}
    mark = f" (disarankan: melatih {rule})"
    return {t: labels[t] + (mark if t in suggested else "") for t in ordered_targets(labels, suggested)}


def assign(cohort: CohortInfo, trainer: TrainerInfo, learner_ids: list[str]) -> None:
    kind = str(st.session_state.get(state.REMEDY_KIND))
    rule = str(st.session_state.get(state.REMEDY_RULE))
    target = str(st.session_state.get(state.REMEDY_TARGET) or "")
    try:
        new = cohorts.assign(identity.store(), cohort.id, learner_ids, kind, target, trainer.id, rule_code=rule)
    except BimtekError as err:
        st.session_state[state.REMEDY_ASSIGN + "_pesan"] = ("error", str(err))
        return
    again = len(learner_ids) - len(new)
    note = f" ({again} peserta sudah punya tugas yang sama)" if again else ""
    st.session_state[state.REMEDY_ASSIGN + "_pesan"] = ("success", f"Tugas diberikan kepada {len(new)} peserta{note}.")


def _form(cohort: CohortInfo, trainer: TrainerInfo, board: Dashboard, names: dict[str, str], rules: list[str]) -> None:
    if st.session_state.get(state.REMEDY_RULE) not in rules:
        st.session_state.pop(state.REMEDY_RULE, None)
    st.caption("Klik sel pada peta kesalahan untuk memilih aturannya di sini, atau pilih dari daftar.")
    rule = st.selectbox(
        "Aturan pada peta kesalahan",
        rules,
        key=state.REMEDY_RULE,
        format_func=lambda r: f"{r} · {len(board.unresolved[r])} peserta belum menguasai",
        on_change=_rule_changed,
    )
    who = list(board.unresolved[rule])
    st.caption("Belum menguasai: " + ", ".join(plain.md(names[i]) for i in who))
    focus = st.session_state.get(state.REMEDY_FOCUS)
    if focus in who and st.checkbox(f"Hanya {plain.md(names[focus])} (sel yang diklik)", key=state.REMEDY_ONLY):
        who = [focus]
    kind = st.radio(
        "Jenis tugas",
        list(KIND_LABELS),
        key=state.REMEDY_KIND,
        format_func=lambda k: KIND_LABELS[k],
        horizontal=True,
        on_change=_kind_changed,
    )
    options = targets(kind or "modul", rule)
    st.selectbox("Tugas", list(options), key=state.REMEDY_TARGET, format_func=lambda t: options[t])
    st.button("Tugaskan ke yang belum menguasai", key=state.REMEDY_ASSIGN, on_click=assign, args=(cohort, trainer, who))


def render_remediation(cohort: CohortInfo, trainer: TrainerInfo, board: Dashboard, names: dict[str, str]) -> None:
    """From the heatmap: pick a rule, then assign a module or a case to the trainees who have not mastered it."""
    st.subheader("Tugas remedial")
    rules = [rule for rule in board.rules if board.unresolved.get(rule)]
    if not rules:
        st.caption("Belum ada aturan yang belum dikuasai peserta.")
    else:
        _form(cohort, trainer, board, names, rules)
    message: Any = st.session_state.pop(state.REMEDY_ASSIGN + "_pesan", None)
    if message:
        getattr(st, message[0])(message[1])
    given = cohorts.cohort_assignments(identity.store(), cohort.id)
    if given:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Peserta": names.get(a.learner_id, "?"),
                        "Jenis": KIND_LABELS.get(a.kind, a.kind),
                        "Tugas": a.target,
                        "Aturan": a.rule_code or "",
                        "Selesai": "ya" if a.done_at else "belum",
                    }
                    for a in given
                ]
            ),
            hide_index=True,
            width="stretch",
        )
