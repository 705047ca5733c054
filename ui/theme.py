"""The app's small stylesheet: P-Care-like panels for a claim (green header bar, label/value rows)."""

from __future__ import annotations

import functools

import streamlit as st
from PIL import Image, ImageDraw

_CSS = """
<style>
.pcare { border: 1px solid #b9d3c3; border-radius: 4px; margin-bottom: 0.8rem; background: #fff; }
.pcare-head { background: #0b7a3e; color: #fff; font-weight: 600; padding: 0.3rem 0.6rem; font-size: 0.95rem; }
.pcare table { width: 100%; border-collapse: collapse; margin: 0; font-size: 0.9rem; color: #1d2a22; }
.pcare td, .pcare th { border: none; border-bottom: 1px solid #e6eee9; padding: 0.25rem 0.6rem; vertical-align: top; }
.pcare th { background: #f1f7f3; text-align: left; font-weight: 600; }
.pcare td.k { width: 38%; color: #4a5a50; background: #f7faf8; }
.pcare .empty { color: #8a958e; font-style: italic; }
@media (max-width: 640px) {
  h1 { font-size: 1.7rem !important; }
  .pcare td.k { width: 42%; }
}
</style>
"""


# Every page: a table written in markdown or with st.table scrolls sideways inside its own box on a phone, instead of
# making the whole page wider than the screen (issue 13).
_GLOBAL_CSS = """
<style>
[data-testid="stMarkdownContainer"] table { display: block; overflow-x: auto; max-width: 100%; }
[data-testid="stTable"] { overflow-x: auto; max-width: 100%; }
</style>
"""


def inject_css() -> None:
    st.html(_CSS)


def inject_global_css() -> None:
    st.html(_GLOBAL_CSS)


@functools.cache
def favicon() -> Image.Image:
    """The tab's icon, drawn here: a white cross on the panels' green. A material icon as page_icon would make every
    browser fetch its picture from fonts.gstatic.com, which a room without internet cannot reach."""
    size, green = 64, "#0b7a3e"
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=12, fill=green)
    arm, reach = 9, 22  # half the cross's thickness and length
    middle = size // 2
    draw.rectangle((middle - arm, middle - reach, middle + arm - 1, middle + reach - 1), fill="white")
    draw.rectangle((middle - reach, middle - arm, middle + reach - 1, middle + arm - 1), fill="white")
    return image
