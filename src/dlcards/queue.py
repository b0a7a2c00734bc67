"""Which cards to study today, and in what order: pure functions over decks and states.

* relearn: cards whose latest grade today was below 4 (SM-2 brings them back the same day);
* review: cards due on or before today, most overdue first, at most `reviews_per_day` a day;
* new: cards never reviewed, in deck order, at most `new_per_day` a day.
Both daily limits count what today's log already holds.  Cards without an answer and
buried cards are never queued.  `order="mixed"` spreads the new cards evenly among the
reviews instead of after them.

The speed tricks here are explained in PERFORMANCE.md, *due and the start of study*.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from .decks import Card, Deck
from .gc_pause import no_gc
from .kinds import QueueOrder, StudyKind
from .reviews import CardState
from .scheduler import State

ORDERS = tuple(o.value for o in QueueOrder)
#: The queue kinds as the plain text cards are tallied and stored with (see `StudyKind`).
_NEW, _REVIEW, _RELEARN = StudyKind.NEW.value, StudyKind.REVIEW.value, StudyKind.RELEARN.value


@dataclass(frozen=True)
class Limits:
    new_per_day: int = 20
    reviews_per_day: int = 200

    def left(self, done_today: Mapping[str, int] | None) -> tuple[int, int]:
        """(new cards, reviews) still allowed today, given what today's log already holds."""
        done = done_today or {}
        return (
            max(0, self.new_per_day - done.get(_NEW, 0)),
            max(0, self.reviews_per_day - done.get(_REVIEW, 0)),
        )


DEFAULT_LIMITS = Limits()
NEW = State()  # the state of every card never reviewed


class Item(NamedTuple):
    """One card to study, with why it is in the queue (a named tuple: there can be many)."""

    card: Card
    deck: str
    kind: str  # "relearn", "review" or "new"
    state: State
    overdue: int = 0


@dataclass(frozen=True)
class DeckCounts:
    deck: str
    new: int
    relearn: int
    review: int
    total: int
    unanswered: int
    next_due: date | None


def _kinds(
    cards: Iterable[Card],
    get: Callable[[str], CardState | None],
    today: date,
    failed_today: set[str],
    known: set[str] | None,
) -> Iterator[tuple[Card, str | None, State | None]]:
    """(card, kind, its stored SM-2 state or None) for every answered card.

    kind is "relearn", "review" or "new", or None when the card is not in today's queue
    (buried, not yet due, or a known card whose state was not loaded).  The one place that
    decides: `classify` builds the queue from it and `counts` tallies it.
    """
    for card in cards:
        answer = card.answer
        if not answer or answer.isspace():  # Card.answered, inlined: every card passes here
            continue
        cs = get(card.id)
        if cs is None:
            yield card, (_NEW if known is None or card.id not in known else None), None
        elif cs.buried_until is not None and cs.buried_until > today:
            yield card, None, cs.state
        elif card.id in failed_today:
            yield card, _RELEARN, cs.state
        elif cs.state.due is None:
            yield card, _NEW, cs.state
        else:
            yield card, (_REVIEW if cs.state.due <= today else None), cs.state


def classify(
    decks: Iterable[Deck],
    states: Mapping[str, CardState],
    today: date,
    failed_today: set[str],
    known: set[str] | None = None,
    new_max: int | None = None,
) -> tuple[list[Item], list[Item], list[Item]]:
    """(relearn, review, new) candidates before the review limit, each in study order; at
    most `new_max` new ones (a fresh collection of 100,000 cards needs 20 of them).

    `states` may hold only what `Store.held_states` and `due_needed` give, if `known` lists
    every reviewed card: a known card missing from `states` is then neither new nor due.
    """
    relearn: list[Item] = []
    review: list[Item] = []
    new: list[Item] = []
    room = -1 if new_max is None else new_max
    with no_gc():  # one item per candidate: tens of thousands on a large collection
        for deck in decks:
            name = deck.name
            cards: Sequence[Card] = deck.study_cards
            if known is not None:  # known cards without a loaded state are not queued today
                cards = [c for c in cards if c.id in states or c.id not in known]
            for card, kind, state in _kinds(cards, states.get, today, failed_today, known):
                if kind == _NEW:
                    if room:
                        new.append(Item(card, name, _NEW, NEW))
                        room -= 1
                elif kind == _REVIEW:
                    assert state is not None and state.due is not None  # (a due card's state)
                    review.append(Item(card, name, _REVIEW, state, (today - state.due).days))
                elif kind == _RELEARN:
                    assert state is not None
                    relearn.append(Item(card, name, _RELEARN, state))
    review.sort(key=lambda it: -it.overdue)  # stable: deck order among equals
    return relearn, review, new


