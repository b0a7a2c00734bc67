"""The card: question, and the answer below it once revealed, both rendered as Markdown."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Rule

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


class CardView(VerticalScroll, can_focus=False):
    """Question on top; a rule and the answer appear when revealed."""

    def compose(self) -> ComposeResult:
        # (a link in a card is opened by the app, web and mail links only: StudyApp.open_url)
        yield Markdown(id="question", parser_factory=line_oriented_parser)
        yield Rule(id="divider")
        yield Markdown(id="answer", parser_factory=line_oriented_parser)

    def show(self, card: Card, revealed: bool) -> None:
        """The question; once revealed, the answer below a rule.  A cloze card is one text:
        its asked deletion shows as `[...]`, and revealing fills it in, highlighted, in
        place (see `dlcards.cloze`)."""
        cloze = card.kind == "cloze"
        shown = card.answer if cloze and revealed else card.question
        self.query_one("#question", Markdown).update(for_terminal(shown))
        answer = self.query_one("#answer", Markdown)
        below = revealed and not cloze
        answer.update(for_terminal(card.answer) if below else "")
        self.query_one("#divider").display = below
        answer.display = below
        self.scroll_home(animate=False)
