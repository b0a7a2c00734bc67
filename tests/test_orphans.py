"""`dlcards orphans`: cards whose note card is gone but whose history is still in the
database, listed by their last question; one that comes back gets its history back; `--purge`
removes the rest after confirmation, on other machines too once they sync."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
import yaml

from dlcards.cli import main
from dlcards.decks import Card, Deck
from dlcards.session import Session, todays_queue
from dlcards.store import Store
from dlcards.sync import sync

DAY = date(2026, 10, 5)
CARDS = {
    "What does a ReLU output for negative inputs?": "Zero",
    "Why normalise the inputs of a network?": "Gradients behave better",
    "What is a learning-rate schedule?": "A rule for changing the step size during training",
}


def write_note(path: Path, cards: dict[str, str]) -> None:
    path.write_text(
        "Training Flashcards\n" + "".join(f"Q: {q}\nA: {a}\n\n" for q, a in cards.items()),
        encoding="utf-8",
    )


def ids(root: Path) -> dict[str, str]:
    """question -> id over every deck of root/decks."""
    out = {}
    for deck in (root / "decks").glob("*.yaml"):
        for c in yaml.safe_load(deck.read_text(encoding="utf-8"))["cards"]:
            out[c["question"]] = c["id"]
    return out


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A note of three cards imported, two of them reviewed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    write_note(tmp_path / "notes" / "training.txt", CARDS)
    assert main(["import", "notes"]) == 0
    with Store(tmp_path / "r.db") as store:
        for q in list(CARDS)[:2]:
            store.grade(ids(tmp_path)[q], 4, DAY)
    return tmp_path


def orphans(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["orphans", "--db", str(root / "r.db"), *extra])
    return code, capsys.readouterr().out


def test_a_removed_card_is_listed_by_its_question_and_a_return_gets_its_history_back(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = orphans(root, capsys)
    assert code == 0 and "No orphans" in out
    relu, normalise, _ = CARDS
    old_id = ids(root)[normalise]

    # the card leaves the notes: its history stays, named by its question
    write_note(root / "notes" / "training.txt", {k: v for k, v in CARDS.items() if k != normalise})
    assert main(["import", "notes"]) == 0
    code, out = orphans(root, capsys)
    assert code == 0 and old_id in out and "Why normalise the inputs" in out
    assert "1 orphans" in out

    # it comes back in another note (so under another id): the history follows it
    write_note(root / "notes" / "more.txt", {normalise: CARDS[normalise]})
    assert main(["import", "notes"]) == 0
    new_id = ids(root)[normalise]
    assert new_id != old_id
    code, out = orphans(root, capsys)
    assert "came back" in out and new_id in out and "No orphans" in out
    with Store(root / "r.db") as store:
        assert store.state(new_id) is not None and store.state(old_id) is None
        assert [e.card_id for e in store.log()].count(new_id) == 1
        assert store.state(ids(root)[relu]) is not None  # the others untouched


def test_a_card_back_in_its_own_note_keeps_its_id_and_history(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    relu = next(iter(CARDS))
    cid = ids(root)[relu]
    write_note(root / "notes" / "training.txt", {k: v for k, v in CARDS.items() if k != relu})
    assert main(["import", "notes"]) == 0
    assert cid in orphans(root, capsys)[1]
    write_note(root / "notes" / "training.txt", CARDS)
    assert main(["import", "notes"]) == 0
    assert ids(root)[relu] == cid
    assert "No orphans" in orphans(root, capsys)[1]


def test_purge_asks_first_and_removes_only_the_orphans(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    relu, normalise, _ = CARDS
    gone, kept = ids(root)[relu], ids(root)[normalise]
    write_note(root / "notes" / "training.txt", {k: v for k, v in CARDS.items() if k != relu})
    assert main(["import", "notes"]) == 0

    code = main(["orphans", "--db", str(root / "r.db"), "--purge"])  # no terminal, no --yes
    assert code == 1 and "--yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert "Nothing removed" in orphans(root, capsys, "--purge")[1]
    with Store(root / "r.db") as store:
        assert store.state(gone) is not None

    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    code, out = orphans(root, capsys, "--purge")
    assert code == 0 and "Removed 1 reviews of 1 cards" in out
    with sqlite3.connect(root / "r.db") as db:
        count = "SELECT COUNT(*) FROM review_log WHERE card_id = ?"
        assert db.execute(count, (gone,)).fetchone()[0] == 0
        assert db.execute(count, (kept,)).fetchone()[0] == 1
    assert "No orphans" in orphans(root, capsys)[1]


def test_a_purge_reaches_the_other_machine_and_does_not_come_back(tmp_path: Path) -> None:
    shared = tmp_path / "Sync"
    shared.mkdir()
    with Store(tmp_path / "a.db") as a, Store(tmp_path / "b.db") as b:
        b.grade("dropped", 4, DAY, now="2026-10-05T08:00:00.000+00:00")
        b.grade("kept", 4, DAY, now="2026-10-05T08:01:00.000+00:00")
        sync(b, shared)
        sync(a, shared)
        assert a.purge(["dropped"]) == 1
        assert sync(a, shared).undone == 1
        sync(b, shared)
        sync(a, shared)
        assert a.state("dropped") is None and b.state("dropped") is None
        assert a.state("kept") is not None and b.state("kept") is not None


def test_a_study_session_keeps_the_question_it_showed(tmp_path: Path) -> None:
    deck = Deck("bio", "notes/bio.txt", (Card("c1", "What do ribosomes make?", "Proteins"),))
    with Store(tmp_path / "r.db") as store:
        s = Session(todays_queue(store, [deck], DAY), store, DAY, decks=[deck])
        s.grade("good")
        (orphan,) = store.orphans(present=set())
    assert orphan.question == "What do ribosomes make?"
