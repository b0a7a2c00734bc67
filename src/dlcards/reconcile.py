"""Reconciling a note's new cards with its deck on disk: hand edits kept, conflicts refused.

Hand edits are recognised with the import record (`import_record`): for every card it holds a
fingerprint of the text the *notes* gave at the last import.  A card whose text in the deck
differs from that fingerprint was edited by hand:

* if the notes still give the same text for it, the hand edit is kept (and reported);
* if the notes changed that card too, or dropped it, the import refuses to choose for the
  user and stops with a message, unless `--force` says the notes win;
* cards added by hand are kept; cards deleted by hand stay deleted while the notes are
  unchanged.
"""

from __future__ import annotations

from .decks import Card, Deck


class ImportProblem(Exception):
    """An import that must not write a deck (a conflict, a broken existing deck)."""


def merge_hand_edits(
    from_notes: list[Card], on_disk: Deck | None, record: dict[str, str] | None, force: bool
) -> tuple[list[Card], list[str]]:
    """Cards to write, keeping hand edits of the deck on disk; plus what was kept, as notes."""
    if on_disk is None:
        return from_notes, []
    if record is None:
        record = {}
        if not force and _differs(from_notes, on_disk):
            # No record of what the notes gave last time: an edit cannot be told from a change.
            raise ImportProblem(
                "deck exists but has no import record and differs from the notes; "
                "re-run with --force to replace it with the notes' version"
            )
        return from_notes, []
    record = {cid: value.split(":", 1)[0] for cid, value in record.items()}  # the digests
    notes_by_id = {c.id: c for c in from_notes}
    disk_by_id = {c.id: c for c in on_disk.cards}
    kept: list[str] = []
    result: list[Card] = []
    for card in from_notes:
        before = record.get(card.id)
        mine = disk_by_id.get(card.id)
        if before is None:
            result.append(card)  # new from the notes
            continue
        if mine is None:
            if card.digest() == before and not force:
                kept.append(f"card {card.id} stays deleted (removed by hand)")
                continue
            result.append(card)
            continue
        if mine.digest() != before and mine.digest() != card.digest():
            if card.digest() == before:  # notes unchanged: the hand edit stands
                result.append(mine._replace(tags=card.tags, line=card.line))
                kept.append(f"kept hand edit of card {card.id}")
                continue
            if not force:
                raise ImportProblem(
                    f"card {card.id} ({card.question[:40]!r}) was edited in the deck and in the "
                    "notes; re-run with --force to take the notes' version"
                )
        result.append(card)
    for card in on_disk.cards:
        if card.id in notes_by_id:
            continue
        if card.id not in record:
            result.append(card)
            kept.append(f"kept card {card.id} added by hand")
        elif card.digest() != record[card.id] and not force:
            # the notes no longer give this card (or ask its question anew), and the deck's
            # copy holds a hand edit: dropping it would lose the edit and the card's history
            raise ImportProblem(
                f"card {card.id} ({card.question[:40]!r}) was edited in the deck and changed "
                "or removed in the notes; re-run with --force to take the notes' version"
            )
    return result, kept


def _differs(cards: list[Card], deck: Deck) -> bool:
    have = {c.id: c.digest() for c in deck.cards}
    return have != {c.id: c.digest() for c in cards}
