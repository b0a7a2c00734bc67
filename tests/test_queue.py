"""The due queue on fixed dates: kinds, order, daily limits, unanswered and buried cards."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from dlcards.decks import Card, Deck
from dlcards.queue import Limits, build, counts, cram, due_needed
from dlcards.reviews import CardState
from dlcards.scheduler import State

TODAY = date(2026, 3, 10)


def deck(name: str, n: int, unanswered: int = 0) -> Deck:
    cards = [Card(f"{name}{i}", f"Q{i}?", "" if i < unanswered else f"A{i}") for i in range(n)]
    return Deck(name, f"notes/{name}.txt", tuple(cards))


def due(days_ago: int, interval: int = 6) -> State:
    return State(2, 2.5, interval, TODAY - timedelta(days=days_ago))


def test_order_learning_then_most_overdue_reviews_then_new_in_deck_order() -> None:
    d = deck("d", 6)
    states = {
        "d0": CardState("d0", due(1)),
        "d1": CardState("d1", due(5)),
        "d2": CardState("d2", due(-3)),  # not due yet
        "d3": CardState("d3", State(0, 2.0, 1, TODAY + timedelta(days=1))),
    }
    q = build([d], states, TODAY, failed_today={"d3"})
    assert [(i.card.id, i.kind) for i in q] == [
        ("d3", "relearn"),
        ("d1", "review"),
        ("d0", "review"),
        ("d4", "new"),
        ("d5", "new"),
    ]
    assert q[1].overdue == 5


def test_daily_limits_count_todays_log() -> None:
    d = deck("d", 40)
    states = {f"d{i}": CardState(f"d{i}", due(i)) for i in range(10)}
    q = build(
        [d],
        states,
        TODAY,
        limits=Limits(new_per_day=5, reviews_per_day=4),
        done_today={"new": 2, "review": 1},
    )
    assert [i.kind for i in q] == ["review"] * 3 + ["new"] * 3


def test_unanswered_and_buried_cards_are_never_queued() -> None:
    d = deck("d", 4, unanswered=2)
    states = {"d3": CardState("d3", State(), buried_until=TODAY + timedelta(days=1))}
    assert [i.card.id for i in build([d], states, TODAY)] == ["d2"]
    later = build([d], states, TODAY + timedelta(days=1))
    assert [i.card.id for i in later] == ["d2", "d3"]  # burial ends the next day


def test_mixed_order_spreads_new_cards_among_reviews() -> None:
    d = deck("d", 8)
    states = {f"d{i}": CardState(f"d{i}", due(1)) for i in range(6)}
    kinds = [i.kind for i in build([d], states, TODAY, order="mixed")]
    assert kinds.count("new") == 2 and kinds.count("review") == 6
    assert kinds[0] == "review" and kinds.index("new") < 4  # not all left for the end


def test_counts_per_deck() -> None:
    a, b = deck("a", 5, unanswered=1), deck("b", 3)
    states = {"a1": CardState("a1", due(0)), "b0": CardState("b0", due(-4))}
    rows = {r.deck: r for r in counts([a, b], states, TODAY, limits=Limits(new_per_day=2))}
    assert (rows["a"].new, rows["a"].review, rows["a"].total, rows["a"].unanswered) == (2, 1, 5, 1)
    assert (rows["b"].new, rows["b"].review, rows["b"].next_due) == (
        2,
        0,
        TODAY + timedelta(days=4),
    )


def test_cram_takes_cards_not_yet_due_soonest_first() -> None:
    d = deck("d", 3)
    states = {"d0": CardState("d0", due(-9)), "d1": CardState("d1", due(-2))}
    assert [i.card.id for i in cram([d], states, TODAY)] == ["d1", "d0"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.booleans(),  # in the second deck
            st.sampled_from(["", "A"]),  # answered or not
            st.one_of(st.none(), st.integers(-4, 2)),  # no state, or due this many days ahead
            st.one_of(st.none(), st.integers(-1, 1)),  # buried until (days ahead)
            st.booleans(),  # failed today
            st.booleans(),  # a state row without a due date (buried while new)
        ),
        max_size=40,
    ),
    st.integers(0, 4),
    st.integers(0, 6),
    st.sampled_from(["reviews-first", "mixed"]),
)
def test_todays_queue_from_the_store_equals_the_queue_of_every_state(
    rows, new_limit, review_limit, order
) -> None:
    """`todays_queue` reads only the most overdue due states (ties within a day broken by deck
    order, across decks): it must queue exactly what `build` queues from all of them."""
    from pathlib import Path
    from tempfile import TemporaryDirectory

    from dlcards.session import todays_queue
    from dlcards.store import Store

    cards: dict[bool, list[Card]] = {False: [], True: []}
    with TemporaryDirectory() as tmp, Store(Path(tmp) / "r.sqlite3") as store:
        for i, (second, answer, ahead, buried, fail, undated) in enumerate(rows):
            cid = f"c{i}"
            cards[second].append(Card(cid, f"Q{i}?", answer))
            if ahead is not None:
                day = None if undated else (TODAY + timedelta(days=ahead)).isoformat()
                until = None if buried is None else (TODAY + timedelta(days=buried)).isoformat()
                store.db.execute(
                    "INSERT INTO card_state (card_id, repetitions, ef, interval, due, lapses,"
                    " reviews, last_review, buried_until) VALUES (?, 1, 250, 1, ?, 0, 1, NULL, ?)",
                    (cid, day, until),
                )
            if fail:
                store.grade(cid, 1, TODAY)
        decks = [Deck(n, f"notes/{n}.txt", tuple(cards[k])) for n, k in (("a", False), ("b", True))]
        limits = Limits(new_per_day=new_limit, reviews_per_day=review_limit)
        full = build(
            decks,
            store.states(),
            TODAY,
            failed_today=store.failed_on(TODAY),
            done_today=store.day_counts(TODAY),
            limits=limits,
            order=order,
        )
        part = todays_queue(store, decks, TODAY, limits=limits, order=order)
    assert part == full


def test_due_needed_reads_no_further_than_the_review_limit_and_its_day() -> None:
    """The store's due cards are read lazily: after the limit, only the rest of that day."""
    states = [CardState(f"c{i}", due(10 - i // 3)) for i in range(30)]  # three cards a day
    read: list[str] = []

    def reader():
        for cs in states:
            read.append(cs.card_id)
            yield cs

    needed = due_needed(reader(), {cs.card_id for cs in states}, TODAY, set(), 4)
    assert list(needed) == [f"c{i}" for i in range(6)]  # 4 reviews, and the 4th one's day
    assert len(read) == 7  # the 7th, a day later, ended the reading


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", " \n", "A", "answer"]),  # answered or not
            st.one_of(st.none(), st.integers(-5, 5)),  # no state, or due this many days ahead
            st.one_of(st.none(), st.integers(-2, 2)),  # buried until (days ahead)
            st.booleans(),  # failed today
            st.booleans(),  # a state row without a due date (buried while new)
        ),
        max_size=30,
    ),
    st.integers(0, 5),
    st.integers(0, 5),
)
def test_counts_agree_with_the_queue_it_summarises(rows, new_limit, review_limit) -> None:
    """`counts` tallies in its own loop (no items built): it must say what `build` queues."""
    cards, states, failed = [], {}, set()
    for i, (answer, ahead, buried, fail, undated) in enumerate(rows):
        cid = f"c{i}"
        cards.append(Card(cid, f"Q{i}?", answer))
        if ahead is not None:
            day = None if undated else TODAY + timedelta(days=ahead)
            until = None if buried is None else TODAY + timedelta(days=buried)
            states[cid] = CardState(cid, State(1, 2.5, 1, day), buried_until=until)
        if fail:
            failed.add(cid)
    d = Deck("d", "notes/d.txt", tuple(cards))
    limits = Limits(new_per_day=new_limit, reviews_per_day=review_limit)
    (row,) = counts([d], states, TODAY, failed_today=failed, limits=limits)
    queued = build([d], states, TODAY, failed_today=failed, limits=limits)
    kinds = [it.kind for it in queued]
    assert (row.new, row.relearn, row.review) == (
        kinds.count("new"),
        kinds.count("relearn"),
        kinds.count("review"),
    )
    later = [
        cs.state.due
        for c in cards
        if c.answered and (cs := states.get(c.id)) and cs.state.due and cs.state.due > TODAY
    ]
    assert row.next_due == (min(later) if later else None)
    assert row.unanswered == sum(1 for c in cards if not c.answer.strip())
