"""The due queue on fixed dates: kinds, order, daily limits, unanswered and buried cards."""

from __future__ import annotations

from datetime import date, timedelta

from dlcards.decks import Card, Deck
from dlcards.queue import Limits, build, counts, cram
from dlcards.scheduler import State
from dlcards.store import CardState

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
        ("d3", "learning"),
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


def test_queue_from_the_stores_partial_states_equals_the_full_one(tmp_path) -> None:
    from dlcards.store import Store

    d = deck("d", 12)
    with Store(tmp_path / "r.sqlite3") as store:
        for i in range(8):
            store.grade(f"d{i}", 5 if i % 3 else 1, TODAY - timedelta(days=i))
        store.grade("d2", 1, TODAY)
        store.bury("d9", TODAY + timedelta(days=1))
        failed = store.failed_on(TODAY)
        full = build([d], store.states(), TODAY, failed_today=failed)
        part = build(
            [d],
            store.queue_states(TODAY, failed),
            TODAY,
            failed_today=failed,
            known=store.known_ids(),
        )
    assert [(i.card.id, i.kind) for i in part] == [(i.card.id, i.kind) for i in full]
    assert {i.kind for i in full} == {"learning", "review", "new"}
