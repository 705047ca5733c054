"""AppTest helpers for the UI tests: run the app, switch pages, collect what a trainee can read."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def run_page(page: str, session: dict | None = None, query: dict | None = None) -> AppTest:
    """The app opened on one page (path relative to app.py), with optional session state and query params."""
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.run()
    at.switch_page(page)
    at.query_params.update(query or {})
    return at.run()


def problems(at: AppTest) -> list[str]:
    return [e.message for e in at.exception]


def page_texts(at: AppTest) -> list[str]:
    """Every text element and label on the page a trainee reads (not widget option lists)."""
    texts: list[str] = []
    for kind in ("markdown", "caption", "text", "info", "warning", "error", "success", "title", "header", "subheader"):
        texts += [str(el.value) for el in getattr(at, kind)]
    texts += [f"{m.label} {m.value}" for m in at.metric]
    texts += [e.label for e in at.expander]
    for kind in ("checkbox", "text_input", "text_area", "selectbox", "multiselect", "number_input", "button"):
        texts += [str(w.label) for w in getattr(at, kind)]
    texts += [str(w.value) for w in at.text_input] + [str(w.value) for w in at.text_area]
    return texts


@pytest.fixture
def assert_ok():
    def check(at: AppTest) -> AppTest:
        assert not at.exception, problems(at)
        return at

    return check


def point_at(at: AppTest, fields: list[str], kategori: str, row: int = 0, note: str = "") -> None:
    """Fills one finding of the answer form: the claim field(s) at fault and the kind of problem (issue 11)."""
    from ui import state

    at.multiselect(key=f"{state.FINDING_FIELDS_PREFIX}{row}").set_value(fields)
    at.selectbox(key=f"{state.FINDING_CATEGORY_PREFIX}{row}").set_value(kategori)
    if note:
        at.text_input(key=f"{state.FINDING_NOTE_PREFIX}{row}").input(note)
