"""One note with every card kind (a basic card, a reversed card, a cloze with two deletions
and an image), imported, studied in the TUI through Pilot, and exported into Anki's own
backend: the counts, the screens and the media agree all the way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from textual.widgets import Markdown

from dlcards.collection import load_decks
from dlcards.store import Store
from dlcards.tui.app import StudyApp

from .anki_helpers import imported_into_anki
from .test_media import PNG_A
from .tui_helpers import TODAY, FakeClock

NOTE = """\
#flashcards
What does a mitochondrion make::ATP, by respiration.

Mitosis:::division of one cell into two identical cells

In {{c1::prophase}} the chromosomes condense; in {{c2::anaphase::a phase}} they part.

What does a plant cell look like::A wall and a large vacuole: ![a plant cell](img/plant.png)
"""


def dlcards(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dlcards", *args], cwd=cwd, capture_output=True, text=True
    )


def _question(app: StudyApp) -> str:
    return app.screen.query_one("#question", Markdown).source


async def test_every_card_kind_from_one_note_to_anki(tmp_path: Path) -> None:
    (tmp_path / "notes" / "img").mkdir(parents=True)
    (tmp_path / "notes" / "img" / "plant.png").write_bytes(PNG_A)
    (tmp_path / "notes" / "cells.md").write_text(NOTE, encoding="utf-8")
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr

    deck = yaml.safe_load((tmp_path / "decks" / "cells.yaml").read_text(encoding="utf-8"))
    entries = deck["cards"]
    assert [e.get("kind", "basic") for e in entries] == ["basic", "basic", "cloze", "basic"]
    assert entries[1]["reverse"] is True and "reverse" not in entries[0]
    assert entries[2]["text"].count("{{c") == 2
    image = entries[3]["answer"].split("](", 1)[1].rstrip(")")
    assert image.startswith("media/") and (tmp_path / "decks" / image).read_bytes() == PNG_A

    decks = load_decks(tmp_path / "decks")
    assert len(decks[0].study_cards) == 6  # 1 + 2 (both ways) + 2 (one per deletion) + 1
    store = Store(tmp_path / "r.sqlite3")
    app = StudyApp(decks, store, TODAY, clock=FakeClock(), choose=False)
    shown: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(6):
            shown.append(_question(app))
            await pilot.press("space", "4")
    assert "What does a mitochondrion make?" in shown[0] or any("mitochondrion" in s for s in shown)
    assert "Mitosis" in shown and "division of one cell into two identical cells" in shown
    assert any(r"\[...\] the chromosomes condense" in s for s in shown)  # deletion 1 asked
    assert any(r"\[a phase\]" in s for s in shown)  # deletion 2 asked, with its hint
    assert len(store.log()) == 6 and len({e.card_id for e in store.log()}) == 6
    store.close()

    out = tmp_path / "cells.apkg"
    run = dlcards(
        "export", "--decks", "decks", "--db", "r.sqlite3", "--with-progress", "-o", str(out),
        cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    with imported_into_anki(tmp_path / "anki.anki2", out, with_scheduling=True) as col:
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        kinds = {n.note_type()["name"]: len(n.cards()) for n in notes}
        cards = sorted(len(n.cards()) for n in notes)
        media = {p.name: p.read_bytes() for p in Path(col.media.dir()).iterdir()}
        reviewed = sum(1 for n in notes for c in n.cards() if c.type == 2)
        backs = " ".join(n.fields[1] for n in notes if len(n.fields) > 1)
    assert len(notes) == 4 and len(kinds) == 3  # three note types: basic, reversed, cloze
    assert cards == [1, 1, 2, 2]  # two basic notes, a reversed one, a cloze of two deletions
    assert reviewed == 6  # every card studied above goes to Anki with its schedule
    name = backs.split('src="', 1)[1].split('"', 1)[0]
    assert media[name] == PNG_A  # the image is in the collection's media folder


async def test_o_opens_the_card_s_image_in_the_system_viewer(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "notes" / "img").mkdir(parents=True)
    (tmp_path / "notes" / "img" / "plant.png").write_bytes(PNG_A)
    (tmp_path / "notes" / "cells.md").write_text(
        "What does a plant cell look like::A wall and a vacuole: ![a plant cell](img/plant.png)\n"
        "What does a mitochondrion make::ATP.\n",
        encoding="utf-8",
    )
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    opened: list[Path] = []
    monkeypatch.setattr(StudyApp, "open_file", lambda self, path: opened.append(path))
    store = Store(tmp_path / "r.sqlite3")
    app = StudyApp(load_decks(tmp_path / "decks"), store, TODAY, clock=FakeClock(), choose=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "plant cell" in _question(app)
        await pilot.press("o")
        assert len(opened) == 1 and opened[0].read_bytes() == PNG_A
        assert opened[0].parent == (tmp_path / "decks" / "media").resolve()
        await pilot.press("space", "4")  # the next card has no image: nothing opens
        await pilot.press("o")
        assert len(opened) == 1
    store.close()
