"""The study app: picks the first screen, runs a session, ends on the summary."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from textual.app import App
from textual.filter import LineFilter
from textual.screen import Screen

from .. import queue
from ..decks import Deck, DeckError
from ..display import visible
from ..kinds import QueueOrder
from ..session import Session, todays_queue
from ..store import Store, StoreError
from .text import TerminalSafe

#: Failures of the world rather than of dlcards: reported in one line, never a traceback.
EXPECTED_ERRORS = (sqlite3.DatabaseError, StoreError, DeckError, OSError)
#: The link schemes a card may open in the browser or mail program.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_TERMINAL_SAFE = TerminalSafe()


class StudyApp(App[None]):
    """`dlcards study`: deck list (when several decks are due), review, summary."""

    CSS_PATH = "dlcards.tcss"
    TITLE = "dlcards"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        decks: list[Deck],
        store: Store,
        today: date,
        *,
        limits: queue.Limits = queue.DEFAULT_LIMITS,
        cram: bool = False,
        choose: bool = True,
        order: str = QueueOrder.REVIEWS_FIRST.value,
        clock: Callable[[], float] = time.monotonic,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.decks = decks
        self.store = store
        self.today = today
        self.limits = limits
        self.cram = cram
        self.choose = choose
        self.order = order
        self.clock = clock
        self.session: Session | None = None
        self.error: Exception | None = None  # what ended the app, when it failed (see above)
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        """SIGTERM and SIGHUP (a closed terminal window, `kill`) end the app as `q` does:
        Textual restores the terminal (normal screen, cursor, line mode) on its way out,
        where the signal's default action would leave it raw.  Every grade is already
        stored.  The exit code is the shell's for the signal (128 + its number)."""
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._end_on_signal, int(signum))

    def _end_on_signal(self, signum: int) -> None:
        self.exit(return_code=128 + signum)

    def _handle_exception(self, error: Exception) -> None:
        """A damaged database, an unreadable deck or a failing disk ends the app without a
        traceback: the error is kept (`self.error`) and `dlcards study` reports it in one line
        once the terminal is restored, exit code 1.  Anything else is a bug: Textual shows it."""
        if isinstance(error, EXPECTED_ERRORS):
            self.error = error
            self.exit(return_code=1)
            return
        super()._handle_exception(error)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the guard that keeps control characters of notes off the
        terminal (see `tui.text`)."""
        return [*super().get_line_filters(), _TERMINAL_SAFE]

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open a link from a card: web and mail links only.  A note's `file:`, `javascript:`
        or custom-scheme link would run whatever the system maps it to."""
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme not in SAFE_SCHEMES:
            self.notify(
                f"Not opened: {visible(url[:80])} (only http, https and mailto links open)",
                severity="warning",
                markup=False,
            )
            return
        super().open_url(url, new_tab=new_tab)

    def open_file(self, path: Path) -> None:
        """Open a file of the decks' media folder in the system's viewer, in the background
        (`xdg-open`, macOS's `open`, Windows' own association); never a URL or a program."""
        import subprocess
        import sys

        try:
            if sys.platform == "win32":
                os.startfile(path)  # type: ignore[attr-defined]
            else:
                opener = "open" if sys.platform == "darwin" else "xdg-open"
                subprocess.Popen(
                    [opener, str(path)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
        except OSError as exc:
            self.notify(
                f"Could not open {path.name}: {exc.strerror or exc}",
                severity="warning",
                markup=False,
            )

    def deck_path(self, name: str) -> Path:
        for deck in self.decks:
            if deck.name == name and deck.path is not None:
                return deck.path
        raise KeyError(name)

    def get_default_screen(self) -> Screen:
        """The first screen is the deck list (when several decks are due) or the session
        itself, built as the app starts rather than pushed over an empty default screen:
        one screen fewer to lay out and paint before the first card."""
        if self.choose and not self.cram and len(self.decks) > 1:
            rows = self._counts()
            busy = [r for r in rows if r.new or r.relearn or r.review]
            if len(busy) > 1:
                from .deck_list_screen import DeckListScreen

                return DeckListScreen(busy)
        return self._session_screen(None)

    def _counts(self) -> list[queue.DeckCounts]:
        return queue.counts(
            self.decks,
            self.store.states(),
            self.today,
            failed_today=self.store.failed_on(self.today),
            done_today=self.store.day_counts(self.today),
            limits=self.limits,
        )

    def start_session(self, deck_names: list[str] | None) -> None:
        """Build today's queue for the named decks (None: all) and show the first card."""
        self.switch_or_push(self._session_screen(deck_names))

    def _session_screen(self, deck_names: list[str] | None) -> Screen:
        """The review screen of today's queue, or the nothing-due screen."""
        decks = [d for d in self.decks if deck_names is None or d.name in deck_names]
        if self.cram:
            items = queue.cram(decks, self.store.states(), self.today)
        else:
            items = todays_queue(
                self.store, decks, self.today, limits=self.limits, order=self.order
            )
        if not items:
            from .nothing_due_screen import NothingDueScreen

            rows = queue.counts(decks, self.store.states(), self.today)
            upcoming = [r.next_due for r in rows if r.next_due]
            return NothingDueScreen(
                self.today,
                min(upcoming) if upcoming else None,
                sum(d.unanswered for d in decks),
            )
        self.session = Session(
            items,
            self.store,
            self.today,
            cram=self.cram,
            clock=self.clock,
            decks=decks,
        )
        from .review_screen import ReviewScreen

        title = decks[0].name if len(decks) == 1 else "All decks"
        return ReviewScreen(self.session, title)

    def switch_or_push(self, screen: Screen) -> None:
        """Replace the top screen, unless it is the first one (Textual cannot switch that)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def finish_session(self) -> None:
        """End the session (queue empty, or q): the summary screen."""
        from .summary_screen import SummaryScreen

        if self.session is None:
            self.exit()
            return
        self.switch_or_push(SummaryScreen(self.session.finish(), cram=self.cram))
