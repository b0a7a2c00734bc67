"""The deck cache: used while deck files are unchanged, invalidated the moment one changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dlcards import decks as decks_mod
from dlcards.cache import PARALLEL_FROM, cache_file
from dlcards.collection import load_decks
from dlcards.decks import DeckError

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


def _many_decks(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        cards = "".join(
            f"- id: d{i}c{k}\n  question: Question {k} of deck {i}?\n  answer: Answer {k}\n"
            for k in range(5)
        )
        (folder / f"d{i:02d}.yaml").write_text(
            f"name: Deck {i}\nsource: notes/d{i}.txt\ncards:\n{cards}", encoding="utf-8"
        )


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="parallel parsing needs two cores")
def test_many_changed_decks_are_parsed_in_parallel_into_the_same_decks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "decks"
    _many_decks(folder, PARALLEL_FROM + 12)
    pids = tmp_path / "pids"
    real = decks_mod.load_deck

    def recording(path: Path):  # runs in the worker processes: they share only the disk
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return real(path)

    monkeypatch.setattr("dlcards.cache.load_deck", recording)
    cold = load_decks(folder)
    assert cold == load_decks(folder, use_cache=False)
    assert [d.path for d in cold] == sorted(folder.glob("*.yaml"))
    workers = set(pids.read_text().split())
    assert len(workers) >= 2 and str(os.getpid()) not in workers
    assert load_decks(folder) == cold  # and cached: the warm start reads them back


def test_a_broken_deck_among_many_is_named_with_its_line(tmp_path: Path, capsys) -> None:
    from dlcards.cli import main

    folder = tmp_path / "decks"
    _many_decks(folder, PARALLEL_FROM + 12)
    broken = folder / "d37.yaml"
    broken.write_text(broken.read_text().replace("answer: Answer 1\n", "answer: [\n"))
    assert main(["due", "--decks", str(folder), "--db", str(tmp_path / "r.sqlite3")]) == 1
    err = capsys.readouterr().err.strip()
    with pytest.raises(DeckError) as one_by_one:  # the message parsing it alone gives
        decks_mod.load_deck(broken)
    assert err == f"dlcards: error: {one_by_one.value}" and f"{broken}:10:" in err
    assert not cache_file(folder).exists()  # nothing half-written
