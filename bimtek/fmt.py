"""Formatting of numbers and dates the way Indonesian users read them."""

from __future__ import annotations

import datetime as dt

_BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def rupiah(amount: float | int | None) -> str:
    """12000000 -> 'Rp12.000.000' (dot as thousands separator)."""
    if amount is None:
        return "-"
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(int(round(amount))):,}".replace(",", ".")


def tanggal(day: dt.date | None) -> str:
    """date(2026, 10, 5) -> '5 Oktober 2026'."""
    if day is None:
        return "-"
    return f"{day.day} {_BULAN[day.month - 1]} {day.year}"


def angka(value: float | int) -> str:
    """A measured value in Indonesian notation: 85000 -> '85.000', 47.9 -> '47,9', 0.38 -> '0,38'."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, frac = f"{value:.6f}".rstrip("0").partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac
