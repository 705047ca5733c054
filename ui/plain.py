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


def md(value: object, limit: int | None = MAX_ECHO) -> str:
    """`value` as a markdown-inert string (cut to `limit` characters, line breaks as spaces)."""
    text = " ".join(str(value).split())
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return _ACTIVE.sub(lambda match: "\\" + (match.group(1) or match.group(2)), text)


# --- authored content (scenarios, modules): markdown stays, but nothing reaches outside the app ----------------------
# An absolute URL (any scheme: http, https, data, javascript, mailto...) or a protocol-relative one (//host).
_ABSOLUTE = re.compile(r"\s*<?\s*(?:[a-z][a-z0-9+.\-]*:|//)", re.IGNORECASE)
_OUTSIDE = re.compile(
    r"""(?P<link>!?\[(?:[^\]\\\n]|\\.){0,500}\]\((?P<target>[^)\n]{0,2000})\))"""  # [text](url), ![alt](url)
    r"""|(?P<html><\s*/?\s*(?:img|a|iframe|script|link|video|audio|source|embed|object|svg|image|form|meta|style|base)"""
    r"""\b[^>\n]{0,2000}>?)"""  # HTML that loads or links something
    r"""|(?P<auto><[a-z][a-z0-9+.\-]*:[^\s<>]{1,2000}>)"""  # <https://host/...>
    r"""|(?P<bare>(?<![\w/\\@])(?:(?:https?|ftp)://|www\.)[^\s<>()\[\]]{1,2000})"""  # bare URLs (autolinked)
    r"""|(?P<ref>^[ ]{0,3}\[[^\]\n]{1,500}\]:[ \t]*\S+)""",  # [ref]: url
    re.IGNORECASE | re.MULTILINE,
)


def _reaches_outside(match: re.Match[str]) -> bool:
    return match.group("link") is None or bool(_ABSOLUTE.match(match.group("target")))


def remote_refs(text: str) -> list[str]:
    """The pieces of authored markdown that load something from, or link to, outside the app (remote images, links
    to other hosts, HTML tags, bare URLs), in order and without repeats: what the authoring preview warns about."""
    found = [m.group(0).strip() for m in _OUTSIDE.finditer(str(text)) if _reaches_outside(m)]
    return list(dict.fromkeys(found))


def authored(text: str) -> str:
    """Authored markdown for trainees: formatting and relative links stay; every remote image, outside link, HTML tag
    and bare URL is shown as its literal text (inert), never loaded or clickable."""
    return _OUTSIDE.sub(lambda m: md(m.group(0), limit=None) if _reaches_outside(m) else m.group(0), str(text))
