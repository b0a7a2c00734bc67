"""The committed decks are what `dlcards import notes/` gives, and ship inside the package."""

from __future__ import annotations

import filecmp
from pathlib import Path

from dlcards.cli import main
from dlcards.locations import BUNDLED_DECKS

from .conftest import ROOT


def test_committed_decks_are_the_import_of_the_notes(project: Path) -> None:
    assert main(["import", "notes", "--out", "fresh"]) == 0
    fresh = sorted(p.name for p in (project / "fresh").glob("*.yaml"))
    assert fresh == sorted(p.name for p in (ROOT / "decks").glob("*.yaml"))
    for name in fresh:
        assert (project / "fresh" / name).read_bytes() == (ROOT / "decks" / name).read_bytes(), name


def test_bundled_decks_equal_the_committed_decks() -> None:
    names = sorted(p.name for p in (ROOT / "decks").glob("*.yaml"))
    assert names == sorted(p.name for p in BUNDLED_DECKS.glob("*.yaml"))
    _, mismatch, errors = filecmp.cmpfiles(ROOT / "decks", BUNDLED_DECKS, names, shallow=False)
    assert mismatch == [] and errors == []
