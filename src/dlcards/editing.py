"""Saving a card edited during study back into its deck file: same id, atomic write."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .decks import Card, DeckError, load_deck, write_deck


def save_card(deck_path: Path, card: Card) -> Card:
    """Replace the card with `card.id` in the deck file; returns the card as saved.

    The deck is re-read first, so edits made on disk since the session began are kept, and
    the file is replaced atomically.  A later `dlcards import` keeps this edit (it is a hand
    edit of the deck, see the README).
    """
    question = " ".join(card.question.split())
    if not question:
        raise DeckError(f"{deck_path}: a card needs a question")
    deck = load_deck(deck_path)
    for i, old in enumerate(deck.cards):
        if old.id == card.id:
            saved = old._replace(question=question, answer=card.answer.strip("\n"))
            cards = (*deck.cards[:i], saved, *deck.cards[i + 1 :])
            write_deck(replace(deck, cards=cards), deck_path)
            return saved
    raise DeckError(f"{deck_path}: card {card.id} is no longer in this deck")
