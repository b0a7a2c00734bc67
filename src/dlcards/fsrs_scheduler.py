"""FSRS, the second scheduler: a card's memory (stability, difficulty) and its next interval.

The model itself is not written here: memory states and intervals come from
`fsrs-rs-python`, the Rust engine Anki runs for its own FSRS (rslib's `fsrs` crate).  That
choice, over py-fsrs, is deliberate: a memory state dlcards computes from a card's reviews is
the one Anki computes from the same reviews, so an export can carry it into Anki and Anki's
FSRS goes on where dlcards left off; and the same package fits parameters to a learner's log
without torch.  It is an optional part (`pip install 'dlcards[fsrs]'`); SM-2 needs nothing.

What is written here is what Anki adds around the model, as Anki does it:

* **Steps.**  A new card goes through learning steps, a forgotten one through relearning
  steps, inside the day, before FSRS gives it days.  Again goes back to the first step, Good
  to the next (past the last: the card graduates), Easy graduates at once; Hard repeats the
  step, on the first step halfway to the second (Anki's rule, 1.5 times a lone step).
  dlcards' defaults are one 15-minute learning step and no relearning step, not Anki's
  1m 10m / 10m (`ANKI_LEARNING_STEPS`); see `LEARNING_STEPS` for why.
* **Memory on every review.**  Each grade, a step's too, updates the memory state, with the
  days since the last review (0 within a day: FSRS-6 models same-day reviews).
* **Intervals** are FSRS's for the desired retention, rounded to days, at least a day, and
  kept in order (Hard < Good < Easy) as Anki keeps them.  No fuzz: a schedule is a function
  of the log, which `replay` relies on.

The review log stays the one source of truth: `replay` folds a card's whole log through
`review`, which is how a collection switches from SM-2 to FSRS without losing anything.
The maths of the model is FSRS-6's; see ALGORITHM.md for where each rule comes from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import IntEnum
from functools import lru_cache
from typing import Any, NamedTuple

from .kinds import AnkiCardType
from .scheduler import Grade
from .study_days import local_time

#: FSRS-6's default parameters (fsrs-rs-python's DEFAULT_PARAMETERS, written out so that
#: dlcards can name them without importing the optional engine).
DEFAULT_PARAMETERS: tuple[float, ...] = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)  # fmt: skip
#: Desired retention: the chance of recall at which a card falls due (Anki's default).
DEFAULT_RETENTION = 0.90
#: The range `--retention` accepts: below, too much is forgotten; above, reviews explode.
RETENTION_RANGE = (0.70, 0.99)
#: Anki's default steps (learning 1m 10m, relearning 10m): `--learning-steps '1m 10m'
#: --relearning-steps 10m` gives them.
ANKI_LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
ANKI_RELEARNING_STEPS = (timedelta(minutes=10),)
#: dlcards' default steps: one learning step of 15 minutes (a card failed when new comes
#: back once in the session; Good graduates it at once) and no relearning step (a lapsed
#: card gets FSRS's post-lapse interval).  Why not Anki's: FSRS-6 models same-day reviews,
#: and extra ones on the first day add almost nothing a year later; FSRS's authors advise a
#: single step of 15-30 minutes.  In `scripts/simulate.py` (365 days, 2,000 cards) Anki's
#: steps cost FSRS 3,300-4,000 reviews and a relearning step 5-13 % more reviews, for no
#: retention on day 365 under either simulated learner (README, "FSRS").
LEARNING_STEPS = (timedelta(minutes=15),)
RELEARNING_STEPS: tuple[timedelta, ...] = ()
MAX_INTERVAL = 36_500


#: Where a card is in FSRS's schedule: new, learning, review, relearning, which are Anki's
#: card types (named once, in `kinds`).
Phase = AnkiCardType


class Rating(IntEnum):
    """FSRS's four ratings (1-4), one per study button."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


#: The rating each study button gives (SM-2's qualities 1, 3, 4, 5 are the same buttons).
RATING_OF = {Grade.AGAIN: Rating.AGAIN, Grade.HARD: Rating.HARD, Grade.GOOD: Rating.GOOD,
             Grade.EASY: Rating.EASY}  # fmt: skip
#: The study button each rating stands for (a revlog file's ratings, read back).
GRADE_OF = {rating: grade for grade, rating in RATING_OF.items()}


def button(q: int) -> Grade:
    """The study button a logged SM-2 quality (0-5) stands for: 0-2 are failures, Again."""
    return Grade(q) if q >= Grade.HARD else Grade.AGAIN


