#!/usr/bin/env python3
"""Rebuild decks/ from notes/ and copy them into the package as the bundled collection.

    python scripts/rebuild_decks.py

tests/test_bundled.py checks that the two copies are identical and match the notes.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dlcards.cli import main  # noqa: E402


def rebuild() -> int:
    code = main(["import", str(ROOT / "notes"), "--out", str(ROOT / "decks")])
    if code:
        return code
    bundled = ROOT / "src" / "dlcards" / "bundled_decks"
    bundled.mkdir(exist_ok=True)
    for old in bundled.glob("*.yaml"):
        old.unlink()
    for deck in sorted((ROOT / "decks").glob("*.yaml")):
        shutil.copyfile(deck, bundled / deck.name)
    return 0


if __name__ == "__main__":
    sys.exit(rebuild())
