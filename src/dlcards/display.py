"""Text from notes, decks and file names on its way to a terminal: shown, never obeyed.

A note may hold anything: escape sequences (ESC, CSI, OSC: a window title, a cleared screen,
an OSC 52 clipboard write), other control characters, bidirectional overrides that reorder
what is shown.  `visible` writes every such character as a visible escape (`\\x1b`,
`\\u202e`) so it reaches the terminal as text; tabs and newlines stay.  It is applied once,
where text is displayed (the CLI's consoles render every string through it), never to the
decks themselves, which keep the text as written.
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings,
#: overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character written as a visible escape."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text
