"""Streamlit-dependent helpers for the pages: session-state keys, rendering of claims, forms and verdicts."""
