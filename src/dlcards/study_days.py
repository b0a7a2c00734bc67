"""The study day, and a clock tests can set.

A study day starts at 4 am local time (as in Anki), so reviews just after midnight count for
the evening before.  `DLCARDS_DAY_STARTS` (an hour, 0-23) moves that.  `DLCARDS_TODAY` or the
`--today YYYY-MM-DD` option fixes the day outright, which is how every date rule is tested.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

from .locations import DAY_STARTS_ENV, TODAY_ENV

DEFAULT_DAY_STARTS = 4


class ClockError(ValueError):
    """A bad --today or environment value; the message says which and why."""


def day_starts() -> int:
    raw = os.environ.get(DAY_STARTS_ENV, "")
    if not raw:
        return DEFAULT_DAY_STARTS
    try:
        hour = int(raw)
    except ValueError:
        raise ClockError(f"{DAY_STARTS_ENV}={raw!r}: expected an hour from 0 to 23") from None
    if not 0 <= hour <= 23:
        raise ClockError(f"{DAY_STARTS_ENV}={raw!r}: expected an hour from 0 to 23")
    return hour


def study_day(now: datetime | None = None, starts: int | None = None) -> date:
    """The study day a local time belongs to."""
    now = now or datetime.now()
    hour = day_starts() if starts is None else starts
    return (now - timedelta(hours=hour)).date()


def today(override: str | None = None) -> date:
    """--today, else $DLCARDS_TODAY, else the current study day."""
    raw = override or os.environ.get(TODAY_ENV)
    if raw:
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise ClockError(f"{raw!r} is not a date (expected YYYY-MM-DD)") from None
        if not EARLIEST <= day <= LATEST:
            raise ClockError(f"{raw!r} is out of range: study days run from {EARLIEST} to {LATEST}")
        return day
    return study_day()


#: The days `--today` may name.  Schedules reach decades ahead and statistics look back
#: over years, so a day near the calendar's ends (0001-01-01, 9999-12-31) would take date
#: arithmetic past them.
EARLIEST = date(1900, 1, 1)
LATEST = date(9000, 12, 31)


def local_time(stamp: str) -> datetime:
    """A logged UTC timestamp (ISO 8601) as local wall-clock time, without a zone: the clock
    FSRS's steps are counted on.  A timestamp without a zone is taken as UTC."""
    at = datetime.fromisoformat(stamp)
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return at.astimezone().replace(tzinfo=None)
