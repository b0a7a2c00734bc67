"""The review log as CSV in the FSRS ecosystem's revlog layout, out and in.

The layout is the one the FSRS optimizer and benchmark read: `card_id`, `review_time`
(milliseconds since the epoch, UTC), `review_rating` (1 Again .. 4 Easy), `review_state`
(0 New, 1 Learning, 2 Review, 3 Relearning, the state the card was in when reviewed) and
`review_duration` (milliseconds).  dlcards' card ids are text and stay text.

Export writes every review but cram practice (which changes no schedule and is no review
in FSRS's sense).  Import is all or nothing and idempotent: every row is checked first (a
malformed one stops the import with its row number, nothing written), a review already in the
log (same card, same moment) is passed over, and each card that got reviews has its whole
history put back in time order and its SM-2 state computed again from it, in one
transaction: the log stays the one source of truth.  As in a study session, a card's first
review of a study day is its review; later ones that day are practice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from .decks import atomic_write
from .fsrs_scheduler import GRADE_OF, RATING_OF, Phase, button
from .store import stamp_ms
from .study_days import study_day

HEADER = ("card_id", "review_time", "review_rating", "review_state", "review_duration")
#: The revlog layout's review states: FSRS's phases (Anki's card types).
NEW, LEARNING, REVIEW, RELEARNING = (
    int(p) for p in (Phase.NEW, Phase.LEARNING, Phase.REVIEW, Phase.RELEARNING)
)


class RevlogError(ValueError):
    """A revlog file that cannot be imported; the message names the row."""


@dataclass(frozen=True)
class Row:
    """One review as the revlog layout holds it."""

    card_id: str
    review_time: int  # ms since the epoch, UTC
    rating: int  # 1..4
    state: int  # 0..3
    duration: int  # ms

    @property
    def moment(self) -> datetime:
        return datetime.fromtimestamp(self.review_time / 1000, tz=timezone.utc)


def rows_of(log: Iterable[tuple[str, str, int, str, int | None]]) -> list[Row]:
    """Revlog rows of dlcards log entries `(card_id, reviewed_at, grade, kind, duration_ms)`,
    oldest first: cram practice left out, the state each review found the card in."""
    out: list[Row] = []
    graduated: set[str] = set()  # cards past their first study day
    for card_id, at, grade, kind, duration in log:
        if kind == "cram":
            continue
        if kind == "new":
            state = NEW
        elif kind == "review":
            state = REVIEW
            graduated.add(card_id)
        else:  # a repeat the same day: learning a new card, relearning a failed one
            state = LEARNING if card_id not in graduated else RELEARNING
        rating = int(RATING_OF[button(grade)])
        out.append(Row(card_id, stamp_ms(at), rating, state, duration or 0))
    out.sort(key=lambda r: r.review_time)  # (stable: the log's order within a millisecond)
    return out


def write_csv(path: Path, rows: Iterable[Row]) -> int:
    """Write the rows (atomically: a failed write leaves the old file); the count written."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    n = 0
    for r in rows:
        writer.writerow((r.card_id, r.review_time, r.rating, r.state, r.duration))
        n += 1
    atomic_write(path, buf.getvalue().encode("utf-8"))
    return n


def read_csv(path: Path) -> list[Row]:
    """Every row of a revlog file, checked; RevlogError names the first bad one."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise RevlogError(f"{path}: cannot read ({reason})") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or [h.strip() for h in header[:5]] != list(HEADER):
        raise RevlogError(f"{path}:1: expected the header {','.join(HEADER)}")
    rows: list[Row] = []
    for number, fields in enumerate(reader, start=2):
        if not fields or not "".join(fields).strip():
            continue
        rows.append(_row(path, number, fields))
    return rows


def _row(path: Path, number: int, fields: list[str]) -> Row:
    where = f"{path}:{number}"
    if len(fields) < 4:
        raise RevlogError(f"{where}: expected {len(HEADER)} fields, found {len(fields)}")
    card_id = fields[0].strip()
    if not card_id:
        raise RevlogError(f"{where}: card_id is empty")
    try:
        values = [int(f.strip() or "0") for f in fields[1:5]]
    except ValueError:
        raise RevlogError(
            f"{where}: review_time, rating, state and duration must be whole numbers"
        ) from None
    values += [0] * (4 - len(values))
    at, rating, state, duration = values
    if not 0 <= at <= 253_402_300_799_000:  # up to the year 9999
        raise RevlogError(f"{where}: review_time {at} is not a time in milliseconds")
    if rating not in GRADE_OF:
        raise RevlogError(f"{where}: review_rating must be 1 to 4, not {rating}")
    if state not in (NEW, LEARNING, REVIEW, RELEARNING):
        raise RevlogError(f"{where}: review_state must be 0 to 3, not {state}")
    if duration < 0:
        raise RevlogError(f"{where}: review_duration is negative")
    return Row(card_id, at, rating, state, duration)


def study_day_of(row: Row, starts: int | None = None) -> date:
    """The study day a review counts for: its local time, by the study-day rule."""
    local = row.moment.astimezone().replace(tzinfo=None)
    return study_day(local, starts)
