"""The kinds of deck entry, named once (as Anki's `consts.py` names its card types).

A deck entry without a `kind` is a basic card, so every deck written before kinds existed
stays valid.  Cards carry the kind's *value* (plain text), not the member: the deck cache
stores cards with `marshal`, which holds plain values only; `CardKind.CLOZE == "cloze"`.
"""

from __future__ import annotations

from enum import Enum


class CardKind(str, Enum):
    #: A question and its answer.
    BASIC = "basic"
    #: A text with `{{cN::…}}` deletions; one study card per deletion number.
    CLOZE = "cloze"