class Memory(NamedTuple):
    """FSRS's memory state: stability (days until recall falls to 90 %) and difficulty
    (1-10)."""

    stability: float
    difficulty: float


class FsrsState(NamedTuple):
    """A card under FSRS.  `due` is the moment it is next shown: a time within the day for a
    step, the start of a study day for a review (`due_day` is that day).  `last_day` is the
    study day of its last review, from which FSRS counts the days elapsed."""

    phase: Phase = Phase.NEW
    step: int = 0
    memory: Memory | None = None
    due: datetime | None = None
    due_day: date | None = None
    interval: int = 0
    last_day: date | None = None
    lapses: int = 0


@dataclass(frozen=True)
class Settings:
    """What FSRS schedules with: the model's parameters, the desired retention, the steps."""

    parameters: tuple[float, ...] = DEFAULT_PARAMETERS
    retention: float = DEFAULT_RETENTION
    learning_steps: tuple[timedelta, ...] = LEARNING_STEPS
    relearning_steps: tuple[timedelta, ...] = RELEARNING_STEPS
    maximum_interval: int = MAX_INTERVAL

    def __post_init__(self) -> None:
        low, high = RETENTION_RANGE
        if not low <= self.retention <= high:
            raise ValueError(
                f"desired retention must be from {low} to {high}, not {self.retention}"
            )


class FsrsMissing(RuntimeError):
    """The optional FSRS engine is not installed."""


def engine_module(needed_by: str = "FSRS needs the optional engine") -> Any:
    """The optional engine (`fsrs_rs_python`), or FsrsMissing saying who needs it and what
    to install."""
    try:
        import fsrs_rs_python
    except ImportError:
        raise FsrsMissing(f"{needed_by}: pip install 'dlcards[fsrs]' (fsrs-rs-python)") from None
    return fsrs_rs_python


@lru_cache(maxsize=8)
def _engine(parameters: tuple[float, ...]) -> Any:
    """fsrs-rs-python's model for these parameters (made once per set of parameters)."""
    return engine_module().FSRS(list(parameters))


def _next_items(state: FsrsState, today: date, settings: Settings) -> Any:
    """fsrs-rs-python's four next states (memory and interval) of the card reviewed today."""
    memory = None
    if state.memory is not None:
        memory = _memory_state_type()(state.memory.stability, state.memory.difficulty)
    elapsed = (today - state.last_day).days if state.last_day is not None else 0
    return _engine(settings.parameters).next_states(memory, settings.retention, max(0, elapsed))


@lru_cache(maxsize=1)
def _memory_state_type() -> Any:
    """The engine's MemoryState class (looked up once: `review` runs a million times in a
    switch)."""
    return engine_module().MemoryState


#: The attribute of the engine's NextStates that holds each rating's next state.
_ITEM = {Rating.AGAIN: "again", Rating.HARD: "hard", Rating.GOOD: "good", Rating.EASY: "easy"}


def _interval(items: Any, rating: Rating, settings: Settings) -> int:
    """Days the rating gives, rounded, at least one, and in order (Hard < Good < Easy): Good
    is at least a day more than Hard, Easy at least a day more than Good."""
    top = settings.maximum_interval

    def days(r: Rating) -> int:
        return min(top, max(1, round(getattr(items, _ITEM[r]).interval)))

    if rating <= Rating.HARD:
        return days(rating)
    good = min(top, max(days(Rating.GOOD), days(Rating.HARD) + 1))
    return good if rating == Rating.GOOD else min(top, max(days(Rating.EASY), good + 1))


def _step_delay(steps: tuple[timedelta, ...], step: int, rating: Rating) -> timedelta | None:
    """How long until a card on `steps` at `step` comes back after `rating`; None: it
    leaves the steps (graduates)."""
    if not steps or rating == Rating.EASY:
        return None
    if rating == Rating.AGAIN:
        return steps[0]
    if rating == Rating.HARD:
        if step == 0:
            return (steps[0] + steps[1]) / 2 if len(steps) > 1 else steps[0] * 1.5
        return steps[min(step, len(steps) - 1)]
    return steps[step + 1] if step + 1 < len(steps) else None  # Good


_STEPPED = (Phase.NEW, Phase.LEARNING, Phase.RELEARNING)
_MIDNIGHT = datetime.min.time()


