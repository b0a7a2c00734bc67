"""`dlcards study notes/` (and `due`, `export`): notes named instead of decks are imported
first, then studied: edit-then-study is one command, and a card keeps its history."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest
import yaml

from dlcards.cli import main
from dlcards.store import Store

NOTE = Path(__file__).resolve().parent.parent / "notes" / "nn-basics-2-flashcards.txt"
OLD = "To tackle overfitting on the specific examples from the dataset"
NEW = "To fight overfitting: more varied examples than the dataset holds"


@pytest.fixture
def collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's note in notes/, imported into decks/, one card reviewed twelve days ago."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    shutil.copy(NOTE, tmp_path / "notes" / NOTE.name)
    assert main(["import", "notes"]) == 0
    with Store(tmp_path / "reviews.sqlite3") as store:
        store.grade(card_id(tmp_path, OLD), 4, date(2026, 2, 18))
    return tmp_path


def card_id(root: Path, answer_start: str) -> str:
    doc = yaml.safe_load((root / "decks" / f"{NOTE.stem}.yaml").read_text(encoding="utf-8"))
    (card,) = [c for c in doc["cards"] if (c["answer"] or "").startswith(answer_start)]
    return card["id"]


def edit_note(root: Path) -> None:
    note = root / "notes" / NOTE.name
    note.write_text(note.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")


def test_study_notes_shows_the_edited_answer_and_keeps_the_history(collection: Path) -> None:
    from .test_tui_crash import StudyProcess

    cid = card_id(collection, OLD)
    edit_note(collection)
    db = collection / "reviews.sqlite3"
    study = StudyProcess(collection, db, deck=str(collection / "notes"))
    try:
        deadline = time.monotonic() + 30
        study.wait_for(b"Why use data augmentation?", deadline)  # the one review due
        study.press(b" ")
        study.wait_for(b"To fight overfitting", deadline)  # the answer as the note now says
    finally:
        study.kill()
    assert card_id(collection, NEW[:20]) == cid  # the same card, in the rewritten deck
    with Store(db) as store:
        assert [(e.card_id, e.day) for e in store.log()] == [(cid, date(2026, 2, 18))]
        assert store.state(cid).state.interval == 1


def test_the_import_summary_shows_only_when_the_notes_changed(
    collection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["due", "notes", "--today", "2026-03-02", "--json", "--db", "reviews.sqlite3"]
    capsys.readouterr()
    assert main(argv) == 0
    nothing = capsys.readouterr()
    assert nothing.err == "" and '"review": 1' in nothing.out  # unchanged: no table
    edit_note(collection)
    assert main(argv) == 0
    changed = capsys.readouterr()
    assert changed.err.startswith("Import") and "wrote 1 decks to decks" in changed.err
    assert changed.out.lstrip().startswith("{")  # the JSON alone on stdout


def test_a_conflict_stops_before_anything_is_studied(
    collection: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = collection / "decks" / f"{NOTE.stem}.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace(OLD, "My own words"), "utf-8")
    edit_note(collection)  # the same card, edited in the notes too
    before = deck.read_bytes()
    assert main(["study", "notes", "--today", "2026-03-02", "--db", "reviews.sqlite3"]) == 1
    err = capsys.readouterr().err
    assert "--force" in err  # the import's own message: which card, and how to choose
    assert err.strip().splitlines()[-1] == (
        "dlcards: error: the notes were not imported (see above); nothing else was done"
    )
    assert deck.read_bytes() == before  # the hand edit is still there


def test_export_of_notes_packs_what_the_notes_say(collection: Path) -> None:
    edit_note(collection)
    assert main(["export", "notes", "-o", "out.apkg", "--db", "reviews.sqlite3"]) == 0
    import sqlite3
    import zipfile

    with zipfile.ZipFile(collection / "out.apkg") as z:
        z.extract("collection.anki2", collection)
    db = sqlite3.connect(collection / "collection.anki2")
    fields = [row[0] for row in db.execute("SELECT flds FROM notes")]
    db.close()
    assert any("To fight overfitting" in f for f in fields)
    assert not any(OLD in f for f in fields)
