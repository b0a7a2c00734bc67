"""Deck files: schema, safe loading, errors with file and line, atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dlcards import decks
from dlcards.collection import load_decks
from dlcards.decks import Card, Deck, DeckError, deck_to_yaml, load_deck, write_deck

GOOD = """name: Demo
source: notes/demo.txt
cards:
  - id: aaa111
    question: What is 1+1?
    answer: "2"
  - id: bbb222
    question: Name a prime
    answer: |-
      - 2
      - 3
    tags: [math]
    line: 4
"""


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_round_trip_is_byte_identical(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, GOOD))
    assert deck.cards[1] == Card("bbb222", "Name a prime", "- 2\n- 3", ("math",), 4)
    text = deck_to_yaml(deck)
    again = load_deck(write(tmp_path, text, "again.yaml"))
    assert deck_to_yaml(again) == text
    assert "answer: |-\n    - 2\n    - 3" in text  # multi-line answers as literal blocks


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("name: X\ncards:\n  - id: a\n    question: [unclosed\n", 5, "expected"),
        (
            "name: X\ncards:\n  - id: a\n    question: Q\n  - id: a\n    question: R\n",
            5,
            "duplicate card id 'a'",
        ),
        ("name: X\ncards:\n  - id: a\n    question: Q\n    answr: typo\n", 5, "unknown card key"),
        ('name: X\ncards:\n  - id: a\n    question: ""\n', 4, "'question' is empty"),
        ("name: X\ncards: 3\n", 2, "'cards' must be a list"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        (
            "name: X\ncards:\n  - !!python/object/apply:os.system [echo hacked]\n",
            3,
            "unsafe or unknown tag",
        ),
        ("name: X\ncards:\n  - {}: 1\n", 3, "unhashable key"),  # (found by the fuzz test)
    ],
)
def test_bad_decks_are_rejected_with_file_line_and_reason(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DeckError) as err:
        load_deck(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert reason in message
    assert "\n" not in message


def test_ids_must_be_unique_across_the_collection(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "one.yaml")
    write(tmp_path, GOOD.replace("name: Demo", "name: Other"), "two.yaml")
    with pytest.raises(DeckError, match="also used in"):
        load_decks(tmp_path)


def test_load_decks_by_name_or_file_stem(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "one.yaml")
    write(
        tmp_path,
        GOOD.replace("aaa111", "ccc").replace("bbb222", "ddd").replace("Demo", "Two"),
        "two.yaml",
    )
    assert [d.name for d in load_decks(tmp_path, ["two"])] == ["Two"]
    assert [d.name for d in load_decks(tmp_path, ["demo"])] == ["Demo"]
    with pytest.raises(DeckError, match="no deck named 'nope'"):
        load_decks(tmp_path, ["nope"])


def test_failed_write_leaves_the_previous_deck_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, GOOD)
    deck = Deck("Demo", "x", (Card("zzz", "Q?", "A"),))

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(decks.os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_deck(deck, path)
    assert path.read_text(encoding="utf-8") == GOOD
    assert [p.name for p in tmp_path.iterdir()] == ["demo.yaml"]  # no temp file left behind


def test_written_decks_keep_permissions_and_new_ones_follow_the_umask(tmp_path: Path) -> None:
    deck = Deck("Demo", "x", (Card("zzz", "Q?", "A"),))
    old = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.yaml"
        write_deck(deck, fresh)
        assert fresh.stat().st_mode & 0o777 == 0o640
        kept = write(tmp_path, GOOD)
        kept.chmod(0o600)
        write_deck(deck, kept)
        assert kept.stat().st_mode & 0o777 == 0o600
        assert load_deck(kept).cards[0].id == "zzz"
    finally:
        os.umask(old)


def test_short_writes_and_a_leftover_temporary_file_still_give_the_whole_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = Deck("Demo", "x", tuple(Card(f"c{i}", f"Question {i}?", "A" * 50) for i in range(40)))
    path = tmp_path / "demo.yaml"
    # what a crashed process with this process's id would have left behind
    leftover = tmp_path / f".demo.yaml.{os.getpid()}.tmp"
    leftover.write_bytes(b"half a deck")
    real_write = os.write
    monkeypatch.setattr(decks.os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    write_deck(deck, path)
    assert load_deck(path).cards == deck.cards
    assert leftover.read_bytes() == b"half a deck"  # not ours to remove, nor to write into
    assert sorted(p.name for p in tmp_path.iterdir()) == [leftover.name, "demo.yaml"]
