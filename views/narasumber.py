"""Kelas Saya (trainers only): create a cohort, list the trainer's cohorts, put a join code and QR on the projector,
and look after the shown cohort's trainee accounts (PIN reset, unlock, audit log)."""

import streamlit as st

from ui import accounts_view, roles, trainer_view

st.title("Kelas Saya")
trainer = roles.require_trainer()
st.caption(f"Narasumber: {trainer.username}")
trainer_view.render_create(trainer)
shown = trainer_view.render_cohorts(trainer)
if shown is not None:
    st.divider()
    accounts_view.render_accounts(trainer, shown)
