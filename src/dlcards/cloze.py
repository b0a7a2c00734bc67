"""Cloze deletions, in Anki's syntax: `{{c1::text}}` and `{{c1::text::hint}}`.

A cloze entry of a deck is one piece of text with deletions; every deletion *number* is one
card to study (Anki's rule: deletions that share a number are asked together).  Decks always
store Anki's syntax, whatever the note used (`==highlight==` included), so this module is the
one place that reads it: which numbers a text has, and how the text looks with deletion N
asked (`mask`) or shown (`fill`).

A study card of a cloze entry has the id `<entry id>.c<N>`: derived from the entry's id, so
it keeps its review history across re-imports exactly as the entry keeps its id.
"""

from __future__ import annotations

import re

#: One deletion: its number, its text, its optional hint.  Non-greedy, like Anki's own
#: pattern, so `{{c1::a}} and {{c2::b}}` is two deletions.
DELETION = re.compile(r"\{\{c(\d{1,3})::(.*?)(?:::(.*?))?\}\}", re.S)
#: The mark a derived study card's id carries after its entry's id.
_SUFFIX = re.compile(r"\.c(\d{1,3})$")
#: Markdown's link and emphasis brackets, escaped where the mask shows them.
_BRACKETS = str.maketrans({"[": "\\[", "]": "\\]"})


def numbers(text: str) -> list[int]:
    """The deletion numbers of `text`, ascending and without repeats."""
    return sorted({int(m.group(1)) for m in DELETION.finditer(text)})


def has_deletions(text: str) -> bool:
    return "{{c" in text and DELETION.search(text) is not None


def mask(text: str, n: int) -> str:
    """`text` as Markdown with deletion `n` asked (`[...]`, or `[hint]`) and every other
    deletion shown as its plain text."""

    def one(m: re.Match[str]) -> str:
        if int(m.group(1)) != n:
            return m.group(2)
        shown = m.group(3).strip() if m.group(3) and m.group(3).strip() else "..."
        return f"[{shown}]".translate(_BRACKETS)

    return DELETION.sub(one, text)


def fill(text: str, n: int) -> str:
    """`text` as Markdown with deletion `n` filled in and highlighted (bold), the others
    shown as plain text: what the study screen shows once the answer is revealed."""

    def one(m: re.Match[str]) -> str:
        inner = m.group(2)
        return f"**{inner.strip()}**" if int(m.group(1)) == n and inner.strip() else inner

    return DELETION.sub(one, text)


def answers(text: str, n: int) -> str:
    """The text of deletion `n` (several deletions of one number joined with ", ")."""
    return ", ".join(m.group(2) for m in DELETION.finditer(text) if int(m.group(1)) == n)


def plain(text: str) -> str:
    """`text` with every deletion shown as its plain text."""
    return DELETION.sub(lambda m: m.group(2), text)


def study_id(entry_id: str, n: int) -> str:
    """The id of the study card that asks deletion `n` of the entry `entry_id`."""
    return f"{entry_id}.c{n}"


def entry_of(card_id: str) -> tuple[str, int | None]:
    """(entry id, deletion number) of a study card id; (card_id, None) for a basic card."""
    m = _SUFFIX.search(card_id)
    if m is None:
        return card_id, None
    return card_id[: m.start()], int(m.group(1))