def due_needed(
    due_in_order: Iterable[CardState],
    answered: Container[str],
    today: date,
    failed_today: set[str],
    reviews: int,
) -> dict[str, CardState]:
    """Of the due cards' states, most overdue first (`Store.due_in_order`), those today's
    queue can take as reviews: the first `reviews` that are answered cards of the studied
    decks (`answered`), neither buried nor failed today, and the rest of the last one's day,
    since deck order breaks ties within a day.  With them `build` queues the same cards as
    with every state of the collection (tested), from a few hundred instead of all."""
    needed: dict[str, CardState] = {}
    taken = 0
    last: date | None = None
    for cs in due_in_order:
        due = cs.state.due
        if taken >= reviews and due != last:
            break
        needed[cs.card_id] = cs
        cid, until = cs.card_id, cs.buried_until
        if cid in answered and cid not in failed_today and (until is None or until <= today):
            taken += 1  # the rule of `_kinds` for a due card's state
            last = due
    return needed


def build(
    decks: Iterable[Deck],
    states: Mapping[str, CardState],
    today: date,
    *,
    failed_today: set[str] | None = None,
    done_today: Mapping[str, int] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    order: str = QueueOrder.REVIEWS_FIRST.value,
    known: set[str] | None = None,
) -> list[Item]:
    """Today's queue: relearn cards, then reviews and new cards within the daily limits."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}; expected one of {', '.join(ORDERS)}")
    new_left, reviews_left = limits.left(done_today)
    relearn, review, new = classify(
        decks, states, today, failed_today or set(), known, new_max=new_left
    )
    review = review[:reviews_left]
    if order == QueueOrder.MIXED and review and new:
        mixed: list[Item] = []
        step = (len(review) + len(new)) / len(new)
        ni = 0
        for i in range(len(review) + len(new)):
            if ni < len(new) and i >= round(ni * step + step / 2) - 1:
                mixed.append(new[ni])
                ni += 1
            else:
                mixed.append(review[i - ni])
        return relearn + mixed
    return relearn + review + new


def cram(decks: Iterable[Deck], states: Mapping[str, CardState], today: date) -> list[Item]:
    """Cards not yet due, soonest first (cramming changes no schedule)."""
    items = []
    for deck in decks:
        for card in deck.study_cards:
            cs = states.get(card.id)
            if card.answered and cs is not None and cs.state.due and cs.state.due > today:
                items.append(Item(card, deck.name, _REVIEW, cs.state))
    items.sort(key=lambda it: it.state.due or today)
    if not items:  # nothing studied yet: cram everything in deck order
        items = [Item(c, d.name, _NEW, NEW) for d in decks for c in d.study_cards if c.answered]
    return items


def counts(
    decks: list[Deck],
    states: Mapping[str, CardState],
    today: date,
    *,
    failed_today: set[str] | None = None,
    done_today: Mapping[str, int] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[DeckCounts]:
    """Per deck: new (within today's limit), relearn, review due, total, unanswered."""
    new_left, reviews_left = limits.left(done_today)
    failed = failed_today or set()
    out = []
    for deck in decks:
        tally = {_RELEARN: 0, _REVIEW: 0, _NEW: 0, None: 0}
        nxt: date | None = None
        for _, kind, state in _kinds(deck.study_cards, states.get, today, failed, None):
            tally[kind] += 1
            due = state.due if state is not None else None
            if due is not None and due > today and (nxt is None or due < nxt):
                nxt = due  # buried cards count here: they come back on that day
        relearn, review, new = tally[_RELEARN], tally[_REVIEW], tally[_NEW]
        out.append(
            DeckCounts(
                deck.name,
                new=min(new, new_left),
                relearn=relearn,
                review=min(review, reviews_left),
                total=len(deck.study_cards),
                unanswered=deck.unanswered,
                next_due=nxt,
            )
        )
    return out
