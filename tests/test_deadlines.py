"""Claim deadlines: the 10th of the next month (Permenkes 28/2014) and the 6-month expiry (Perpres 82/2018 Ps 77)."""

from __future__ import annotations

import datetime as dt

import pytest

from bimtek.deadlines import add_months, expiry_date, monthly_deadline

D = dt.date


@pytest.mark.parametrize(
    ("service_end", "deadline"),
    [
        (D(2026, 3, 2), D(2026, 4, 10)),
        (D(2026, 3, 31), D(2026, 4, 10)),
        (D(2026, 1, 31), D(2026, 2, 10)),  # no clamping trouble: always the 10th
        (D(2026, 12, 1), D(2027, 1, 10)),  # December -> January of the next year
        (D(2026, 12, 31), D(2027, 1, 10)),
        (D(2026, 4, 10), D(2026, 5, 10)),  # a service on the 10th is filed by the next month's 10th
    ],
)
def test_monthly_deadline_is_the_10th_of_the_next_month(service_end: dt.date, deadline: dt.date) -> None:
    assert monthly_deadline(service_end) == deadline


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # clamps to the month's last day
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),  # December -> January of the next year
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 5, 20), 0, D(2026, 5, 20)),
        (D(2026, 5, 20), 12, D(2027, 5, 20)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("service_end", "last_day"),
    [
        (D(2026, 3, 2), D(2026, 9, 2)),  # exactly 6 months later is still on time
        (D(2025, 8, 31), D(2026, 2, 28)),  # 31 Aug -> 28 Feb
        (D(2027, 8, 31), D(2028, 2, 29)),  # ... or 29 Feb in a leap year
        (D(2026, 7, 15), D(2027, 1, 15)),  # across the year end
        (D(2026, 12, 31), D(2027, 6, 30)),
    ],
)
def test_expiry_is_six_months_after_the_service(service_end: dt.date, last_day: dt.date) -> None:
    assert expiry_date(service_end) == last_day


def test_monthly_deadline_comes_before_expiry() -> None:
    day = D(2026, 1, 1)
    while day < D(2027, 1, 1):
        assert day < monthly_deadline(day) < expiry_date(day), day
        day += dt.timedelta(days=1)
