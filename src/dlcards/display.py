"""Text from notes, decks and file names on its way to a terminal: shown, never obeyed.

A note may hold anything: escape sequences (ESC, CSI, OSC: a window title, a cleared screen,
an OSC 52 clipboard write), other control characters, bidirectional overrides that reorder
what is shown.  `visible` writes every such character as a visible escape (`\\x1b`,
`\\u202e`) so it reaches the terminal as text; tabs and newlines stay.  It is applied once,
where text is displayed (the CLI's consoles render every string through it), never to the
decks themselves, which keep the text as written.  `without_controls` does the same for
text leaving for another program (an Anki package's fields), bidirectional marks kept.
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL and C1 controls: never text, anywhere.
CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{CONTROL}]")
#: ... and, for a terminal, the bidirectional embeddings, overrides and isolates too (in an
#: exported card they are right-to-left text's own marks).
_TERMINAL = re.compile(f"[{CONTROL}\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` for a terminal: every control character written as a visible escape."""
    return _TERMINAL.sub(_escape, text) if _TERMINAL.search(text) else text


def without_controls(text: str) -> str:
    """`text` with its C0/C1 control characters written as visible escapes (for fields that
    leave the terminal: an Anki package, where `\x1f` separates fields)."""
    return _CONTROL.sub(_escape, text)
