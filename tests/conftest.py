"""Shared fixtures: paths to the user's notes, the gold labels, and a temporary project."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "notes"
GOLD = Path(__file__).resolve().parent / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary project folder holding a copy of the user's notes, as the working dir."""
    shutil.copytree(NOTES, tmp_path / "notes")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DLCARDS_DB", str(tmp_path / "reviews.sqlite3"))
    return tmp_path


@pytest.fixture(autouse=True)
def _own_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own deck cache folder, never the user's."""
    monkeypatch.setenv("DLCARDS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def fuzz_examples(default: int) -> int:
    """Examples per property test: `default` in CI, more with DLCARDS_FUZZ_EXAMPLES (fuzz.py)."""
    return int(os.environ.get("DLCARDS_FUZZ_EXAMPLES", default))
