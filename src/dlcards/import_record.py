"""The import record beside the decks (`.dlcards-import.json`): per deck file, what the last
import read and wrote, so unchanged notes are skipped and hand edits are told from changes."""

from __future__ import annotations

import json
from pathlib import Path

from .decks import atomic_write
from .locations import IMPORT_RECORD

RECORD = IMPORT_RECORD


class Record:
    """The import record beside the decks, one entry per deck file.

    An entry holds the SHA-1 of the note and of the deck as last imported (so unchanged pairs
    are skipped without parsing), the card fingerprints the notes gave (to recognise hand
    edits), and the summary figures to report for a skipped file.
    """

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / RECORD
        self.data: dict[str, dict] = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            decks = raw.get("decks", {}) if isinstance(raw, dict) else {}
            decks = decks if isinstance(decks, dict) else {}
            self.data = {k: v for k, v in decks.items() if _sound_entry(v)}
        except (OSError, ValueError):
            self.data = {}
        self.changed = False

    def put(self, deck_file: str, entry: dict) -> None:
        if self.data.get(deck_file) != entry:
            self.data[deck_file] = entry
            self.changed = True

    def get(self, deck_file: str) -> dict | None:
        return self.data.get(deck_file)

    def save(self) -> None:
        if not self.changed and self.path.exists():
            return
        # compact: json's C encoder does not indent, and with 100,000 cards the record is
        # megabytes that the main process writes after every import
        text = json.dumps(
            {"version": 2, "decks": self.data},
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        atomic_write(self.path, (text + "\n").encode("utf-8"))


def _sound_entry(entry: object) -> bool:
    """A record entry of the shape this module writes (a damaged or hand-made one is
    dropped: its deck is then imported as if for the first time, its hand edits kept)."""
    if not isinstance(entry, dict):
        return False
    texts = ("note", "deck", "format", "name", "source")
    if any(k in entry and not isinstance(entry[k], str) for k in texts):
        return False
    cards = entry.get("cards", {})
    if not isinstance(cards, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in cards.items()
    ):
        return False
    lists = ("unanswered", "warnings")
    if any(
        not isinstance(entry.get(k, []), list) or not all(isinstance(x, str) for x in entry[k])
        for k in lists
        if k in entry
    ):
        return False
    count = entry.get("count", 0)
    return isinstance(count, int) and not isinstance(count, bool)
