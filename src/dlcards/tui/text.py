"""Text from notes, decks and file names inside the TUI: shown as written, never obeyed.

Two hazards, one place each.  Textual reads `[...]` in a widget's string as markup (a deck
named `Regex [/x]` would raise, `[link=file:///…]` would make a link), so user text never
goes into markup: it reaches widgets as `Content` (`shown`) or Rich `Text`, which are never
parsed (escaping is not enough: Textual's parser reads `\x1b[2J\\[link=…]` as a tag).
Control characters are written out visibly by `dlcards.display.visible`; and as a last guard
`TerminalSafe` drops any that still reach a rendered line, so no escape sequence from a note
reaches the terminal.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter

from ..display import CONTROL, visible

_CONTROL = re.compile(f"[{CONTROL}\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> Content:
    """User text as a widget's content: control characters visible, never parsed as markup
    (style it with `Content.stylize`, join it to fixed markup with `+`)."""
    return Content(visible(text))


class TerminalSafe(LineFilter):
    """Drops control characters from rendered segments, the terminal's own escapes (held in
    a segment's control codes, not its text) untouched.  Text is laid out before filters
    run, and control characters take no cells there, so dropping them keeps every line
    exactly as wide as laid out."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_CONTROL.search(seg.text) for seg in segments if seg.text):
            return segments
        return [
            Segment(_CONTROL.sub("", seg.text), seg.style, seg.control)
            if seg.text and _CONTROL.search(seg.text)
            else seg
            for seg in segments
        ]
