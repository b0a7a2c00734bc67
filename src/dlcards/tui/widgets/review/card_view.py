"""The card: question, and the answer below it once revealed, both rendered as Markdown.

The speed tricks here are explained in PERFORMANCE.md, *Study screen*.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown, Rule, Static

from .... import media
from ....decks import Card
from ....display import visible
from ....latex import render_math
from ... import pictures


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
    """Question on top; a rule and the answer appear when revealed.  Each side's pictures
    are drawn under its text when the terminal can (see `tui.pictures`); their alt text
    stays in the text either way."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: dict[str, list[Path]] = {"question": [], "answer": []}

    def compose(self) -> ComposeResult:
        # (a link in a card is opened by the app, web and mail links only: StudyApp.open_url)
        yield Markdown(id="question", parser_factory=line_oriented_parser)
        yield Static(id="question-long", classes="long")
        yield Vertical(id="question-pictures", classes="pictures")
        yield Rule(id="divider")
        yield Markdown(id="answer", parser_factory=line_oriented_parser)
        yield Static(id="answer-long", classes="long")
        yield Vertical(id="answer-pictures", classes="pictures")

    def _pictures(self, name: str, text: str, shown: bool, folder: Path | None) -> None:
        """Draw the side's pictures (files of the media folder only), or none."""
        paths: list[Path] = []
        if shown and folder is not None and pictures.enabled():
            for ref in media.referenced(text)[: pictures.MAX_PICTURES]:
                path = media.media_file(folder, ref)
                if path is not None and path not in paths:
                    paths.append(path)
        box = self.query_one(f"#{name}-pictures", Vertical)
        box.display = bool(paths)
        if paths == self._drawn[name]:
            return  # the same pictures (the answer revealed under the same question)
        self._drawn[name] = paths
        box.remove_children()
        if paths:
            box.mount_all([pictures.picture(p) for p in paths])

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

    def show(self, card: Card, revealed: bool, media_folder: Path | None = None) -> None:
        """The question; once revealed, the answer below a rule.  A cloze card is one text:
        its asked deletion shows as `[...]`, and revealing fills it in, highlighted, in
        place (see `dlcards.cloze`).  `media_folder` is the decks' `media/`, where the
        card's pictures are."""
        cloze = card.kind == "cloze"
        below = revealed and not cloze
        top = card.answer if cloze and revealed else card.question
        self._side("question", top, True)
        self._pictures("question", top, True, media_folder)
        self._side("answer", card.answer, below)
        self._pictures("answer", card.answer, below, media_folder)
        self.query_one("#divider").display = below
        self.scroll_home(animate=False)
