"""What the review store holds, as plain values: a card's state and its review log entries.

Kept apart from `store` (the SQLite side) so that the queue, the statistics and the export
read these values without importing the database code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from .scheduler import State


class CardState(NamedTuple):
    """What the store knows of one card: its SM-2 state and a little history (a named tuple,
    like `State`: a collection has one per reviewed card)."""

    card_id: str
    state: State
    lapses: int = 0
    reviews: int = 0
    last_review: str | None = None
    buried_until: date | None = None
    #: Under FSRS, for an export: the card's memory state as Anki keeps it in `cards.data`
    #: ('{"s":…,"d":…,"dr":…,"decay":…}'), so Anki's FSRS goes on from it; else "".
    memory: str = ""


@dataclass(frozen=True)
class LogEntry:
    """One review as logged: when, on which study day, the grade, what kind of review it was
    ("new", "review", "relearn", "cram") and the interval and EF (hundredths) it led to."""

    card_id: str
    reviewed_at: str
    day: date
    grade: int
    kind: str
    interval_after: int | None
    ef_after: int | None
    duration_ms: int | None
