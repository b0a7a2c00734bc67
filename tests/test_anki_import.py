"""`dlcards import FILE.apkg / FILE.colpkg`: a collection studied with Anki's own scheduler,
exported by Anki's own backend in its three package formats, comes in with every note, every
review and the due counts Anki shows for the day."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml

from dlcards.cli import main
from dlcards.reviews import SUSPENDED_UNTIL
from dlcards.store import Store, stamp_ms

pytest.importorskip("anki")
pytest.importorskip("zstandard")

from .anki_helpers import (
    PIXEL_PNG,
    anki_due_counts,
    export_packages,
    studied_collection,
)

FORMATS = ("deck.apkg", "legacy.apkg", "whole.colpkg")


@pytest.fixture(scope="module")
def anki(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The studied collection, its packages, and what Anki itself says of it."""
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("anki")
    collection = studied_collection(folder)
    packages = export_packages(collection, folder)
    col = Collection(str(collection))
    try:
        revlog = col.db.all("SELECT id, cid, ease, time FROM revlog ORDER BY id")
        notes = col.db.scalar("SELECT COUNT(*) FROM notes")
        suspended = col.db.scalar("SELECT COUNT(*) FROM cards WHERE queue = -1")
        buried = col.db.scalar("SELECT COUNT(*) FROM cards WHERE queue IN (-2, -3)")
    finally:
        col.close()
    return {
        "packages": packages,
        "due": anki_due_counts(collection),
        "revlog": revlog,
        "notes": notes,
        "suspended": suspended,
        "buried": buried,
    }


def run(*args: str) -> int:
    return main(list(args))


def due(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, tuple[int, int]]:
    capsys.readouterr()
    assert run("due", "--decks", str(root / "decks"), "--db", str(root / "r.db"), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    return {d["deck"]: (d["new"], d["relearn"] + d["review"]) for d in data["decks"]}


def deck(root: Path, name: str) -> dict:
    return yaml.safe_load((root / "decks" / name).read_text(encoding="utf-8"))


def import_package(root: Path, package: Path) -> int:
    return run("import", str(package), "--out", str(root / "decks"), "--db", str(root / "r.db"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_note_review_and_due_count_comes_in(
    fmt: str, anki: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert anki["suspended"] == 1 and anki["buried"] == 1  # (the collection is as meant)
    assert import_package(tmp_path, anki["packages"][fmt]) == 0
    physics, verbs = deck(tmp_path, "physics.yaml"), deck(tmp_path, "spanish-verbs.yaml")
    assert (physics["name"], verbs["name"]) == ("Physics", "Spanish::Verbs")
    entries = physics["cards"] + verbs["cards"]
    assert len(entries) == anki["notes"]

    # note types: reversed where the reverse card exists, cloze in Anki's syntax, HTML as
    # Markdown, the type-in note a basic card, the image copied beside the decks
    reversed_ = {c["question"] for c in verbs["cards"] if c.get("reverse")}
    assert reversed_ == {f"verbo {i}" for i in range(5)} | {"hablar"}
    (cloze,) = [c for c in physics["cards"] if c.get("kind") == "cloze"]
    assert cloze["text"].startswith("The {{c1::electron}} carries {{c2::-e::a charge}}.")
    assert "See *Millikan*." in cloze["text"]
    law = next(c for c in physics["cards"] if c.get("question") == "Which law is number 3?")
    assert law["answer"] == "**Law** 3\\\nproof"
    typed = next(c for c in physics["cards"] if c.get("question") == "The speed of light?")
    assert typed["answer"] == "c"
    shape = next(c for c in physics["cards"] if c.get("question", "").startswith("Which shape"))
    image = shape["question"].split("](")[1].rstrip(")")
    assert image.startswith("media/") and (tmp_path / "decks" / image).read_bytes() == PIXEL_PNG

    # every revlog row, with its moment, button and answer time
    with Store(tmp_path / "r.db") as store:
        rows = store.log_rows()
        states = store.states()
    assert len(rows) == len(anki["revlog"]) == 301
    grade_of = {1: 1, 2: 3, 3: 4, 4: 5}
    assert sorted((stamp_ms(at), grade, ms) for _, at, grade, _, ms in rows) == sorted(
        (at, grade_of[ease], duration or None) for at, _, ease, duration in anki["revlog"]
    )
    assert sum(1 for s in states.values() if s.buried_until == SUSPENDED_UNTIL) == 1

    # what is due today, deck by deck, as Anki counts it (new; learning + review)
    assert due(tmp_path, capsys) == anki["due"]


def test_importing_the_same_package_again_changes_nothing(
    anki: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = anki["packages"]["deck.apkg"]
    assert import_package(tmp_path, package) == 0

    def snapshot() -> tuple:
        decks = {p.name: p.read_bytes() for p in sorted((tmp_path / "decks").rglob("*.*"))}
        with sqlite3.connect(tmp_path / "r.db") as db:
            tables = tuple(
                db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("card_state", "review_log")
            )
        return decks, tables

    before = snapshot()
    capsys.readouterr()
    assert import_package(tmp_path, package) == 0
    out = capsys.readouterr().out
    assert "0 of 301 reviews added" in out and "0 card states" in out
    assert snapshot() == before


def test_a_hand_edit_survives_a_new_import_and_so_does_a_later_review(
    anki: dict, tmp_path: Path
) -> None:
    from datetime import date

    package = anki["packages"]["whole.colpkg"]
    assert import_package(tmp_path, package) == 0
    path = tmp_path / "decks" / "physics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("**Law** 3", "Law three, by hand"))
    law = next(c for c in deck(tmp_path, "physics.yaml")["cards"] if "three" in c.get("answer", ""))
    with Store(tmp_path / "r.db") as store:
        store.grade(law["id"], 5, date.today(), now="2099-01-01T00:00:00.000+00:00")
        studied = store.state(law["id"])
    assert import_package(tmp_path, package) == 0
    again = next(c for c in deck(tmp_path, "physics.yaml")["cards"] if c["id"] == law["id"])
    assert again["answer"].startswith("Law three, by hand")
    with Store(tmp_path / "r.db") as store:
        assert store.state(law["id"]) == studied  # reviewed here after Anki: dlcards' state


def test_a_damaged_package_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], anki: dict
) -> None:
    bad = tmp_path / "broken.apkg"
    bad.write_bytes(anki["packages"]["deck.apkg"].read_bytes()[:300])
    assert import_package(tmp_path, bad) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "broken.apkg" in err
    assert not (tmp_path / "decks").exists()
    assert not (tmp_path / "r.db").exists() or not Store(tmp_path / "r.db").log_rows()


def test_without_the_anki_extra_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, anki: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "anki.collection", None)  # import fails as if absent
    package = tmp_path / "deck.apkg"
    shutil.copy(anki["packages"]["deck.apkg"], package)
    assert import_package(tmp_path, package) == 1
    assert "pip install 'dlcards[anki]'" in capsys.readouterr().err
