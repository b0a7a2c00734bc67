"""The kinds of deck entry, of card in a day's queue, the queue's orders, and the Anki card
types and queues an export writes, named once (as Anki's `consts.py` names its own).

A deck entry without a `kind` is a basic card, so every deck written before kinds existed
stays valid.  Cards carry the kind's *value* (plain text), not the member: the deck cache
stores cards with `marshal`, which holds plain values only; `CardKind.CLOZE == "cloze"`.
"""

from __future__ import annotations

from enum import Enum, IntEnum


class CardKind(str, Enum):
    #: A question and its answer.
    BASIC = "basic"
    #: A text with `{{cN::…}}` deletions; one study card per deletion number.
    CLOZE = "cloze"
    #: A question and answer studied both ways: two study cards.  A deck writes it as a basic
    #: card with `reverse: true` (DESIGN.md), not as a kind.
    REVERSED = "reversed"


class StudyKind(str, Enum):
    """Why a card is in today's queue; the review log names its rows the same way (plus
    "cram" for practice that changes no schedule).  Code compares and stores the *values*:
    a `str` enum member equals its value but does not hash like it, so a member would miss
    in a dict keyed by the plain text the store and the deck cache hold."""

    #: Never studied.
    NEW = "new"
    #: Due (or overdue) under its schedule.
    REVIEW = "review"
    #: Failed today: back in the same day until it is passed (one word for it everywhere).
    RELEARN = "relearn"


class QueueOrder(str, Enum):
    """How a day's queue mixes new cards with the rest (`dlcards study --order`)."""

    #: Failed cards, then reviews, then new cards.
    REVIEWS_FIRST = "reviews-first"
    #: New cards spread evenly among the reviews.
    MIXED = "mixed"


class SchedulerKind(str, Enum):
    """Which scheduler sets the collection's due dates (`--scheduler`, kept in the review
    database).  Both read the same review log."""

    #: SM-2, as published: the default the design card asks for.
    SM2 = "sm2"
    #: FSRS-6, through the engine Anki runs (the `fsrs` extra).
    FSRS = "fsrs"


class AnkiCardType(IntEnum):
    """Anki's card types (`cards.type`), as its `pylib/anki/consts.py` names them."""

    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


class AnkiQueue(IntEnum):
    """Anki's card queues (`cards.queue`), as its `pylib/anki/consts.py` names them."""

    NEW = 0
    LEARNING = 1
    REVIEW = 2
    DAY_LEARNING = 3
    SUSPENDED = -1
    SIBLING_BURIED = -2
    MANUALLY_BURIED = -3


class AnkiReviewKind(IntEnum):
    """Anki's review types (`revlog.type`)."""

    LEARNING = 0
    REVIEW = 1
    RELEARNING = 2
    FILTERED = 3
    MANUAL = 4
    RESCHEDULED = 5
