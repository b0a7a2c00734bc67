"""Edit the current card in place: question and answer, saved atomically to its deck file."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from ..decks import Card, DeckError
from ..editing import save_card


class EditScreen(ModalScreen[Card | None]):
    """ctrl+s saves (keeping the card's id), escape cancels."""

    BINDINGS = [Binding("ctrl+s", "save", "Save"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, card: Card, deck_path: Path) -> None:
        super().__init__()
        self.card = card
        self.deck_path = deck_path

    def compose(self) -> ComposeResult:
        with Vertical(id="editor"):
            yield Label(f"Edit card {self.card.id} — {self.deck_path.name}", id="editor-title")
            yield Label("Question")
            yield Input(self.card.question, id="edit-question")
            yield Label("Answer (Markdown)")
            yield TextArea(
                self.card.answer,
                id="edit-answer",
                language="markdown",
                soft_wrap=True,
                tab_behavior="indent",
            )
            yield Label("[dim]ctrl+s save · escape cancel[/]")

    def action_save(self) -> None:
        question = self.query_one("#edit-question", Input).value
        answer = self.query_one("#edit-answer", TextArea).text
        edited = Card(self.card.id, question, answer, self.card.tags, self.card.line)
        try:
            saved = save_card(self.deck_path, edited)
        except (DeckError, OSError) as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
