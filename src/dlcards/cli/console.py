"""The CLI's consoles and report helpers: text from notes and decks printed as data (never
markup, control characters visible), long text shortened, big tables printed plainly."""

from __future__ import annotations

import sys
from typing import IO

from rich.console import Console
from rich.text import Text

from ..display import visible


class SafeConsole(Console):
    """A console for text that comes from notes, decks and file names: no string it prints
    is read as Rich markup (a deck named "Regex [/x]" is shown as named), and every string
    is rendered through `display.visible`, so control characters are shown, not obeyed.
    Rich renders every string it is given (a printed one, a table cell, a title) through
    `render_str`: this is the one place that needs it."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, highlight=False, soft_wrap=True, **kwargs)  # type: ignore[arg-type]

    def render_str(self, text: str, **kwargs: object) -> Text:
        return super().render_str(visible(text), **kwargs)  # type: ignore[arg-type]


def _out() -> Console:
    return SafeConsole()


def _err() -> Console:
    return SafeConsole(stderr=True)


#: How many unanswered questions the import summary lists by name.
UNANSWERED_LISTED = 40


#: The most characters of a note's text a report prints on one line: a note may hold a
#: line of megabytes, which belongs in its deck, not on the terminal.
REPORT_CHARS = 160


def shorten(text: str, limit: int = REPORT_CHARS) -> str:
    """One line of at most `limit` characters, with '…' where text was cut."""
    line = " ".join(text[: 4 * limit].split())  # (a line of megabytes is not split whole)
    return line if len(line) <= limit else line[: limit - 1] + "…"


#: Above this many rows a Rich table takes seconds to lay out; a plain one is printed instead.
RICH_TABLE_ROWS = 80


def _plain_table(
    title: str,
    header: list[str],
    rows: list[list[str]],
    footer: list[str],
    stream: IO[str] | None = None,
) -> None:
    """A fast, aligned text table (first column left, the others right), on stdout unless
    `stream` says otherwise."""
    widths = [max(len(x[i]) for x in [header, footer, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:]))])

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    out = [title, line(header), rule, *(line(r) for r in rows), rule, line(footer)]
    (stream or sys.stdout).write(visible("\n".join(out)) + "\n")
