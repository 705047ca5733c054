"""The store (DESIGN.md §5): SQLAlchemy over SQLite by default or PostgreSQL by DATABASE_URL; the only place with SQL.

store.get_store() is the process's Store for the environment; accounts holds learners, cohorts and trainers,
progress a learner's work, migrate the schema. Nothing here imports streamlit: pages reach the store through
ui/progress.py and ui/identity.py. This file imports nothing, so `python -m bimtek` starts without SQLAlchemy.
"""
