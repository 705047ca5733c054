"""Kelas Saya (trainers only): create a cohort, list the trainer's cohorts, put a join code and QR on the projector."""

import streamlit as st

from ui import roles, trainer_view

st.title("Kelas Saya")
trainer = roles.require_trainer()
st.caption(f"Narasumber: {trainer.username}")
trainer_view.render_create(trainer)
trainer_view.render_cohorts(trainer)
