"""End of a session: what was done, and what tomorrow holds."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..session import Summary


class SummaryScreen(Screen[None]):
    BINDINGS = [Binding("q,escape,enter", "app.quit", "Quit")]

    def __init__(self, summary: Summary, cram: bool = False) -> None:
        super().__init__()
        self.summary = summary
        self.cram = cram

    def compose(self) -> ComposeResult:
        s = self.summary
        minutes, seconds = divmod(round(s.seconds), 60)
        lines = [
            "[b]Session finished[/]",
            "",
            f"Cards reviewed   [b]{s.reviewed}[/]"
            + ("  (cram: no schedule changed)" if self.cram else ""),
            f"Grades given     [b]{s.grades}[/]",
            f"Correct          [b]{s.share_correct:.0%}[/] [dim]· graded Hard or better[/]",
            f"Time spent       [b]{minutes}:{seconds:02d}[/]",
            f"Buried           [b]{s.buried}[/]",
            f"Due tomorrow     [b]{s.due_tomorrow}[/]",
            "",
            "[dim]Every grade is saved. Press q to quit.[/]",
        ]
        with Center(), Vertical(id="summary"):
            yield Static("\n".join(lines))
        yield Footer()
