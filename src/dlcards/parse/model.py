"""Values the parsers produce: immutable values, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class RawCard(NamedTuple):
    """A card as found in a note, before it gets a stable id.  A named tuple, like `Card`:
    an import of 100,000 cards builds one per card, three times faster than a frozen dataclass.

    `doubt` is 0 for a card the note marks plainly (a question mark, a `Q:` marker) and grows
    towards 1 for splits the parser inferred from the rhythm of the file; `--dry-run` lists the
    most doubtful ones so the user can check them.
    """

    question: str
    answer: str
    line: int
    doubt: float = 0.0
    tags: tuple[str, ...] = ()
    style: str = ""  # how the note marked this card ("bold questions"); "" = the file's style
    kind: str = "basic"  # a `dlcards.kinds.CardKind` value; a cloze holds its text as question


class NoteError(Exception):
    """A note file its container reader cannot read (a malformed notebook, CSV or docx): the
    import reports it as a one-line warning naming the file and goes on with the others."""


class Document(NamedTuple):
    """A note file as its container reader gives it to the card finder.

    Most containers give text (Markdown, or plain text for `.txt` notes); a delimited deck
    gives its cards directly, one per record.  `located` holds the raw source lines when the
    text is a conversion (HTML), so that each card's line can be found in the file itself.
    `style` forces the card style where the container decides it (converted HTML is
    Markdown whatever its lines look like).
    """

    container: str
    text: str = ""
    title: str | None = None
    warnings: tuple[str, ...] = ()
    cards: tuple[RawCard, ...] | None = None
    located: tuple[str, ...] | None = None
    style: str | None = None


@dataclass(frozen=True)
class ParsedNote:
    """Everything one note file yields: deck name, container (the file's kind: text,
    markdown, html, csv, notebook, org, docx), card style (how its cards are marked), cards,
    warnings, and the styles found per section (for `--dry-run`)."""

    name: str
    format: str
    cards: tuple[RawCard, ...]
    warnings: tuple[str, ...] = field(default=())
    container: str = "text"
    #: (section heading, card style, number of cards) in document order, for `--dry-run`
    sections: tuple[tuple[str, str, int], ...] = field(default=())
