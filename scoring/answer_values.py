"""How trainees type numbers, dates and codes, and how values are shown back to them (Indonesian conventions)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bimtek.fmt import rupiah, tanggal
from bimtek.reference import load_reference

ICD10_SHAPE = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_number(text: Any) -> float | None:
    """'Rp99.500.000' -> 99500000; '2,5' -> 2.5; '12.5' -> 12.5; None when it is not a number."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return float(text)
    raw = str(text).strip().lower().replace("rp", "").replace(" ", "").replace("%", "").rstrip(",-")
    if not raw:
        return None
    if "," in raw and "." in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif "," in raw:
        raw = raw.replace(",", ".")
    elif _THOUSANDS.match(raw):
        raw = raw.replace(".", "")
    try:
        return float(raw)
    except ValueError:
        return None


def parse_date(value: Any) -> dt.date | None:
    """A date, or text as 2024-05-10, 10-05-2024 or 10/05/2024; None when it is not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def show_number(value: float | int) -> str:
    """99500000 -> '99.500.000'; 2.5 -> '2,5'."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", "_").replace(".", ",").replace("_", ".")


def show_value(value: Any, satuan: str | None = None) -> str:
    """A parameter or an answer as a trainee reads it; with `satuan`, in that unit."""
    if isinstance(value, dt.date):
        return tanggal(value)
    if satuan == "rupiah":
        return rupiah(value)
    if satuan == "persen":
        return f"{show_number(value)}%"
    if satuan == "hari":
        return f"{show_number(value)} hari"
    return show_number(value) if isinstance(value, int | float) else str(value)


def search_codes(query: str, limit: int = 15) -> list[tuple[str, str]]:
    """ICD-10 (WHO 2010) codes whose code starts with `query` or whose name holds every word of it."""
    words = str(query).strip().lower().split()
    if not words:
        return []
    head = words[0].upper()
    hits = []
    for code, name in load_reference().icd10.items():
        lowered = name.lower()
        if code.startswith(head) or code.replace(".", "").startswith(head) or all(w in lowered for w in words):
            hits.append((code, name))
            if len(hits) >= limit:
                break
    return hits
