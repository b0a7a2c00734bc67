"""The help overlay: every key of the study screens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("space / enter", "show the answer"),
    ("1", "Again: forgotten (comes back this session)"),
    ("2", "Hard: recalled with effort (comes back this session)"),
    ("3", "Good: recalled"),
    ("4", "Easy: recalled at once"),
    ("u", "undo the last grade or burial"),
    ("e", "edit this card (saved to its deck file)"),
    ("s", "bury: skip this card until tomorrow"),
    ("?", "this help"),
    ("q / escape", "end the session (summary)"),
    ("a", "deck list: study all decks"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q,enter,space", "close", "Close")]

    def compose(self) -> ComposeResult:
        rows = "\n".join(f"[b]{k:>14}[/]  {v}" for k, v in KEYS)
        with Vertical(id="help"):
            yield Static("[b]Keys[/]", id="help-title")
            yield Static(rows)
            yield Static("[dim]Grades follow SM-2: Again=1, Hard=3, Good=4, Easy=5.[/]")

    def action_close(self) -> None:
        self.dismiss(None)
