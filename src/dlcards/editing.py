"""Saving a card edited during study back into its deck file: same id, atomic write."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import cloze
from .decks import Card, DeckError, load_deck, study_cards, write_deck
from .locking import folder_lock


def entry_of(deck_path: Path, card: Card) -> Card:
    """The deck entry a study card comes from, as the deck file holds it now (a cloze
    card's entry holds the whole text with every deletion in Anki's syntax)."""
    entry_id, _ = cloze.entry_of(card.id) if card.kind == "cloze" else (card.id, None)
    if card.kind == "reversed" and entry_id.endswith(".r"):
        entry_id = entry_id[:-2]  # the reverse side: edit the entry, forward as written
    for entry in load_deck(deck_path).cards:
        if entry.id == entry_id:
            return entry
    raise DeckError(f"{deck_path}: card {entry_id} is no longer in this deck")


def save_card(deck_path: Path, card: Card, *, wait: float | None = None) -> Card:
    """Replace the entry with `card.id` in the deck file; returns the entry as saved.

    `card` is an entry: a basic card (question and answer), or a cloze entry (its text as
    the question).  The deck is re-read first, so edits made on disk since the session began
    are kept, and the file is replaced atomically.  Line breaks in the question are kept (a
    question typed over two lines stays so); only leading and trailing blank space goes.
    A later `dlcards import` keeps this edit (it is a hand edit of the deck, see the README).
    The save holds the decks folder's writer lock, waiting `wait` seconds at most for an
    import that holds it (`dlcards.locking.FolderBusy` after that; nothing is written).
    """
    question = "\n".join(line.rstrip() for line in card.question.strip().splitlines())
    if not question:
        raise DeckError(f"{deck_path}: a card needs a question")
    if card.kind == "cloze" and not cloze.has_deletions(question):
        raise DeckError(f"{deck_path}: a cloze needs a deletion such as {{{{c1::word}}}}")
    with folder_lock(deck_path.parent, "saving the card", wait=wait):
        deck = load_deck(deck_path)  # (read under the lock: an import may just have written it)
        for i, old in enumerate(deck.cards):
            if old.id == card.id:
                answer = "" if old.kind == "cloze" else card.answer.strip("\n")
                saved = old._replace(question=question, answer=answer)
                if saved == old:
                    return old  # nothing changed: the file is left as it is
                cards = (*deck.cards[:i], saved, *deck.cards[i + 1 :])
                write_deck(replace(deck, cards=cards), deck_path)
                return saved
    raise DeckError(f"{deck_path}: card {card.id} is no longer in this deck")


def studied_as(entry: Card, card_id: str) -> Card | None:
    """The study card `card_id` of a (saved) entry, or None when the edit removed it (a
    cloze whose deletion number is gone)."""
    return next((c for c in study_cards((entry,)) if c.id == card_id), None)
