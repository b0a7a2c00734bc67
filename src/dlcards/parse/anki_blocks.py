"""Explicit card blocks of text-to-Anki tools: Obsidian_to_Anki's `START` … `END` blocks.

A block opens with a line holding only `START`, names its note type on the next line
("Basic", "Basic (and reversed card)", ...), holds its fields as `Name:` lines followed by
the field's text ("Front:", "Back:"; a Basic note's first field may go unlabelled), optional
`Tags: a b` and the tool's `<!--ID: 1687614691837-->` comment, and closes with `END`.  A note
that holds such blocks gets exactly those cards: the prose around them is context.
"""

from __future__ import annotations

import re

from . import text as t
from .model import RawCard

_START = "START"
_END = "END"
_FIELD = re.compile(r"^\s*(?P<name>[A-Z][\w ]{0,30}):\s*(?P<rest>.*)$")
_ID = re.compile(r"^\s*<!--\s*ID:\s*\d+\s*-->\s*$")
_FRONT_FIELDS = ("front", "text", "question", "word", "term")
_BACK_FIELDS = ("back", "answer", "extra", "back extra", "definition", "meaning")


def count_blocks(lines: list[str]) -> int:
    """How many START … END blocks the lines hold."""
    n = 0
    open_at = -1
    for i, line in enumerate(lines):
        s = line.strip()
        if s == _START and open_at < 0:
            open_at = i
        elif s == _END and open_at >= 0:
            n += 1
            open_at = -1
    return n


def parse_anki_blocks(source: str) -> list[RawCard]:
    lines = source.splitlines()
    cards: list[RawCard] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != _START:
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == _END), None)
        if end is None:
            break
        card = _block(lines[i + 1 : end], i + 1)
        if card is not None:
            cards.append(card)
        i = end + 1
    return cards


def _block(body: list[str], line: int) -> RawCard | None:
    if not body:
        return None
    body = body[1:]  # the note type
    fields: dict[str, list[str]] = {}
    order: list[str] = []
    current = "front"  # a Basic note's first field may go unlabelled
    tags: list[str] = []
    for text in body:
        if _ID.match(text):
            continue
        m = _FIELD.match(text)
        name = m.group("name").strip().lower() if m else ""
        if m and name == "tags":
            tags += m.group("rest").split()
            continue
        if m and (name in _FRONT_FIELDS or name in _BACK_FIELDS):
            current = name
            rest = m.group("rest")
            fields.setdefault(current, [])
            if rest.strip():
                fields[current].append(rest)
            if current not in order:
                order.append(current)
            continue
        fields.setdefault(current, []).append(text)
        if current not in order:
            order.append(current)
    front_name = next((f for f in order if f in _FRONT_FIELDS), None)
    if front_name is None:
        return None
    front = t.clean_answer(fields[front_name])
    backs = [t.clean_answer(fields[f]) for f in order if f in _BACK_FIELDS]
    front = "\n".join(
        t.strip_decoration(ln).rstrip() for ln in front.replace("<br>", "\n").splitlines()
    )
    question = t.clean_question(front) if "\n" not in front else front.strip()
    if not question:
        return None
    return RawCard(question, "\n\n".join(b for b in backs if b), line, tags=tuple(tags))
