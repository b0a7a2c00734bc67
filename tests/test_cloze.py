"""Cloze deletions from note to study screen: Anki's syntax and highlights in notes, one deck
entry per paragraph, one study card per deletion number, masked and filled in the TUI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Markdown

from dlcards import cloze
from dlcards.collection import load_decks
from dlcards.decks import DeckError, parse_deck
from dlcards.store import Store
from dlcards.tui.app import StudyApp
from dlcards.tui.edit_screen import EditScreen
from dlcards.tui.review_screen import ReviewScreen

from .anki_helpers import imported_into_anki
from .conftest import FIXTURES, fuzz_examples
from .tui_helpers import TODAY, FakeClock


def dlcards(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dlcards", *args], cwd=cwd, capture_output=True, text=True
    )


def test_mask_fill_and_numbers_follow_anki() -> None:
    text = "The {{c1::ReLU}} is max(0, x); below 0 its gradient is {{c2::zero::a number}}."
    assert cloze.numbers(text) == [1, 2]
    assert cloze.mask(text, 1) == r"The \[...\] is max(0, x); below 0 its gradient is zero."
    assert cloze.mask(text, 2) == r"The ReLU is max(0, x); below 0 its gradient is \[a number\]."
    assert cloze.fill(text, 2) == "The ReLU is max(0, x); below 0 its gradient is **zero**."
    both = "{{c1::Paris}} and {{c1::Rome}} are capitals; {{c3::Bern}} too."
    assert cloze.numbers(both) == [1, 3]  # deletions sharing a number are asked together
    assert cloze.mask(both, 1) == r"\[...\] and \[...\] are capitals; Bern too."
    assert cloze.answers(both, 1) == "Paris, Rome"
    assert cloze.entry_of("3b9e0c2a1f47.c12") == ("3b9e0c2a1f47", 12)
    assert cloze.entry_of("3b9e0c2a1f47") == ("3b9e0c2a1f47", None)


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, dict[str, dict]]:
    shutil.copytree(FIXTURES / "cloze", tmp_path / "notes")
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    decks = {
        p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (tmp_path / "decks").glob("*.yaml")
    }
    return tmp_path, decks


def test_import_writes_highlights_and_anki_deletions_as_cloze_entries(
    imported: tuple[Path, dict[str, dict]],
) -> None:
    tmp_path, decks = imported
    optics = [
        {k: v for k, v in c.items() if k not in ("id", "tags")}
        for c in decks["optics.yaml"]["cards"]
    ]
    assert optics == [
        {
            "kind": "cloze",
            "text": "A {{c1::convex}} lens bends parallel rays towards its {{c2::focal point}}.",
            "line": 4,
        },  # the plugin's schedule comment is gone
        {
            "kind": "cloze",
            "text": "The speed of light in a vacuum is about {{c1::300,000 km/s}}.",
            "line": 7,
        },
        {
            "question": "What is total internal reflection?",
            "answer": "Light meeting a boundary beyond the critical angle is reflected completely.",
            "line": 11,
        },
        {"question": "Snell's law", "answer": "n1 sin θ1 = n2 sin θ2", "line": 15},
    ]  # highlights inside code are no deletions, and that paragraph is no card
    cells = decks["cells.yaml"]["cards"]
    assert [c.get("kind", "basic") for c in cells] == ["basic", "cloze", "cloze"]
    assert "==histones==" in cells[0]["answer"]  # a note not written for flashcards
    assert cells[1]["text"] == (
        "The {{c1::mitochondrion}} makes most of the cell's {{c2::ATP::energy currency}}."
    )
    assert cells[2]["text"] == "Ribosomes build {{c1::proteins}}; in code, `{{c1::x}}` is text."
    before = {p.name: p.read_bytes() for p in (tmp_path / "decks").glob("*.yaml")}
    again = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert again.returncode == 0
    assert {p.name: p.read_bytes() for p in (tmp_path / "decks").glob("*.yaml")} == before


def test_each_deletion_number_is_a_card_with_its_own_id(
    imported: tuple[Path, dict[str, dict]],
) -> None:
    tmp_path, decks = imported
    entry = decks["cells.yaml"]["cards"][1]["id"]
    (deck,) = load_decks(tmp_path / "decks", ["cells"], use_cache=False)
    ids = [c.id for c in deck.study_cards]
    assert ids[1:4] == [f"{entry}.c1", f"{entry}.c2", f"{decks['cells.yaml']['cards'][2]['id']}.c1"]
    run = dlcards("due", "--decks", "decks", "--db", "r.sqlite3", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    cells_row = next(ln for ln in run.stdout.splitlines() if "Cell biology" in ln)
    assert " 4 " in cells_row  # one basic card and three deletion cards, all new


def test_cloze_entries_are_checked_like_any_card(tmp_path: Path) -> None:
    bad = "name: D\ncards:\n- id: a1\n  kind: cloze\n  text: no deletion here\n"
    with pytest.raises(DeckError, match=r"d.yaml:5: card a1: a cloze text needs a deletion"):
        parse_deck(bad, tmp_path / "d.yaml")
    mixed = "name: D\ncards:\n- id: a1\n  kind: cloze\n  question: Q\n  text: '{{c1::x}}'\n"
    with pytest.raises(DeckError, match=r"d.yaml:5: card a1: a cloze has 'text', not 'question'"):
        parse_deck(mixed, tmp_path / "d.yaml")
    unknown = "name: D\ncards:\n- id: a1\n  kind: flip\n  question: Q\n"
    with pytest.raises(DeckError, match=r"d.yaml:4: card a1: unknown kind 'flip'"):
        parse_deck(unknown, tmp_path / "d.yaml")


def _cloze_app(tmp_path: Path) -> tuple[StudyApp, Store]:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "nn.yaml").write_text(
        "name: NN\nsource: notes/nn.md\ncards:\n- id: e1\n  kind: cloze\n"
        "  text: The {{c1::ReLU}} is max(0, x); below 0 its gradient is {{c2::zero::a number}}.\n",
        encoding="utf-8",
    )
    store = Store(tmp_path / "reviews.sqlite3")
    app = StudyApp(load_decks(folder), store, TODAY, clock=FakeClock(), choose=False)
    return app, store


def _shown(app: StudyApp) -> str:
    return app.screen.query_one("#question", Markdown).source


async def test_study_masks_one_deletion_and_reveal_fills_it_in(tmp_path: Path) -> None:
    app, store = _cloze_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        assert _shown(app) == r"The \[...\] is max(0, x); below 0 its gradient is zero."
        await pilot.press("space")
        assert _shown(app) == "The **ReLU** is max(0, x); below 0 its gradient is zero."
        assert not app.screen.query_one("#answer", Markdown).display  # one text, filled in
        await pilot.press("4")
        assert _shown(app) == r"The ReLU is max(0, x); below 0 its gradient is \[a number\]."
        await pilot.press("space", "3")
    assert {e.card_id: e.grade for e in store.log()} == {"e1.c1": 5, "e1.c2": 4}


async def test_edit_screen_edits_the_whole_cloze_text(tmp_path: Path) -> None:
    app, _ = _cloze_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        area = app.screen.query_one("#edit-question")
        assert area.text.startswith("The {{c1::ReLU}} is")
        area.text = "The {{c1::rectified linear unit}} is max(0, x); {{c2::zero::a number}} below."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert _shown(app) == r"The \[...\] is max(0, x); zero below."
    doc = yaml.safe_load((tmp_path / "decks" / "nn.yaml").read_text(encoding="utf-8"))
    assert doc["cards"][0]["text"].startswith("The {{c1::rectified linear unit}}")
    assert doc["cards"][0]["id"] == "e1"


def test_export_gives_anki_cloze_notes_with_one_card_per_deletion(
    imported: tuple[Path, dict[str, dict]],
) -> None:
    from dlcards.study_days import today

    tmp_path, decks = imported
    entry = decks["cells.yaml"]["cards"][1]["id"]  # the mitochondrion: deletions c1 and c2
    with Store(tmp_path / "r.sqlite3") as store:
        store.grade(f"{entry}.c2", 5, today())
    out = tmp_path / "cells.apkg"
    args = ["export", "--decks", "decks", "--db", "r.sqlite3", "--with-progress", "-o", str(out)]
    run = dlcards(*args, cwd=tmp_path)
    assert run.returncode == 0, run.stderr

    def collection_after(package: Path) -> dict[str, tuple[str, str, list[tuple[int, int]]]]:
        with imported_into_anki(tmp_path / "anki.anki2", package, with_scheduling=True) as col:
            found = {}
            for nid in col.find_notes(""):
                note = col.get_note(nid)
                kind = "cloze" if note.note_type()["type"] == 1 else "basic"
                cards = sorted((c.ord, c.ivl) for c in note.cards())
                found[note.fields[0]] = (kind, col.decks.name(note.cards()[0].did), cards)
            return found

    notes = collection_after(out)
    cloze_notes = {k: v for k, v in notes.items() if v[0] == "cloze"}
    assert len(cloze_notes) == 4 and len(notes) == 7
    mito = next(v for k, v in cloze_notes.items() if "mitochondrion" in k)
    assert mito[1] == "dlcards::Cell biology" and [o for o, _ in mito[2]] == [0, 1]
    assert mito[2][1][1] == 1  # the graded deletion goes to Anki with its interval
    text = next(k for k in cloze_notes if "mitochondrion" in k)
    assert "{{c1::mitochondrion}}" in text and "{{c2::ATP::energy currency}}" in text
    assert sum(len(v[2]) for v in cloze_notes.values()) == 6  # 2 + 1 + 2 + 1 deletions
    # a deletion added in the deck: the re-export updates the note and Anki adds its card
    path = tmp_path / "decks" / "cells.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("cell's {{c2", "cell's {{c3::usable}} {{c2"),
        encoding="utf-8",
    )
    again = tmp_path / "again.apkg"
    assert dlcards("export", "--decks", "decks", "-o", str(again), cwd=tmp_path).returncode == 0
    notes = collection_after(again)
    assert len(notes) == 7
    mito = next(v for k, v in notes.items() if "mitochondrion" in k)
    assert [o for o, _ in mito[2]] == [0, 1, 2]


def test_an_unclosed_deletion_is_text_and_a_warning_never_a_card(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "act.md").write_text(
        "#flashcards\nThe {{c1::ReLU is max(0, x) and never closes.\n\n"
        "What is a tensor::An n-dimensional array.\n",
        encoding="utf-8",
    )
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (
        "dlcards: warning: notes/act.md: line 2: a cloze deletion {{c…:: is never closed"
        in run.stderr
    )
    cards = yaml.safe_load((tmp_path / "decks" / "act.yaml").read_text())["cards"]
    assert [c["question"] for c in cards] == ["What is a tensor"]  # "The {{c1" is no question


def test_the_deck_tag_line_is_not_part_of_a_cloze_text(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "act.md").write_text(
        "#flashcards\nThe {{c1::ReLU}} is max(0, x).\n", encoding="utf-8"
    )
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    (entry,) = yaml.safe_load((tmp_path / "decks" / "act.yaml").read_text())["cards"]
    assert entry["text"] == "The {{c1::ReLU}} is max(0, x)." and entry["line"] == 2


def test_editing_one_deletion_keeps_the_other_deletions_ids_and_history(tmp_path: Path) -> None:
    note = tmp_path / "notes" / "act.md"
    note.parent.mkdir()
    note.write_text(
        "#flashcards\nThe {{c1::ReLU}} is max(0, x); below 0 its gradient is {{c2::zero}}.\n",
        encoding="utf-8",
    )
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    (deck,) = load_decks(tmp_path / "decks", use_cache=False)
    first, second = (c.id for c in deck.study_cards)
    with Store(tmp_path / "r.sqlite3") as store:
        store.grade(first, 5, TODAY)
        store.grade(second, 4, TODAY)
    note.write_text(  # the second deletion is reworded in the notes
        "#flashcards\nThe {{c1::ReLU}} is max(0, x); below 0 its gradient is {{c2::0}}.\n",
        encoding="utf-8",
    )
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    (deck,) = load_decks(tmp_path / "decks", use_cache=False)
    assert [c.id for c in deck.study_cards] == [first, second]
    assert "{{c2::0}}" in deck.cards[0].question
    with Store(tmp_path / "r.sqlite3") as store:
        assert store.state(first) is not None and store.state(first).reviews == 1
        assert store.state(second) is not None  # its history stays with the card


@settings(max_examples=fuzz_examples(150), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["{{c1::", "{{c2::", "}}", "::", "==", "text ", "\n", "\n\n", "`", "{{", "c1", "#tag\n"]
        ),
        max_size=30,
    )
)
def test_cloze_markers_in_any_order_never_crash_the_parser(parts: list[str]) -> None:
    from dlcards.parse import parse_note

    for name in ("n.md", "n.txt"):
        note = parse_note("".join(parts), name)
        for card in note.cards:
            if card.kind == "cloze":
                assert cloze.numbers(card.question)  # a cloze has a deletion to ask
