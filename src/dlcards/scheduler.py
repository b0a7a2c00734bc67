"""SM-2, exactly as published (Wozniak 1990) and as SuperMemo's own code computes it.

The rules, and why each choice was made, are written out once in ALGORITHM.md.  In short:

* grade q in 0..5; q >= 3 is a success: I = 1 after the first, 6 after the second, then
  ceil(I * EF) using the EF from *before* this grade; q < 3 resets repetitions and I = 1;
* EF changes on every grade (failures too) by 0.1 - (5-q)(0.08 + (5-q)0.02), floor 1.3;
* EF moves in steps of 0.02, so it is held as integer hundredths: ceil(I * EF) is then exact
  integer arithmetic and float error can never move an interval by a day.

Repeats of a card inside one session (grades below 4 come back) are not reviews in SM-2's
sense and never reach `review`; the session code decides that (see `dlcards.session`).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import IntEnum
from typing import NamedTuple


class Grade(IntEnum):
    """The four study buttons, each worth the SM-2 quality q it gives (DESIGN.md)."""

    AGAIN = 1  # forgotten
    HARD = 3  # recalled with effort
    GOOD = 4  # recalled
    EASY = 5  # recalled at once

    @property
    def button(self) -> str:
        """The name the study screen and the session use: 'again', 'hard', ..."""
        return self.name.lower()

    @property
    def key(self) -> str:
        """The key that gives it: 1 to 4, in button order (Anki's habit)."""
        return str(list(Grade).index(self) + 1)


#: The four study buttons and the SM-2 grade each one gives, by button name.
GRADES = {g.button: int(g) for g in Grade}
#: Grades below this bring the card back later in the same session.
PASS_IN_SESSION = 4
#: Longest interval: 100 years.  SM-2 has no cap, but calendars end; documented in ALGORITHM.md.
MAX_INTERVAL = 36_500
EF_START = 250  # hundredths
EF_FLOOR = 130


def ef_delta(q: int) -> int:
    """Change of EF for grade q, in hundredths: 0.1 - (5-q)(0.08 + (5-q)0.02)."""
    d = 5 - q
    return 10 - d * (8 + d * 2)


class State(NamedTuple):
    """A card's SM-2 state.  `easiness` is EF; `due` is None for a card never reviewed.

    A named tuple rather than a frozen dataclass: `due` and `study` build one per reviewed
    card (100,000 on a large collection), and tuples are built several times faster.
    """

    repetitions: int = 0
    easiness: float = 2.5
    interval: int = 0
    due: date | None = None

    @property
    def ef_hundredths(self) -> int:
        """EF as an exact integer number of hundredths."""
        return round(self.easiness * 100)


def next_interval(state: State, q: int) -> int:
    """The interval in days that grade q gives (without changing anything)."""
    if q < 3:
        return 1
    if state.repetitions == 0:
        return 1
    if state.repetitions == 1:
        return 6
    # ceil(I * EF) in integers: EF is a whole number of hundredths
    return min(MAX_INTERVAL, max(1, -(-state.interval * state.ef_hundredths // 100)))


def review(state: State, q: int, today: date) -> State:
    """The state after grading the card q (0..5) on `today`."""
    if not isinstance(q, int) or isinstance(q, bool) or not 0 <= q <= 5:
        raise ValueError(f"grade must be an integer from 0 to 5, not {q!r}")
    interval = next_interval(state, q)
    reps = state.repetitions + 1 if q >= 3 else 0
    ef = max(EF_FLOOR, state.ef_hundredths + ef_delta(q))
    return state._replace(
        repetitions=reps,
        easiness=ef / 100,
        interval=interval,
        due=today + timedelta(days=interval),
    )


def preview(state: State) -> dict[str, int]:
    """Interval each study button would give: {'again': 1, 'hard': 1, 'good': 6, ...}."""
    return {name: next_interval(state, q) for name, q in GRADES.items()}
