"""Hostile text in the study TUI (issue #14): the real `dlcards study` in a pseudo-terminal,
its raw output read byte for byte, and Pilot for what the widgets hold."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from textual.widgets import Markdown

from dlcards.collection import load_decks
from dlcards.decks import Card, Deck, write_deck
from dlcards.store import Store
from dlcards.tui.app import StudyApp

from .test_tui_crash import StudyProcess
from .tui_helpers import TODAY

#: What a hostile note can hold: a window title (OSC 0), a clipboard write (OSC 52), a
#: cleared screen, and Textual markup that would style, link or crash.
TITLE = "\x1b]0;pwned-title\x07"
CLIPBOARD = "\x1b]52;c;cGF5bG9hZA==\x07"
CLEAR = "\x1b[2J\x1b[H"
DECK_NAME = "Regex [/x] [bold red]loud[/] [link=file:///etc/passwd]link[/link]"


def hostile_decks(folder: Path) -> None:
    cards = (
        Card("h1", f"What is {TITLE}this{CLIPBOARD}?", f"Nothing{CLEAR} at all [b]bold?[/b]"),
        Card("h2", "Where does [this](file:///etc/passwd) lead?", "Nowhere."),
    )
    write_deck(Deck(DECK_NAME, "notes/h.md", cards), folder / "hostile.yaml")


def test_escape_sequences_and_markup_from_decks_never_reach_the_terminal(tmp_path: Path) -> None:
    hostile_decks(tmp_path / "decks")
    db = tmp_path / "reviews.sqlite3"
    study = StudyProcess(tmp_path, db, deck="hostile")
    deadline = time.monotonic() + 90
    try:
        study.wait_for(b"pwned-title", deadline)  # the question is on screen, as text
        study.press(b" ")
        study.wait_for(b"Good", deadline)
        study.read(0.5)
        raw = study.screen
        assert study.proc.poll() is None  # no MarkupError, no crash
    finally:
        study.kill()
    assert b"\x1b]0;pwned" not in raw and b"\x1b]52;" not in raw  # no title, no clipboard
    assert b"\\x1b]0;pwned-title\\x07" in raw  # shown, visibly
    assert b"Regex [/x] [bold red]loud[/]" in raw  # the deck name as written, not styled
    assert b"[b]bold?[/b]" in raw or b"bold?" in raw


def test_sigterm_and_sighup_restore_the_terminal_and_keep_every_grade(tmp_path: Path) -> None:
    from .tui_helpers import make_decks

    make_decks(tmp_path / "decks")
    for sig in (signal.SIGTERM, signal.SIGHUP):
        db = tmp_path / f"{sig.name}.sqlite3"
        study = StudyProcess(tmp_path, db)
        deadline = time.monotonic() + 90
        try:
            study.wait_for(b"easiness", deadline)
            study.press(b" ")
            study.wait_for(b"Good", deadline)
            study.press(b"3")
            study.wait_for(b"momentum", deadline)  # the grade is stored, the next card shown
            study.screen = b""
            os.kill(study.proc.pid, sig)
            code = study.proc.wait(timeout=30)
            study.read(0.3)
        finally:
            study.kill()
        assert code == 128 + sig, sig.name
        assert b"\x1b[?1049l" in study.screen  # back to the normal screen
        assert b"\x1b[?25h" in study.screen  # the cursor shown again
        with Store(db) as store:
            assert [e.card_id for e in store.log()] == ["a0"]


async def test_links_in_cards_open_only_web_and_mail(tmp_path: Path, monkeypatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    hostile_decks(tmp_path / "decks")
    app = StudyApp(
        load_decks(tmp_path / "decks"), Store(tmp_path / "r.sqlite3"), TODAY, choose=False
    )
    async with app.run_test(size=(100, 30)) as pilot:
        question = app.screen.query_one("#question", Markdown)
        for href in (
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ssh://evil",
            "https://example.org/x",
            "mailto:me@example.org",
        ):
            question.post_message(Markdown.LinkClicked(question, href))
            await pilot.pause()
        assert opened == ["https://example.org/x", "mailto:me@example.org"]
        warnings = [str(n.message) for n in app._notifications]
        assert sum("Not opened" in w for w in warnings) == 3
