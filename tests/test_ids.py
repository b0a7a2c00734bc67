"""Stable ids: what counts as a slight edit (see README)."""

from __future__ import annotations

from dlcards.decks import Card
from dlcards.ids import assign_ids
from dlcards.parse.model import RawCard


def ids_after(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[bool]:
    before = assign_ids([RawCard(q, a, 1) for q, a in old], [], "deck")
    after = assign_ids([RawCard(q, a, 1) for q, a in new], before, "deck")
    return [a.id == b.id for a, b in zip(after, before)]


def test_unchanged_and_reordered_cards_keep_ids() -> None:
    cards = [("What is A?", "a"), ("What is B?", "b")]
    before = assign_ids([RawCard(q, a, 1) for q, a in cards], [], "deck")
    after = assign_ids([RawCard(q, a, 1) for q, a in reversed(cards)], before, "deck")
    assert {c.question: c.id for c in after} == {c.question: c.id for c in before}


def test_edited_answer_keeps_id() -> None:
    assert ids_after([("What is A?", "old")], [("What is A?", "completely new answer")]) == [True]


def test_small_question_edit_keeps_id_large_one_does_not() -> None:
    assert ids_after(
        [("What is the vanishing gradient problem?", "x")],
        [("What is the vanishing-gradient problem ?", "x")],
    ) == [True]
    assert ids_after(
        [("What is the vanishing gradient problem?", "x")],
        [("Explain exploding activations in RNNs", "y")],
    ) == [False]


def test_reworded_question_with_same_answer_keeps_id() -> None:
    assert ids_after(
        [("Why normalise inputs?", "faster, stabler training")],
        [("Why should inputs be normalised?", "faster, stabler training")],
    ) == [True]


def test_duplicate_questions_get_distinct_ids() -> None:
    cards = assign_ids([RawCard("Same?", "a", 1), RawCard("Same?", "b", 2)], [], "deck")
    assert cards[0].id != cards[1].id


def test_same_question_in_two_notes_gets_two_ids() -> None:
    one = assign_ids([RawCard("What is dropout?", "a", 1)], [], "lecture-1")
    two = assign_ids([RawCard("What is dropout?", "a", 1)], [], "lecture-2")
    assert one[0].id != two[0].id


def test_id_is_not_stolen_from_an_unrelated_old_card() -> None:
    old = [Card("keepme", "What is A?", "a")]
    new = assign_ids([RawCard("Totally different question here", "z", 1)], old, "deck")
    assert new[0].id != "keepme"
