"""Edit the current card in place, saved atomically to its deck file under the same id.

A basic card shows its question and answer; a cloze card shows its entry's whole text, every
deletion in Anki's `{{cN::…}}` syntax (editing it edits every card of the entry).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from ..decks import Card, DeckError
from ..display import visible
from ..editing import entry_of, save_card, studied_as


class EditScreen(ModalScreen[Card | None]):
    """ctrl+s saves (keeping the card's id), escape cancels.  Dismissed with the study card
    as saved (None: cancelled, or the edit removed the card being studied)."""

    BINDINGS = [Binding("ctrl+s", "save", "Save"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, card: Card, deck_path: Path) -> None:
        super().__init__()
        self.card = card
        self.deck_path = deck_path
        self.entry = entry_of(deck_path, card)

    def compose(self) -> ComposeResult:
        cloze = self.entry.kind == "cloze"
        with Vertical(id="editor"):
            title = visible(f"Edit card {self.entry.id} — {self.deck_path.name}")
            yield Label(title, id="editor-title", markup=False)
            yield Label("Text (deletions as {{c1::answer}})" if cloze else "Question", markup=False)
            yield TextArea(
                self.entry.question,
                id="edit-question",
                language="markdown",
                soft_wrap=True,
                classes="cloze" if cloze else "",
            )
            if not cloze:
                yield Label("Answer (Markdown)")
                yield TextArea(
                    self.entry.answer,
                    id="edit-answer",
                    language="markdown",
                    soft_wrap=True,
                    tab_behavior="indent",
                )
            yield Label("[dim]ctrl+s save · escape cancel[/]")

    def action_save(self) -> None:
        question = self.query_one("#edit-question", TextArea).text
        answers = self.query("#edit-answer")
        answer = answers.first(TextArea).text if answers else ""
        edited = self.entry._replace(question=question, answer=answer)
        try:
            # a short wait: an import holding the folder keeps the editor open, text intact,
            # with a note to save again (the TUI must not freeze for an import's length)
            saved = save_card(self.deck_path, edited, wait=1.0)
        except (DeckError, OSError) as exc:
            self.notify(visible(str(exc)), severity="error", timeout=8, markup=False)
            return
        self.dismiss(studied_as(saved, self.card.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
