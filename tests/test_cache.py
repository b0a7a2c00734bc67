"""The deck cache: used while deck files are unchanged, invalidated the moment one changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dlcards import decks as decks_mod
from dlcards.cache import cache_file
from dlcards.decks import DeckError, load_decks

from .test_decks import GOOD


def test_cache_is_used_and_invalidated_when_a_deck_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "d.yaml").write_text(GOOD, encoding="utf-8")
    first = load_decks(tmp_path)
    assert cache_file(tmp_path).exists()
    parsed: list[Path] = []
    real = decks_mod.load_deck
    monkeypatch.setattr("dlcards.cache.load_deck", lambda p: parsed.append(p) or real(p))
    assert load_decks(tmp_path) == first and parsed == []  # served from the cache
    path = tmp_path / "d.yaml"
    path.write_text(GOOD.replace("Name a prime", "Name an even prime"), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    again = load_decks(tmp_path)
    assert parsed == [path]
    assert again[0].cards[1].question == "Name an even prime"


def test_a_broken_deck_is_reported_even_after_being_cached(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(GOOD, encoding="utf-8")
    load_decks(tmp_path)
    path.write_text(GOOD + "  - broken: [\n", encoding="utf-8")
    with pytest.raises(DeckError, match=r"d\.yaml"):
        load_decks(tmp_path)


def test_a_corrupt_cache_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(GOOD, encoding="utf-8")
    load_decks(tmp_path)
    cache_file(tmp_path).write_bytes(b"\x00garbage")
    assert load_decks(tmp_path)[0].name == "Demo"
