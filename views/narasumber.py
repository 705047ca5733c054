"""Kelas Saya (trainers only): create a cohort, list the trainer's cohorts, put a join code and QR on the projector,
and look after the shown cohort's trainee accounts (PIN reset, unlock, audit log)."""

import streamlit as st

from ui import accounts_view, roles, trainer_view

st.title("Kelas Saya")
trainer = roles.require_trainer()
current = trainer_view.shown_cohort(trainer)  # a form's callback has already run: a new cohort is shown at once
if current is not None:
    trainer_view.render_projector(current)  # first, so the join code is on the projector without scrolling
    st.divider()
trainer_view.render_create(trainer, first=current is None)
trainer_view.render_cohorts(trainer, current)
st.caption(f"Narasumber: {trainer.username}")
if current is not None:
    st.divider()
    accounts_view.render_accounts(trainer, current)
