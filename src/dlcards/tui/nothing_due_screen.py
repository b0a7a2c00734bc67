"""Shown instead of an empty window when no card is due."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static


class NothingDueScreen(Screen[None]):
    BINDINGS = [Binding("q,escape,enter", "app.quit", "Quit")]

    def __init__(self, today: date, next_due: date | None, unanswered: int) -> None:
        super().__init__()
        self.today = today
        self.next_due = next_due
        self.unanswered = unanswered

    def compose(self) -> ComposeResult:
        lines = ["[b]All done — nothing is due.[/]", ""]
        if self.next_due is not None:
            days = (self.next_due - self.today).days
            when = "tomorrow" if days == 1 else f"in {days} days"
            lines.append(f"Next card due {when}, on {self.next_due.isoformat()}.")
        else:
            lines.append("No reviews are scheduled yet.")
        if self.unanswered:
            lines.append(f"{self.unanswered} cards have no answer yet:")
            lines.append("fill them in their deck files to study them.")
        lines += [
            "",
            "[dim]dlcards study --cram reviews cards early, without changing",
            "their schedule. Press q to quit.[/]",
        ]
        with Center(), Vertical(id="nothing-due"):
            yield Static("\n".join(lines))
        yield Footer()
