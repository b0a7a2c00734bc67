"""Fuzzed: whatever notes, deck names and file names hold (control characters, escape
sequences, bidi overrides, Rich and Textual markup), no command raises and nothing of it
reaches the terminal raw: every control character leaves as a visible escape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Markdown, Static

from dlcards.cli import main
from dlcards.collection import load_decks
from dlcards.decks import Card, Deck, write_deck
from dlcards.store import Store
from dlcards.tui.app import StudyApp

from .conftest import fuzz_examples
from .tui_helpers import TODAY

#: What must never reach a terminal from user text: C0 controls but newline, DEL, C1
#: controls, bidi embeddings, overrides and isolates.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
PIECES = st.sampled_from(
    [
        "\x1b]0;title\x07",
        "\x1b]52;c;eA==\x07",
        "\x1b[2J",
        "\x1b[31m",
        "\x9b1m",
        "\x07",
        "\x00",
        "\x08",
        "\r",
        "\u202e",
        "\u2066",
        "[",
        "]",
        "[/]",
        "[/x]",
        "[bold red]",
        "[link=file:///etc/passwd]",
        "[@click=app.quit]",
        "$primary",
        "\\",
        "**",
        "`",
        "::",
        "?",
        "Q: ",
        "A: ",
        "\n",
        " ",
        "word",
        "é",
        "中",
    ]
)
TEXT = st.lists(PIECES, min_size=1, max_size=12).map("".join)


def _file_safe(text: str) -> str:
    name = re.sub(r"[/\x00\n]", "_", text).strip() or "note"
    return name[:60]


@settings(
    max_examples=fuzz_examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=TEXT, question=TEXT, answer=TEXT)
def test_cli_output_never_carries_raw_controls_nor_reads_markup(
    tmp_path_factory: pytest.TempPathFactory, capsys, name: str, question: str, answer: str
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    notes = root / "notes"
    notes.mkdir()
    note = notes / f"{_file_safe(name)}.txt"
    note.write_text(f"{name}\nWhat is {question}?\n{answer}\nQ: {question}\nA: {answer}\n")
    deck_dir, db = root / "decks", root / "r.sqlite3"
    for args in (
        ["import", str(notes), "--out", str(deck_dir), "--dry-run"],
        ["import", str(notes), "--out", str(deck_dir)],
        ["due", "--decks", str(deck_dir), "--db", str(db)],
        ["stats", "--decks", str(deck_dir), "--db", str(db)],
    ):
        code = main(args)
        out, err = capsys.readouterr()
        assert code in (0, 1), (args, err)
        assert not RAW.search(out.replace("\t", "")), (args, out)
        assert not RAW.search(err.replace("\t", "")), (args, err)


@settings(max_examples=fuzz_examples(15), deadline=None)
@given(name=TEXT, question=TEXT, answer=TEXT)
async def test_study_screen_shows_any_text_without_raising_or_raw_controls(
    name: str, question: str, answer: str
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "decks"
        deck_name = " ".join(name.split()) or "deck"
        card = Card("f1", question if question.strip() else "q", f"{answer} (answer)")
        write_deck(Deck(deck_name, "notes/n.md", (card,)), folder / "d.yaml")
        store = Store(Path(tmp) / "r.sqlite3")
        app = StudyApp(load_decks(folder), store, TODAY, choose=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("space")
            await pilot.pause()
            shown = [app.screen.query_one(f"#{w}", Markdown).source for w in ("question", "answer")]
            shown.append(str(app.screen.query_one("#deck-header", Static).content))
            for text in shown:
                assert not RAW.search(text.replace("\t", "")), text
            await pilot.press("3")
        store.close()
        assert app.error is None and app.return_code in (0, None)