def review(
    state: FsrsState, grade: Grade, now: datetime, today: date, settings: Settings
) -> FsrsState:
    """The card's state after `grade` given at `now`, on study day `today`."""
    rating = RATING_OF[grade]
    items = _next_items(state, today, settings)
    chosen = getattr(items, _ITEM[rating]).memory
    memory = Memory(chosen.stability, chosen.difficulty)
    phase = state.phase
    lapses = state.lapses + (rating == Rating.AGAIN and phase == Phase.REVIEW)
    if phase in _STEPPED or rating == Rating.AGAIN:
        relearning = phase in (Phase.REVIEW, Phase.RELEARNING)
        steps = settings.relearning_steps if relearning else settings.learning_steps
        step = 0 if phase == Phase.REVIEW else state.step
        delay = _step_delay(steps, step, rating)
        if delay is not None:
            return FsrsState(
                Phase.RELEARNING if relearning else Phase.LEARNING,
                0 if rating == Rating.AGAIN else step + (rating == Rating.GOOD),  # Hard: stays
                memory,
                now + delay,
                today,
                0,
                today,
                lapses,
            )
    days = _interval(items, rating, settings)
    due_day = today + timedelta(days=days)
    return FsrsState(
        Phase.REVIEW,
        0,
        memory,
        datetime.combine(due_day, _MIDNIGHT),
        due_day,
        days,
        today,
        lapses,
    )


def preview(
    state: FsrsState, now: datetime, today: date, settings: Settings
) -> dict[Grade, timedelta]:
    """How long until the card comes back after each button: minutes for a step, days
    otherwise; four honest intervals (on a new card all four differ)."""
    out: dict[Grade, timedelta] = {}
    for grade in Grade:
        after = review(state, grade, now, today, settings)
        if after.phase == Phase.REVIEW:
            out[grade] = timedelta(days=after.interval)
        else:
            out[grade] = (after.due or now) - now
    return out


class Reviewed(NamedTuple):
    """One logged grade, as `replay` reads it: the button, when (local time), and on which
    study day."""

    grade: Grade
    at: datetime
    day: date

    @classmethod
    def logged(cls, reviewed_at: str, day: date, q: int) -> Reviewed:
        """A row of the review log: its UTC timestamp, its study day, its SM-2 quality."""
        return cls(button(q), local_time(reviewed_at), day)


def replay_steps(
    log: Iterable[Reviewed], settings: Settings
) -> Iterator[tuple[FsrsState, FsrsState]]:
    """(the card's state before, and after) each review of its log, oldest first."""
    state = FsrsState()
    for entry in log:
        after = review(state, entry.grade, entry.at, entry.day, settings)
        yield state, after
        state = after


def replay(log: Iterable[Reviewed], settings: Settings) -> FsrsState:
    """A card's state from its whole review log, oldest first: what a switch to FSRS (or a
    change of parameters) computes for every card."""
    state = FsrsState()
    for _before, after in replay_steps(log, settings):
        state = after
    return state


def label(span: timedelta) -> str:
    """'1m', '10m', '1.5h', '3d', '1.2mo', '2.1y': how a study button shows its interval."""
    minutes = span.total_seconds() / 60
    if minutes < 60:
        return f"{max(1, round(minutes))}m"
    if minutes < 24 * 60:
        return f"{minutes / 60:.1f}h".replace(".0h", "h")
    days = span.days
    if days < 31:
        return f"{days}d"
    if days < 365:
        return f"{days / 30.4:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def retrievability(memory: Memory, elapsed_days: float, parameters: tuple[float, ...]) -> float:
    """FSRS-6's chance of recall `elapsed_days` after a review, for a memory state:
    (1 + factor * t / S) ** -w20, with factor chosen so recall is 90 % at t = S."""
    decay = -parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    return float((1 + factor * max(0.0, elapsed_days) / memory.stability) ** decay)


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_steps(text: str) -> tuple[timedelta, ...]:
    """'1m 10m' -> (1 minute, 10 minutes); '' or 'none' -> no steps.  Each step is a number
    and a unit (s, m, h, d), under a day, as Anki's steps are typed."""
    words = text.replace(",", " ").split()
    if words in ([], ["none"]):
        return ()
    out = []
    for word in words:
        number, unit = word[:-1], word[-1:].lower()
        try:
            value = float(number)
        except ValueError:
            value = -1.0
        if unit not in _UNITS or not 0 < value * _UNITS[unit] < 86400:
            raise ValueError(f"{word!r} is not a step (a number and s, m, h or d, under a day)")
        out.append(timedelta(seconds=value * _UNITS[unit]))
    return tuple(out)


def steps_text(steps: tuple[timedelta, ...]) -> str:
    """How `parse_steps` would read them back: '1m 10m', or 'none'."""
    return " ".join(label(s) for s in steps) or "none"
