"""Hand edits against a re-import, decided card by card (`merge_hand_edits`, no files)."""

from __future__ import annotations

import pytest

from dlcards.decks import Card, Deck
from dlcards.ids import fingerprint
from dlcards.reconcile import ImportProblem, merge_hand_edits

A = Card("a", "What is ATP?", "The cell's energy currency.", ("bio",), 1)
B = Card("b", "What makes proteins?", "Ribosomes.", ("bio",), 3)


def deck(*cards: Card) -> Deck:
    return Deck("bio", "notes/bio.txt", cards)


def record(*cards: Card) -> dict[str, str]:
    """What the last import noted: the cards as the notes gave them."""
    return {c.id: fingerprint(c) for c in cards}


def test_a_hand_edit_stands_while_the_notes_keep_their_text() -> None:
    edited = A._replace(answer="Adenosine triphosphate, the energy currency.", line=None)
    moved = A._replace(line=7, tags=("bio", "week2"))  # the notes moved the card, same text
    cards, kept = merge_hand_edits([moved, B], deck(edited, B), record(A, B), force=False)
    assert cards == [edited._replace(line=7, tags=("bio", "week2")), B]
    assert kept == ["kept hand edit of card a"]


def test_a_card_changed_in_the_deck_and_in_the_notes_stops_the_import_unless_forced() -> None:
    edited = A._replace(answer="Edited in the deck.")
    changed = A._replace(answer="Changed in the notes.")
    with pytest.raises(ImportProblem, match=r"card a .*edited in the deck and in the notes"):
        merge_hand_edits([changed, B], deck(edited, B), record(A, B), force=False)
    cards, _ = merge_hand_edits([changed, B], deck(edited, B), record(A, B), force=True)
    assert cards == [changed, B]


def test_cards_added_by_hand_stay_and_cards_deleted_by_hand_stay_deleted() -> None:
    added = Card("h1", "Added in the deck?", "Yes.")
    cards, kept = merge_hand_edits([A, B], deck(A, added), record(A, B), force=False)
    assert cards == [A, added]  # B was deleted by hand: the notes did not change it
    assert kept == ["card b stays deleted (removed by hand)", "kept card h1 added by hand"]
    cards, _ = merge_hand_edits([A, B], deck(A, added), record(A, B), force=True)
    assert B in cards


def test_an_edited_card_the_notes_dropped_is_not_lost_silently() -> None:
    edited = B._replace(answer="Ribosomes, on the rough ER too.")
    with pytest.raises(ImportProblem, match=r"card b .*changed or removed in the notes"):
        merge_hand_edits([A], deck(A, edited), record(A, B), force=False)
    cards, _ = merge_hand_edits([A], deck(A, edited), record(A, B), force=True)
    assert cards == [A]


def test_a_deck_without_a_record_is_replaced_only_when_it_equals_the_notes_or_forced() -> None:
    assert merge_hand_edits([A, B], deck(A, B), None, force=False) == ([A, B], [])
    with pytest.raises(ImportProblem, match="no import record"):
        merge_hand_edits([A], deck(A, B), None, force=False)
    assert merge_hand_edits([A], deck(A, B), None, force=True) == ([A], [])
    assert merge_hand_edits([A], None, None, force=False) == ([A], [])  # a new deck
