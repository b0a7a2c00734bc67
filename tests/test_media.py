"""Images of notes, end to end: copied beside the decks under content-addressed names, a
missing one reported with its note and line, and packed into the `.apkg` for Anki."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from .anki_helpers import imported_into_anki

#: The smallest PNG files: two different pictures, each a valid image.
PNG_A = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)
PNG_B = PNG_A.replace(b"\xc9\xfe\x92\xef", b"\x00\x00\x00\x00")


def dlcards(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dlcards", *args], cwd=cwd, capture_output=True, text=True
    )


def _notes(root: Path) -> None:
    for folder, picture in (("week1", PNG_A), ("week2", PNG_B)):
        (root / "notes" / folder / "img").mkdir(parents=True)
        (root / "notes" / folder / "img" / "image.png").write_bytes(picture)
        (root / "notes" / folder / "cells.md").write_text(
            "## What does a cell look like?\n\n![a cell](img/image.png)\n\n"
            "## Where is the nucleus?\n\nIn the middle: ![lost](img/missing.png)\n",
            encoding="utf-8",
        )


def test_images_are_copied_beside_the_decks_and_missing_ones_reported(tmp_path: Path) -> None:
    _notes(tmp_path)
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "cells.md: line 5: image 'img/missing.png' not found" in run.stderr + run.stdout
    stored = sorted(p.name for p in (tmp_path / "decks" / "media").iterdir())
    assert len(stored) == 2 and all(name.endswith(".png") for name in stored)  # no clash
    answers = []
    for deck in ("week1-cells.yaml", "week2-cells.yaml"):
        cards = yaml.safe_load((tmp_path / "decks" / deck).read_text())["cards"]
        answers.append(cards[0]["answer"])
        assert cards[1]["answer"] == "In the middle: ![lost](img/missing.png)"  # kept as written
    assert {a.removeprefix("![a cell](media/").removesuffix(")") for a in answers} == set(stored)
    before = {p.name: p.read_bytes() for p in (tmp_path / "decks").rglob("*.yaml")}
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    assert {p.name: p.read_bytes() for p in (tmp_path / "decks").rglob("*.yaml")} == before


def test_exported_packages_carry_their_images_into_anki(tmp_path: Path) -> None:
    _notes(tmp_path)
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    out = tmp_path / "cells.apkg"
    run = dlcards("export", "--decks", "decks", "--db", "r.sqlite3", "-o", str(out), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    with imported_into_anki(tmp_path / "anki.anki2", out) as col:
        media_dir = Path(col.media.dir())
        backs = [col.get_note(nid).fields[1] for nid in col.find_notes("")]
    shown = [b for b in backs if "<img" in b and "a cell" in b]
    assert len(shown) == 2
    for back in shown:
        name = back.split('src="', 1)[1].split('"', 1)[0]
        assert "/" not in name and (media_dir / name).read_bytes() in (PNG_A, PNG_B)


def test_an_obsidian_embed_is_found_anywhere_in_the_vault(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    (vault / "attachments").mkdir(parents=True)
    (vault / "attachments" / "diagram.png").write_bytes(PNG_A)
    (vault / "biology").mkdir()
    (vault / "biology" / "cells.md").write_text(
        "#flashcards\nWhat does a cell look like?\n?\n![[diagram.png]]\n", encoding="utf-8"
    )
    run = dlcards("import", "vault", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "not found" not in run.stderr + run.stdout
    (card,) = yaml.safe_load((tmp_path / "decks" / "cells.yaml").read_text())["cards"]
    name = card["answer"].split("](media/", 1)[1].rstrip(")")
    assert (tmp_path / "decks" / "media" / name).read_bytes() == PNG_A
