"""A trainee's remediation tasks from their trainer, on Beranda: open ones with a link, done ones ticked."""

from __future__ import annotations

import streamlit as st

from bimtek.content import MODULES
from bimtek.storage import cohorts
from ui import identity, nav
from ui.content import find_scenario
from ui.module_view import QUERY_KEY as MODULE_QUERY


def render_assignments() -> None:
    learner = identity.current_learner()
    if not identity.is_stored(learner) or not learner.cohort:
        return
    tasks = cohorts.assignments_for(identity.store(), learner.id)
    if not tasks:
        return
    st.subheader("Tugas dari narasumber")
    for task in tasks:
        why = f" (untuk aturan {task.rule_code})" if task.rule_code else ""
        if task.kind == "modul":
            label = f"Modul: {MODULES.get(task.target, task.target)}{why}"
            page, query = nav.MODUL, {MODULE_QUERY: task.target}
        else:
            scenario = find_scenario(task.target)
            label = f"Studi kasus: {scenario.judul if scenario else task.target}{why}"
            page, query = nav.KASUS, {"kasus": task.target}
        if task.done_at is not None:
            st.markdown(f":material/check_circle: ~~{label}~~ — selesai")
        else:
            st.page_link(page, label=label, icon=":material/assignment_late:", query_params=query)
