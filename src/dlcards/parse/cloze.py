"""Cloze paragraphs of a note: Anki's `{{c1::…}}` deletions, and `==highlights==`.

A paragraph holding deletions is one cloze entry, its text written in Anki's syntax whatever
the note used (DESIGN.md: decks always store `{{cN::…}}`).  The paragraphs are found before
the card finder runs and blanked out of the text it reads (line numbers kept), so no other
card takes them as its question or answer, and a `{{c1::x}}` is never read as a
`question::answer` card.

* `{{cN::text}}` / `{{cN::text::hint}}`: always a cloze, in every note format: nobody types
  Anki's syntax for any other reason.
* `==highlight==`: a cloze where the note is written for a flashcard tool, as the Obsidian
  Spaced Repetition plugin reads it: a note tagged `#flashcards` (its deck tag), or a note
  whose cards are marked explicitly (`::`, `?`, `Q:`) or that is prose.  Elsewhere a
  highlight is emphasis inside an answer and stays as it is.  Every highlight is one
  deletion, numbered in order.

A paragraph is what the plugin takes for one: lines up to an *empty* line (a line holding
a space does not end it), without headings; code (fenced or inline) holds no deletion.
HTML comments (the plugin's `<!--SR:…-->` schedules) and blockquote marks are dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from ..cloze import DELETION
from .model import RawCard

#: How `--dry-run` names the cards found here.
STYLE = "cloze deletions"
#: `==text==`: text that starts and ends with a non-space, no `=` next to the marks.
HIGHLIGHT = re.compile(r"(?<![=\w])==(?=[^\s=])(.+?)(?<=[^\s=])==(?!=)")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
#: The deck tag of the Obsidian Spaced Repetition plugin (and its sub-decks).
_DECK_TAG = re.compile(r"(?:^|\s)#(?:flashcards?|cards|srs)(?:/[\w/-]+)?\b", re.I | re.M)
_FRONT_TAG = re.compile(r"^tags:.*\b(?:flashcards?|srs)\b", re.I | re.M)


def flashcard_note(source: str) -> bool:
    """Is the note tagged as a deck (`#flashcards`, or `tags: [flashcards]` in front matter)?"""
    head = source[:4000]
    return bool(_DECK_TAG.search(head) or (head.startswith("---") and _FRONT_TAG.search(head)))


def may_hold(source: str) -> bool:
    """Cheap test: could the note hold a cloze at all?"""
    return "{{c" in source or "==" in source


def take_clozes(
    source: str, highlights: bool, code: list[bool], warnings: list[str] | None = None
) -> tuple[str, list[RawCard]]:
    """(the source with its cloze paragraphs blanked out, the cloze entries in order).

    `highlights`: `==text==` counts as a deletion (see the module docstring); `code` marks
    the lines inside fenced code blocks.  A paragraph with a deletion that never closes
    (`{{c1::text` and no `}}`) is no card at all, and is blanked too, so its `::` never
    reads as a `question::answer` card; `warnings` gets a line saying where it is.
    """
    lines = source.split("\n")
    found: list[RawCard] = []
    blank: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if lines[i] == "" or code[i]:
            i += 1
            continue
        start = i
        while i < n and lines[i] != "" and not code[i] and not _HEADING.match(lines[i]):
            i += 1
        if i == start:  # a heading line
            i += 1
            continue
        par = lines[start:i]
        if _unclosed(par):
            blank.append((start, i))
            if warnings is not None:
                at = start + next((k for k, ln in enumerate(par) if "{{c" in ln), 0)
                warnings.append(
                    f"line {at + 1}: a cloze deletion {{{{c…:: is never closed with }}}}; "
                    "the paragraph is kept as text, no card"
                )
            continue
        card = _cloze(par, start, highlights)
        if card is not None:
            found.append(card)
            blank.append((start, i))
    if not blank:
        return source, []
    for a, z in blank:
        lines[a:z] = [""] * (z - a)
    return "\n".join(lines), found


_OPENING = re.compile(r"\{\{c\d{1,3}::")
_TAGS_ONLY = re.compile(r"^\s*(?:#[\w/-]+\s*)+$")


def _unclosed(par: list[str]) -> bool:
    """A paragraph opening more deletions (outside inline code) than it closes."""
    text = "\n".join(par)
    if "{{c" not in text:
        return False
    plain = _INLINE_CODE.sub("", text) if "`" in text else text
    return len(_OPENING.findall(plain)) > len(DELETION.findall(plain))


def _cloze(par: list[str], start: int, highlights: bool) -> RawCard | None:
    text = "\n".join(par)
    if "{{c" not in text and not (highlights and "==" in text):
        return None
    # a line of tags alone ("#flashcards", the plugin's deck tag) names the deck, not text
    while par and _TAGS_ONLY.match(par[0]):
        par, start = par[1:], start + 1
    text = _COMMENT.sub("", "\n".join(par))
    body = "\n".join(_QUOTE.sub("", ln).strip() for ln in text.split("\n")).strip("\n")
    body = re.sub(r"\n{2,}", "\n\n", body)
    if highlights and "==" in body:
        numbers = itertools.count(_highest(body) + 1)

        def number(part: str) -> str:
            return HIGHLIGHT.sub(lambda m: f"{{{{c{next(numbers)}::{m.group(1)}}}}}", part)

        body = _outside_code(body, number)
    if not _deletions_outside_code(body):
        return None
    return RawCard(body, "", start + 1, style=STYLE, kind="cloze")


def _highest(text: str) -> int:
    return max((int(m.group(1)) for m in DELETION.finditer(text)), default=0)


def _outside_code(text: str, change: Callable[[str], str]) -> str:
    """`change` applied to the parts of `text` outside inline code spans."""
    if "`" not in text:
        return change(text)
    out, last = [], 0
    for m in _INLINE_CODE.finditer(text):
        out.append(change(text[last : m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(change(text[last:]))
    return "".join(out)


def _deletions_outside_code(text: str) -> bool:
    stripped = _INLINE_CODE.sub("", text) if "`" in text else text
    return DELETION.search(stripped) is not None
