"""Note parsers: one module per note format and a detector choosing among them.

`parse_note(text, filename)` is the entry point: it detects the format, runs its parser and
names the deck.  Every parser returns `RawCard`s; stable ids are given later, by the importer,
because they depend on the deck already on disk.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from .detect import FORMATS, detect
from .explicit import first_heading, parse_explicit
from .flat import content_lines, deck_title, parse_flat
from .model import ParsedNote, RawCard
from .prose import parse_prose
from .tsv import parse_tsv

__all__ = ["FORMATS", "ParsedNote", "RawCard", "deck_name_from_file", "detect", "parse_note"]

_SMALL_WORDS = frozenset(
    {
        "a",
        "an",
        "as",
        "at",
        "by",
        "in",
        "is",
        "of",
        "on",
        "or",
        "to",
        "vs",
        "and",
        "the",
        "for",
        "with",
    }
)


def deck_name_from_file(filename: str) -> str:
    """'dl-training-optimizations.txt' -> 'DL Training Optimizations'.

    Two-letter words that are not English function words are taken for acronyms (NN, DL, ML).
    """
    stem = PurePath(filename).stem
    parts = [p for p in re.split(r"[-_\s.]+", stem) if p]
    out = []
    for i, part in enumerate(parts):
        low = part.lower()
        if len(part) <= 2 and part.isalpha() and low not in _SMALL_WORDS:
            out.append(part.upper())
        elif low in _SMALL_WORDS and i:
            out.append(low)
        elif part.islower():
            out.append(part.capitalize())
        else:
            out.append(part)
    return deck_title(" ".join(out)) or stem or "Untitled"


def parse_note(source: str, filename: str = "", fmt: str | None = None) -> ParsedNote:
    """Parse one note's text; `fmt` forces a format instead of detecting it."""
    if source.startswith("\ufeff"):
        source = source[1:]
    if "\r" in source:  # CRLF (Windows) and lone CR (old Mac) line endings
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    kind = fmt or detect(source, filename)
    title: str | None = None
    warnings: list[str] = []
    # HTML and Markdown pull in BeautifulSoup and markdown-it: imported only when needed,
    # so a large import of plain notes does not pay for them in every worker.
    if kind == "html":
        from .html import parse_html

        title, cards, warnings = parse_html(source)
    elif kind == "markdown":
        from .markdown import parse_markdown

        title, cards = parse_markdown(source)
    elif kind == "explicit":
        from .markdown import split_front_matter

        meta, body, _ = split_front_matter(source)
        title = meta.get("title") if isinstance(meta.get("title"), str) else None
        title = title or first_heading(body)
        cards = parse_explicit(source)
    elif kind == "tsv":
        cards = parse_tsv(source)
    elif kind == "prose":
        cards = parse_prose(content_lines(source))
    elif kind == "flat":
        title, cards = parse_flat(source)
    else:
        raise ValueError(f"unknown note format {kind!r}; expected one of {', '.join(FORMATS)}")
    cards = [c for c in cards if c.question.strip()]  # markup alone ("1.", "Q:") asks nothing
    name = " ".join(title.split()) if title and title.strip() else deck_name_from_file(filename)
    return ParsedNote(name=name, format=kind, cards=tuple(cards), warnings=tuple(warnings))
