"""Text that came from a URL, an upload or an author, shown as text: never as markdown, HTML, a link or an image.

Streamlit renders markdown (and its own :color[...] / :material/...: directives, $LaTeX$ and bare URLs as links) in
st.markdown, st.error/warning/info/success/caption and widget labels. `md` backslash-escapes every ASCII punctuation
character that markdown, HTML or Streamlit give a meaning inside a line (CommonMark renders an escaped one literally),
so `[x](https://...)`, `![..](...)`, `<img ...>`, `**`, `$`, `:red[...]`, `https://...`, `www.host` and `a@b.c` show
up as the characters they are. Line breaks become spaces, so nothing can start a heading, list or table.
"""

from __future__ import annotations

import re

_ACTIVE = re.compile(r"([\\`*_\[\]()<>!$~|#:@&{}])|(?<=www)(\.)", re.IGNORECASE)
MAX_ECHO = 200  # characters of a foreign value echoed back in a message; the rest is cut with "…"


def md(value: object, limit: int = MAX_ECHO) -> str:
    """`value` as a markdown-inert string (cut to `limit` characters, line breaks as spaces)."""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[:limit] + "…"
    return _ACTIVE.sub(lambda match: "\\" + (match.group(1) or match.group(2)), text)
