"""Claim deadlines: the monthly filing cut-off and the 6-month expiry (facts §2.4, tenggat.yaml)."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

from bimtek.reference import load_reference


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar month arithmetic, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=4096)  # pure in the date; a batch has few distinct service dates
def monthly_deadline(service_end: dt.date) -> dt.date:
    """The 10th of the month after the service ended (Permenkes 28/2014)."""
    day = int(load_reference().deadlines["pengajuan_non_kapitasi"]["tanggal"])
    first_next = add_months(service_end.replace(day=1), 1)
    return first_next.replace(day=day)


@lru_cache(maxsize=4096)
def expiry_date(service_end: dt.date) -> dt.date:
    """The last day a claim may still be filed: 6 months after the service ended (Perpres 82/2018 Ps 77)."""
    months = int(load_reference().deadlines["kedaluwarsa_bulan"]["bulan"])
    return add_months(service_end, months)
