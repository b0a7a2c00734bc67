"""The kinds of deck entry, and the Anki card types and queues an export writes, named once
(as Anki's `consts.py` names its own).

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
