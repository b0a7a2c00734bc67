"""Hostile and broken input: every case a warning or a one-line error, nothing lost or run."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from dlcards.anki import export_package
from dlcards.anki import package as export_mod
from dlcards.cli import main
from dlcards.decks import Card, Deck, write_deck

BAD_NOTES = {
    "empty.txt": b"",
    "binary.bin": bytes(range(256)) * 40,
    "latin1.txt": "Qu'est-ce qu'une dérivée?\nLa pente de la tangente.\n".encode("latin-1"),
    "cp1252.txt": "What is a “smart quote”?\nA typographic quote – like this.\n".encode("cp1252"),
    "bom.txt": "\ufeffWhat is a BOM?\nA byte order mark.\n".encode(),
    "crlf.txt": b"What is CRLF?\r\nA Windows line ending.\r\nWhat is LF?\r\nA Unix one.\r\n",
    "nested.html": b"<html><body>"
    + b"<div>" * 5000
    + b"<h2>Deep</h2><p>text</p>"
    + b"</div>" * 5000,
    "broken.html": b"<html><body><h2>Open<p>never closed <b><i>bold<h2>What is this?</h2><p>An",
}


def test_bad_notes_warn_and_the_rest_are_imported(project: Path, capsys) -> None:
    folder = project / "notes"
    for name, data in BAD_NOTES.items():
        (folder / name).write_bytes(data)
    (folder / "huge.txt").write_bytes(b"What is this? " + b"x" * 10_000_000)
    assert main(["import", "notes"]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "binary.bin: binary file skipped" in err
    assert "latin1.txt: not UTF-8" in err and "cp1252.txt: not UTF-8" in err
    decks = project / "decks"
    assert (decks / "part-1-flashcards.yaml").exists()
    text = (decks / "cp1252.yaml").read_text(encoding="utf-8")
    assert "“smart quote”" in text and "–" in text
    bom = (decks / "bom.yaml").read_text(encoding="utf-8")
    assert "question: What is a BOM?" in bom and "\ufeff" not in bom
    crlf = (decks / "crlf.yaml").read_text(encoding="utf-8")
    assert "answer: A Windows line ending." in crlf and "\r" not in crlf
    assert "question: Deep" in (decks / "nested.yaml").read_text(encoding="utf-8")
    assert (decks / "broken.yaml").exists()  # broken markup: read as far as it goes, no crash
    assert "nested.html: HTML nested deeper than 150 levels was flattened" in err
    assert (decks / "huge.yaml").stat().st_size > 10_000_000


def test_unreadable_note_is_an_error_naming_it_and_others_import(
    project: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = project / "notes" / "locked.txt"
    locked.write_text("What is locked?\nThis.\n")
    real = Path.read_bytes

    def denied(self: Path) -> bytes:  # chmod 000 does not stop root, so deny it here
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert main(["import", "notes"]) == 1
    err = capsys.readouterr().err
    assert "locked.txt: cannot read (Permission denied)" in err and err.count("\n") == 1
    assert (project / "decks" / "part-1-flashcards.yaml").exists()


def test_note_that_vanishes_mid_run_is_reported(project: Path, capsys, monkeypatch) -> None:
    from dlcards import sources as importer

    real = importer.find_notes

    def find_then_delete(paths):  # the file is listed, then removed before it is read
        found = real(paths)
        (project / "notes" / "lecture-nn-architecture.txt").unlink()
        return found

    monkeypatch.setattr(importer, "find_notes", find_then_delete)
    assert main(["import", "notes"]) == 1
    err = capsys.readouterr().err
    assert "lecture-nn-architecture.txt: cannot read" in err and err.count("\n") == 1
    assert (project / "decks" / "part-1-flashcards.yaml").exists()


def test_a_crash_while_writing_a_package_keeps_the_previous_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = Deck("D", "d", (Card("a", "Q?", "A"),))
    out = tmp_path / "d.apkg"
    export_package([deck], out, mod_time=1_700_000_000)
    before = out.read_bytes()

    def full_disk(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full_disk)
    with pytest.raises(OSError):
        export_package([deck], out, mod_time=1_700_000_001)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.apkg"]  # no temp file left
    assert export_mod  # the module under test


def test_deck_with_python_tag_runs_nothing(tmp_path: Path, capsys) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "evil.yaml").write_text(
        f"name: x\ncards:\n- !!python/object/apply:os.system ['touch {marker}']\n"
    )
    assert main(["due", "--decks", str(tmp_path / "decks"), "--db", str(tmp_path / "r.db")]) == 1
    err = capsys.readouterr().err
    assert "evil.yaml:3: unsafe or unknown tag" in err
    assert not marker.exists()


def test_deck_file_write_failure_leaves_the_old_deck(tmp_path: Path, monkeypatch) -> None:
    from dlcards import decks as decks_mod

    path = tmp_path / "d.yaml"
    write_deck(Deck("D", "d", (Card("a", "Q?", "A"),)), path)
    before = path.read_bytes()
    real_write = os.write

    def half_written(fd: int, data: bytes) -> int:
        real_write(fd, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(decks_mod.os, "write", half_written)
    with pytest.raises(OSError):
        write_deck(Deck("D", "d", (Card("a", "Q?", "A much longer answer now"),)), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["d.yaml"]
