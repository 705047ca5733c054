"""The KBK what-if charts: each indicator's rating bands (facts §2.2) and where the facility's value sits.

One chart per indicator, each as wide as its container (a phone's 390 pixels or a projector's page): a fixed-width
concatenation was clipped on a phone. A band shows only its rating number (a narrow band had no room for its range,
and neighbouring ranges overlapped on a laptop too); the ranges are in the legend below the chart, and the value
entered is a line in the title, where it is never cut at the chart's edge.
"""

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
DECIMAL_COMMA_AXIS = alt.Axis(labelExpr="replace(format(datum.value, '~g'), '.', ',')", tickCount=5)
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
            "legenda": f"{rating}: {label}",
            "x0": low if lo is None else lo,
            "x1": high if hi is None else hi,
            "mid": ((low if lo is None else lo) + (high if hi is None else hi)) / 2,
            "indikator": indicator.label,
        }
        for rating, (lo, hi, label) in sorted(indicator.bands.items())
    ]


def title_lines(key: str, value: float, rating: int) -> list[str]:
    """The chart's title: the indicator (wrapped to a phone's width), its weight and direction, the value entered."""
    indicator = KBK_INDICATORS[key]
    direction = "makin tinggi makin baik" if indicator.higher_is_better else "makin rendah makin baik"
    return [
        *textwrap.wrap(indicator.label, TITLE_CHARS),
        f"bobot {indicator.weight:.0%}, {direction}",
        f"Nilai Anda {show_number(value)}{indicator.unit} → rating {rating}",
    ]


def indicator_chart(key: str, value: float, rating: int) -> alt.LayerChart | alt.FacetChart:
    indicator = KBK_INDICATORS[key]
    low, high = domain(key, value)
    x = alt.Scale(domain=[low, high], nice=False)
    rows = band_rows(key, value)
    bands = pd.DataFrame(rows)
    colour = alt.Color(
        "legenda:N",
        scale=alt.Scale(domain=[r["legenda"] for r in rows], range=[RATING_COLOURS[r["rating"]] for r in rows]),
        legend=alt.Legend(title="Rating: rentang", orient="bottom", direction="horizontal", columns=2),
    )
    rects = (
        alt.Chart(bands)
        .mark_rect(opacity=0.55)
        .encode(
            x=alt.X("x0:Q", scale=x, title=f"{indicator.label.split('(')[-1].rstrip(')')} ({indicator.unit})",
                    axis=DECIMAL_COMMA_AXIS),
            x2="x1:Q",
            color=colour,
            tooltip=[alt.Tooltip("rating:O", title="Rating"), alt.Tooltip("band:N", title="Rentang")],
        )
    )  # fmt: skip
    labels = (
        alt.Chart(bands).mark_text(fontSize=12, fontWeight="bold").encode(x=alt.X("mid:Q", scale=x), text="rating:N")
    )
    point = pd.DataFrame({"nilai": [value]})
    rule = alt.Chart(point).mark_rule(color="black", strokeWidth=3).encode(x=alt.X("nilai:Q", scale=x))
    title = alt.TitleParams(title_lines(key, value, rating), anchor="start", fontSize=13)
    # fit-x: the width fits the container, the height grows with the title and legend (plain "fit" squeezed them).
    autosize = alt.AutoSizeParams(type="fit-x", contains="padding")
    return alt.layer(rects, labels, rule).properties(width="container", height=44, title=title, autosize=autosize)


def kbk_charts(values: dict[str, float], ratings: dict[str, int]) -> list[alt.LayerChart | alt.FacetChart]:
    """One chart per indicator, in the panel's order."""
    return [indicator_chart(k, values[k], ratings[k]) for k in KBK_INDICATORS]
