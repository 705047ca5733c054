"""Bytes for download buttons, built once per session and content, and always handed to Streamlit eagerly.

A lazy download (``data=callable``) stores its result unmapped to any session, and Streamlit's cleanup after any
script run in any session (a trainee's rerun, the dashboard's timed refresh) marks and then deletes it; on a busy
workshop server the browser's request for the file could arrive after that and the download silently failed.
Eager bytes are mapped to the page that shows the button and live as long as it does. Building them once per
content keeps reruns cheap.
"""

import hashlib
from collections.abc import Callable

import streamlit as st

_MEMO = "_unduhan_siap"


def prepared(name: str, content: object, build: Callable[[], bytes]) -> bytes:
    """The bytes `build` makes for `content`, rebuilt only when `content` (compared by its repr) changes."""
    digest = hashlib.sha256(repr(content).encode("utf-8", "surrogatepass")).hexdigest()
    memo: dict[str, tuple[str, bytes]] = st.session_state.setdefault(_MEMO, {})
    hit = memo.get(name)
    if hit is not None and hit[0] == digest:
        return hit[1]
    data = build()
    memo[name] = (digest, data)
    return data
