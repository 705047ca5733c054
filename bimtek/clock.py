"""The app's clock: now and today for the learner-facing schedules (spaced review, day sheets), movable in tests.

Days are counted in WIB (UTC+7), where most Bimtek rooms are. Tests of the pure functions pass dates themselves;
a real-browser test moves the running app's days forward by writing a number of days into the file named by
BIMTEK_TEST_CLOCK_FILE (read on every call; tests only, never set in production).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
TEST_CLOCK_FILE = "BIMTEK_TEST_CLOCK_FILE"


def offset_days() -> int:
    """Days the test clock is moved ahead (0 unless BIMTEK_TEST_CLOCK_FILE names a file holding an integer)."""
    path = os.environ.get(TEST_CLOCK_FILE, "").strip()
    if not path:
        return 0
    try:
        return int(Path(path).read_text(encoding="utf-8").strip() or 0)
    except (OSError, ValueError):
        return 0


def now() -> dt.datetime:
    """The current time in UTC (moved ahead by the test clock, if any)."""
    return dt.datetime.now(dt.UTC) + dt.timedelta(days=offset_days())


def today() -> dt.date:
    """Today's date in WIB."""
    return now().astimezone(WIB).date()
