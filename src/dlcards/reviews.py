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


#: A suspended card's burial: held with no day to come back until it is unsuspended (Anki's
#: suspension, brought in with its collection).  Later than any study day `--today` may
#: name (`study_days.LATEST`), so every rule for a buried card holds it.
SUSPENDED_UNTIL = date(9999, 12, 31)


class AdoptedReview(NamedTuple):
    """A review brought in from another program (Anki's revlog): the study card, the moment
    (UTC, ISO 8601), its study day, the grade (0-5), the time taken, and the interval (days)
    and ease (hundredths) it led to there."""

    card_id: str
    reviewed_at: str
    day: date
    grade: int
    duration_ms: int | None
    interval_after: int
    ef_after: int | None
    moment_ms: int  # `reviewed_at` to the millisecond (what tells one review from another)


class AdoptedState(NamedTuple):
    """A card's state as another program (Anki) left it, taken over as it is rather than
    recomputed from the log: that program's intervals are what its learner had planned."""

    card_id: str
    repetitions: int
    ef: int  # hundredths
    interval: int
    due: date | None
    lapses: int
    held_until: date | None  # buried until (SUSPENDED_UNTIL: suspended)
    question: str | None = None  # the card's text, to name it should it leave the decks


class SyncedReview(NamedTuple):
    """A review as machines exchange it (`dlcards.sync`): the card, the moment (UTC, ISO
    8601) and the same to the millisecond (with the card, what tells one review from
    another), the study day it counted for, the grade (0-5), the time taken, and whether it
    was cram practice (kept, but changing no schedule)."""

    card_id: str
    reviewed_at: str
    day: date
    grade: int
    duration_ms: int | None
    cram: bool
    moment_ms: int

    @property
    def key(self) -> tuple[str, int]:
        return (self.card_id, self.moment_ms)


class Orphan(NamedTuple):
    """A card with history whose card left the decks: its id, the question it was last
    studied with (None when this database never saw it studied), its reviews and the
    moment of its last one."""

    card_id: str
    question: str | None
    reviews: int
    last_review: str
