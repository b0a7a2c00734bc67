"""The layers hold (import-linter's contracts in pyproject.toml), and what is imported lazily
for start-up time stays lazy: `due` and the deck cache never load the TUI, the exporter or
the note readers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .tui_helpers import make_decks


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="needs import-linter")
def test_the_import_contracts_are_kept() -> None:
    run = subprocess.run(["lint-imports"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "0 broken" in run.stdout


#: What a warm `dlcards due` must not import: each costs start-up time, and none is needed
#: to count due cards from the deck cache.
HEAVY = (
    "textual",
    "genanki",
    "markdown_it",
    "yaml",
    "bs4",
    "nbformat",
    "mammoth",
    "orgparse",
    "rich.progress",
    "dlcards.tui",
    "dlcards.anki",
    "dlcards.parse",
    "dlcards.importer",
    "dlcards.naming",
    "dlcards.reconcile",
    "dlcards.sources",
)


_PROBE = """
import json, sys
from dlcards.cli import main
code = main(["due", "--decks", sys.argv[1], "--db", sys.argv[2]])
print(json.dumps(sorted(sys.modules)))
"""


def test_due_from_the_deck_cache_imports_nothing_heavy(tmp_path: Path) -> None:
    make_decks(tmp_path / "decks")
    args = [sys.executable, "-c", _PROBE, str(tmp_path / "decks"), str(tmp_path / "r.sqlite3")]
    env = {**os.environ, "DLCARDS_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the first run fills the deck cache, the second reads it
        run = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
        assert run.returncode == 0, run.stderr
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    heavy = sorted(m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == [], heavy
