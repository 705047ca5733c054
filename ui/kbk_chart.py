"""The KBK what-if chart: each indicator's rating bands (facts §2.2) and where the facility's value sits."""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt
import pandas as pd

from bimtek.kbk import KBK_INDICATORS
from scoring.answer_values import show_number

# Axis range per indicator: wide enough to show every band; stretched to include the value entered.
DOMAINS = {"ak": (120.0, 170.0), "rrns": (0.0, 5.0), "rppt": (0.0, 8.0)}
# Vega formats ticks the English way (2.5); Indonesian writes 2,5.
DECIMAL_COMMA_AXIS = alt.Axis(labelExpr="replace(format(datum.value, '~g'), '.', ',')")
TITLE_CHARS = 32  # a title line that fits a 390-pixel phone
RATING_COLOURS = {1: "#d9534f", 2: "#f0ad4e", 3: "#9fd27f", 4: "#3c9d4b"}


def domain(key: str, value: float) -> tuple[float, float]:
    low, high = DOMAINS[key]
    return min(low, value), max(high, value * 1.05)


def band_rows(key: str, value: float) -> list[dict[str, Any]]:
    """One row per rating band of an indicator, with its edges clipped to the chart's range."""
    low, high = domain(key, value)
    indicator = KBK_INDICATORS[key]
    return [
        {
            "rating": rating,
            "band": label,
            "x0": low if lo is None else lo,
            "x1": high if hi is None else hi,
            "mid": ((low if lo is None else lo) + (high if hi is None else hi)) / 2,
            "indikator": indicator.label,
        }
        for rating, (lo, hi, label) in sorted(indicator.bands.items())
    ]


def indicator_chart(key: str, value: float, rating: int) -> alt.LayerChart | alt.FacetChart:
    indicator = KBK_INDICATORS[key]
    low, high = domain(key, value)
    x = alt.Scale(domain=[low, high], nice=False)
    bands = pd.DataFrame(band_rows(key, value))
    colour = alt.Color(
        "rating:O",
        scale=alt.Scale(domain=list(RATING_COLOURS), range=list(RATING_COLOURS.values())),
        legend=alt.Legend(title="Rating"),
    )
    rects = (
        alt.Chart(bands)
        .mark_rect(opacity=0.55)
        .encode(
            x=alt.X("x0:Q", scale=x, title=f"{indicator.label} ({indicator.unit})", axis=DECIMAL_COMMA_AXIS),
            x2="x1:Q",
            color=colour,
            tooltip=[alt.Tooltip("rating:O", title="Rating"), alt.Tooltip("band:N", title="Rentang")],
        )
    )
    labels = alt.Chart(bands).mark_text(dy=-16, fontSize=10).encode(x=alt.X("mid:Q", scale=x), text="band:N")
    point = pd.DataFrame(
        {"nilai": [value], "teks": [f"Nilai Anda {show_number(value)}{indicator.unit} → rating {rating}"]}
    )
    rule = alt.Chart(point).mark_rule(color="black", strokeWidth=3).encode(x=alt.X("nilai:Q", scale=x))
    text = alt.Chart(point).mark_text(dy=16, fontWeight="bold").encode(x=alt.X("nilai:Q", scale=x), text="teks:N")
    direction = "makin tinggi makin baik" if indicator.higher_is_better else "makin rendah makin baik"
    # Short lines: one long line was cut off on a phone.
    lines = [*textwrap.wrap(indicator.label, TITLE_CHARS), f"bobot {indicator.weight:.0%}, {direction}"]
    title = alt.TitleParams(lines, anchor="start")
    return alt.layer(rects, labels, rule, text).properties(height=70, title=title)


def kbk_chart(values: dict[str, float], ratings: dict[str, int]) -> alt.VConcatChart:
    return alt.vconcat(*[indicator_chart(k, values[k], ratings[k]) for k in KBK_INDICATORS]).resolve_scale(
        x="independent"
    )
