"""Choose what to study: every deck with its due counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ..display import visible
from ..queue import DeckCounts
from .keys import DECK_LIST_KEYS, bindings

if TYPE_CHECKING:
    from .app import StudyApp


class DeckListScreen(Screen[None]):
    if TYPE_CHECKING:  # the app this screen runs in, typed (Textual types it as any App)
        app: StudyApp

    BINDINGS: ClassVar[list[BindingType]] = bindings(DECK_LIST_KEYS)

    def __init__(self, rows: list[DeckCounts]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="deck-list"):
            yield Static(
                "[b]Decks[/]  [dim]enter: study the deck · a: study all · q: quit[/]",
                id="deck-list-title",
            )
            yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("deck", key="deck")
        for col in ("new", "relearn", "review", "cards"):
            table.add_column(col, key=col)
        for r in self.rows:
            table.add_row(
                Text(visible(r.deck)),  # a str cell would be read as markup
                Text(str(r.new), style="bold dodger_blue2"),
                Text(str(r.relearn), style="bold red3"),
                Text(str(r.review), style="bold green4"),
                Text(str(r.total)),
                key=r.deck,
            )
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.app.start_session([str(event.row_key.value)])

    def action_study_one(self) -> None:
        table = self.query_one(DataTable)
        if self.rows:
            self.app.start_session([self.rows[table.cursor_row].deck])

    def action_study_all(self) -> None:
        self.app.start_session(None)

    def action_help(self) -> None:
        from .help_screen import HelpScreen

        self.app.push_screen(HelpScreen())
