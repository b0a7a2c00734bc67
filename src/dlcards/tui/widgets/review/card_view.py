"""The card: question, and the answer below it once revealed, both rendered as Markdown.

The speed tricks here are explained in PERFORMANCE.md, *Study screen*.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Rule, Static

from ....decks import Card
from ....display import visible
from ....latex import render_math


def for_terminal(text: str) -> str:
    """Markdown as the terminal shows it: LaTeX turned into readable Unicode, and control
    characters (an escape sequence in a note) written out visibly, never sent."""
    return visible(render_math(text))


def line_oriented_parser() -> MarkdownIt:
    """GitHub-like Markdown where a line break in the notes stays a line break.

    Notes are written line by line ("- item", "=> consequence"); joining those lines into one
    paragraph, as plain Markdown would, garbles them.
    """
    md = MarkdownIt("gfm-like")
    md.core.ruler.push("line_breaks", _hard_breaks)
    return md


def _hard_breaks(state: StateCore) -> None:
    """Turn every soft line break into a hard one (Textual renders soft breaks as spaces)."""
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "softbreak":
                child.type = "hardbreak"


#: Textual's Markdown widget builds a widget per block (list item, paragraph, code line run):
#: about 10 ms each, so a 500-bullet answer took 5 s to reveal.  Text longer than this is
#: drawn by Rich's Markdown instead (one widget; 2,000 bullets in 0.2 s) ...
LONG_LINES = 60
LONG_CHARS = 6000
#: ... and at most this much of it, with a closing line saying how much more the deck holds.
SHOWN_LINES = 1500
SHOWN_CHARS = 150_000


def bounded(text: str) -> tuple[str, int]:
    """(the part of `text` to draw, how many of its lines are left out).  The cut falls at a
    line break, and a code fence left open by it is closed."""
    lines = text.split("\n")
    if len(lines) <= SHOWN_LINES and len(text) <= SHOWN_CHARS:
        return text, 0
    kept: list[str] = []
    size = 0
    for line in lines[:SHOWN_LINES]:
        if size + len(line) > SHOWN_CHARS:
            break
        kept.append(line[:SHOWN_CHARS])
        size += len(line) + 1
    fences = sum(1 for ln in kept if ln.lstrip().startswith(("```", "~~~")))
    if fences % 2:
        kept.append("```")
    return "\n".join(kept), len(lines) - len(kept)


def _hard_line_breaks(text: str) -> str:
    """Each line break outside code a hard one (two trailing spaces), as `_hard_breaks`
    makes them for Textual's Markdown: notes are written line by line."""
    out, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            out.append(line)
        else:
            out.append(line if fenced or not line.strip() else line + "  ")
    return "\n".join(out)


class CardView(VerticalScroll, can_focus=False):
    """Question on top; a rule and the answer appear when revealed."""

    def compose(self) -> ComposeResult:
        # (a link in a card is opened by the app, web and mail links only: StudyApp.open_url)
        yield Markdown(id="question", parser_factory=line_oriented_parser)
        yield Static(id="question-long", classes="long")
        yield Rule(id="divider")
        yield Markdown(id="answer", parser_factory=line_oriented_parser)
        yield Static(id="answer-long", classes="long")

    def _side(self, name: str, text: str, shown: bool) -> None:
        short = self.query_one(f"#{name}", Markdown)
        long = self.query_one(f"#{name}-long", Static)
        text = for_terminal(text) if shown else ""
        if text.count("\n") < LONG_LINES and len(text) < LONG_CHARS:
            short.update(text)
            short.display, long.display = shown, False
            long.update("")
            return
        from rich.console import Group
        from rich.markdown import Markdown as RichMarkdown
        from rich.text import Text

        part, left = bounded(text)
        body: list[object] = [RichMarkdown(_hard_line_breaks(part), hyperlinks=False)]
        if left:
            body.append(
                Text(
                    f"… {left:,} more lines not shown: the whole text is in the deck file.",
                    style="dim italic",
                )
            )
        short.update("")
        long.update(Group(*body))  # type: ignore[arg-type]
        short.display, long.display = False, True

    def show(self, card: Card, revealed: bool) -> None:
        """The question; once revealed, the answer below a rule.  A cloze card is one text:
        its asked deletion shows as `[...]`, and revealing fills it in, highlighted, in
        place (see `dlcards.cloze`)."""
        cloze = card.kind == "cloze"
        below = revealed and not cloze
        self._side("question", card.answer if cloze and revealed else card.question, True)
        self._side("answer", card.answer, below)
        self.query_one("#divider").display = below
        self.scroll_home(animate=False)
