"""Cards studied both ways: `question:::answer` and `??` in notes, `reverse: true` in decks,
two study cards with their own ids, and Anki's "Basic (and reversed card)" layout on export."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from textual.widgets import Markdown

from dlcards.collection import load_decks
from dlcards.decks import DeckError, parse_deck
from dlcards.store import Store
from dlcards.tui.app import StudyApp

from .anki_helpers import imported_into_anki
from .conftest import FIXTURES
from .tui_helpers import TODAY, FakeClock


def dlcards(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dlcards", *args], cwd=cwd, capture_output=True, text=True
    )


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, list[dict]]:
    (tmp_path / "notes").mkdir()
    shutil.copy(FIXTURES / "reversed" / "cells-both-ways.md", tmp_path / "notes")
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    deck = yaml.safe_load((tmp_path / "decks" / "cells-both-ways.yaml").read_text())
    return tmp_path, deck["cards"]


def test_notes_mark_cards_studied_both_ways_and_decks_say_reverse(
    imported: tuple[Path, list[dict]],
) -> None:
    tmp_path, cards = imported
    assert [(c["question"], c["answer"], c.get("reverse")) for c in cards] == [
        ("Mitosis", "division of one cell into two identical cells", True),
        ("Which division makes four gametes?", "Meiosis", True),
        ("What is cytokinesis?", "the split of the cytoplasm", None),
    ]
    (deck,) = load_decks(tmp_path / "decks", use_cache=False)
    study = [(c.id, c.question) for c in deck.study_cards]
    first = cards[0]["id"]
    assert study[:2] == [
        (first, "Mitosis"),
        (f"{first}.r", "division of one cell into two identical cells"),
    ]
    assert len(study) == 5
    before = (tmp_path / "decks" / "cells-both-ways.yaml").read_bytes()
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    assert (tmp_path / "decks" / "cells-both-ways.yaml").read_bytes() == before


def test_reverse_must_be_true_or_false_and_never_on_a_cloze(tmp_path: Path) -> None:
    bad = "name: D\ncards:\n- id: a1\n  question: Q\n  answer: A\n  reverse: maybe\n"
    with pytest.raises(DeckError, match=r"d.yaml:6: card a1: 'reverse' must be true or false"):
        parse_deck(bad, tmp_path / "d.yaml")
    cloze = "name: D\ncards:\n- id: a1\n  kind: cloze\n  text: '{{c1::x}}'\n  reverse: true\n"
    with pytest.raises(DeckError, match=r"a cloze cannot be reversed"):
        parse_deck(cloze, tmp_path / "d.yaml")


async def test_both_sides_are_studied_each_with_its_own_history(
    imported: tuple[Path, list[dict]],
) -> None:
    tmp_path, cards = imported
    store = Store(tmp_path / "r.sqlite3")
    app = StudyApp(load_decks(tmp_path / "decks"), store, TODAY, clock=FakeClock(), choose=False)
    shown = []
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            shown.append(app.screen.query_one("#question", Markdown).source)
            await pilot.press("space", "4")
    assert "Mitosis" in shown and "division of one cell into two identical cells" in shown
    assert "Meiosis" in shown  # the reverse of the ?? card
    first = cards[0]["id"]
    assert {first, f"{first}.r"} <= {e.card_id for e in store.log()}
    store.close()


def test_export_gives_two_anki_cards_for_a_reversed_note(
    imported: tuple[Path, list[dict]],
) -> None:
    tmp_path, _ = imported
    out = tmp_path / "both.apkg"
    run = dlcards("export", "--decks", "decks", "--db", "r.sqlite3", "-o", str(out), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    with imported_into_anki(tmp_path / "anki.anki2", out) as col:
        cards_per_note = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            cards_per_note[note.fields[0]] = sorted(c.ord for c in note.cards())
        questions = {
            col.get_card(cid).question(): col.get_card(cid).ord for cid in col.find_cards("")
        }
    assert cards_per_note == {
        "Mitosis": [0, 1],
        "Which division makes four gametes?": [0, 1],
        "What is cytokinesis?": [0],
    }
    assert any("Meiosis" in q and o == 1 for q, o in questions.items())  # the reverse asks it
