"""The review screen: header with counts, progress, the card, the grade buttons."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from ..display import visible
from ..media import MEDIA_DIR
from ..session import Session
from ..store import StoreBusy
from .keys import REVIEW_KEYS, bindings
from .text import shown
from .widgets.review.card_view import CardView
from .widgets.review.grade_bar import GradeBar
from .widgets.review.progress import SessionProgress

if TYPE_CHECKING:
    from .app import StudyApp

#: How long a grade waits for another process's write before the screen says the database
#: is busy and goes on retrying in the background (every RETRY_EVERY seconds).
GRADE_WAIT = 0.3
RETRY_EVERY = 0.5
BUSY = (
    "The review database is busy: another dlcards process is writing to it. Your grade is"
    " kept and saved as soon as it is free (press another grade to change it); q ends the"
    " session and saves it at the next start."
)
UNWRITABLE = (
    "The review database cannot be written ({reason}). Your grade is kept and retried until"
    " it can be (free some disk space); q ends the session and keeps it for the next start."
)


class ReviewScreen(Screen[None]):
    """One card at a time; every grade is stored before the next card is shown."""

    if TYPE_CHECKING:  # the app this screen runs in, typed (Textual types it as any App)
        app: StudyApp

    BINDINGS: ClassVar[list[BindingType]] = bindings(REVIEW_KEYS)

    def __init__(self, session: Session, title: str) -> None:
        super().__init__()
        self.session = session
        self.title_text = title
        self.revealed = False
        self.pending: str | None = None  # a grade the busy database has not taken yet
        self._retry: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="review"):
            yield Static(id="deck-header")
            yield SessionProgress(id="progress")
            yield CardView(id="card")
            yield Static(id="hint")
            yield Static(id="busy")
            yield GradeBar(id="grades")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_card()

    def refresh_card(self) -> None:
        """Show the current card (question only until revealed)."""
        item = self.session.current
        if item is None:
            self.app.finish_session()
            return
        left = self.session.remaining()
        header = self.query_one("#deck-header", Static)
        mode = " · cram (no schedule changes)" if self.session.cram else ""
        header.update(
            shown(item.deck).stylize("bold")  # (the deck's name is never markup)
            + Content.from_markup(
                f"{mode}   [$primary]new {left['new']}[/]   "
                f"[$error]relearn {left['relearn']}[/]   [$success]review {left['review']}[/]"
            )
        )
        done = self.session.done
        self.query_one(SessionProgress).update(done, done + len(self.session.queue))
        try:
            folder = self.app.deck_path(item.deck).parent / MEDIA_DIR
        except KeyError:  # a deck with no file (built in memory) has no media folder
            folder = None
        self.query_one(CardView).show(item.card, self.revealed, folder)
        grades = self.query_one(GradeBar)
        grades.display = self.revealed
        if self.revealed:
            grades.set_intervals(self.session.intervals())
        self.query_one("#hint", Static).update(
            "" if self.revealed else "[dim]space / enter: show answer   ?: help[/]"
        )

    # -- actions -------------------------------------------------------------------------------

    def action_reveal(self) -> None:
        if not self.revealed and self.session.current is not None:
            self.revealed = True
            self.refresh_card()

    def action_grade(self, grade: str) -> None:
        if not self.revealed or self.session.current is None:
            return
        try:
            # committed to the store before the next card appears
            self.session.grade(grade, wait=GRADE_WAIT)
        except StoreBusy:
            self._hold(grade, BUSY)
            return
        except (sqlite3.OperationalError, OSError) as exc:  # a full disk, a read-only file
            self._hold(grade, UNWRITABLE.format(reason=visible(str(exc))))
            return
        self._graded()

    def _graded(self) -> None:
        self.revealed = False
        self.refresh_card()

    def _hold(self, grade: str, why: str) -> None:
        """The database cannot take the grade now (another process writes to it, the disk is
        full): keep the grade, say why, and retry in the background; the screen stays
        responsive meanwhile."""
        self.pending = grade
        busy = self.query_one("#busy", Static)
        busy.update(Content(why))
        busy.display = True
        if self._retry is None:
            self._retry = self.set_interval(RETRY_EVERY, self._retry_pending)

    def _retry_pending(self) -> None:
        if self.pending is None:
            return
        try:
            self.session.grade(self.pending, wait=0.05)
        except (StoreBusy, sqlite3.OperationalError, OSError):
            return
        self._release()
        self.notify("Grade saved")
        self._graded()

    def _release(self) -> None:
        self.pending = None
        if self._retry is not None:
            self._retry.stop()
            self._retry = None
        self.query_one("#busy", Static).display = False

    def on_grade_bar_graded(self, message: GradeBar.Graded) -> None:
        self.action_grade(message.grade)

    def action_undo(self) -> None:
        if self.pending is not None:  # a grade not saved yet: taking it back is enough
            self._release()
            self.notify("Grade taken back (it was not saved yet)")
            return
        item = self.session.undo()
        if item is None:
            self.notify("Nothing to undo", severity="warning")
            return
        self.revealed = False
        self.notify(f"Undone: {visible(item.card.question[:60])}", markup=False)
        self.refresh_card()

    def action_bury(self) -> None:
        if self.session.current is None:
            return
        self.session.bury()
        self.revealed = False
        self.notify("Buried until tomorrow")
        self.refresh_card()

    def action_edit(self) -> None:
        item = self.session.current
        if item is None:
            return
        from ..locations import BUNDLED_DECKS
        from .edit_screen import EditScreen

        path = self.app.deck_path(item.deck)
        if path.resolve().parent == BUNDLED_DECKS.resolve():
            self.notify(
                "This deck ships with dlcards and is rebuilt on upgrade: import your "
                "notes into your own decks folder to edit cards.",
                severity="warning",
                timeout=8,
            )
            return
        self.app.push_screen(
            EditScreen(item.card, path),
            self._edited,
        )

    def _edited(self, card: object) -> None:
        from ..decks import Card

        if isinstance(card, Card):
            self.session.replace_card(card)
            self.notify("Card saved to its deck")
            self.refresh_card()

    def action_open_image(self) -> None:
        """`o`: the card's first image (copied beside the decks at import) in the system's
        viewer, since a terminal shows only its alt text."""
        item = self.session.current
        if item is None:
            return
        from .. import media

        names = media.referenced(f"{item.card.question}\n{item.card.answer}")
        if not names:
            self.notify("This card has no image", severity="information")
            return
        path = media.media_file(self.app.deck_path(item.deck).parent / MEDIA_DIR, names[0])
        if path is None:
            self.notify(
                f"Image not found: {media.MEDIA_DIR}/{names[0][:60]}",
                severity="warning",
                markup=False,
            )
            return
        self.app.open_file(path)

    def action_help(self) -> None:
        from .help_screen import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_end(self) -> None:
        if self.pending is not None:
            grade = self.pending
            self._release()
            try:
                self.session.grade(grade, wait=1.0)  # a last try
            except (StoreBusy, sqlite3.OperationalError, OSError):
                self.session.defer(grade)  # kept beside the database, replayed next time
        self.app.finish_session()
