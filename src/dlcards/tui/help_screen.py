"""The help overlay: every key of the study screens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from .keys import HELP_KEYS

KEYS = [(k.shown, k.help) for k in HELP_KEYS]


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
