"""The study session without a terminal: the rules the TUI only shows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from dlcards.decks import Card, Deck
from dlcards.session import REPEAT_GAP, Session, todays_queue
from dlcards.store import Store

DAY = date(2026, 3, 2)


class Clock:
    """A clock the test moves by hand: each card takes as long as the test says."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def session(tmp_path: Path, n: int = 6, clock: Clock | None = None) -> tuple[Session, Store]:
    deck = Deck("bio", "notes/bio.txt", tuple(Card(f"c{i}", f"Q{i}?", f"A{i}") for i in range(n)))
    store = Store(tmp_path / "r.sqlite3")
    items = todays_queue(store, [deck], DAY)
    return Session(items, store, DAY, clock=clock or Clock(), decks=[deck]), store


def test_a_failed_card_comes_back_after_a_few_cards_and_its_repeat_is_practice(
    tmp_path: Path,
) -> None:
    s, store = session(tmp_path)
    assert s.current is not None and s.current.card.id == "c0"
    s.grade("again")
    assert [it.card.id for it in s.queue][: REPEAT_GAP + 1] == ["c1", "c2", "c3", "c0"]
    assert s.remaining() == {"new": 5, "relearn": 1, "review": 0}
    for _ in range(REPEAT_GAP):
        s.grade("good")
    assert s.current is not None and s.current.card.id == "c0"
    assert s.intervals()["good"] == "1d"  # a repeat keeps the schedule the failure set
    after_failure = store.state("c0")
    s.grade("good")
    assert store.state("c0").state == after_failure.state  # the repeat kept the schedule
    kinds = [(e.card_id, e.kind) for e in store.log() if e.card_id == "c0"]
    assert kinds == [("c0", "new"), ("c0", "relearn")]
    summary = s.finish()
    assert (summary.grades, summary.reviewed, summary.correct) == (5, 4, 4)
    store.close()


def test_undo_restores_the_stored_state_and_the_card_and_the_counts(tmp_path: Path) -> None:
    s, store = session(tmp_path)
    s.grade("good")
    s.grade("again")  # c1 failed: it was requeued
    assert store.state("c1") is not None
    undone = s.undo()
    assert undone is not None and undone.card.id == "c1"
    assert s.current is not None and s.current.card.id == "c1"
    assert store.state("c1") is None or store.state("c1").state.repetitions == 0
    assert [it.card.id for it in s.queue].count("c1") == 1  # its repeat left the queue too
    assert s.summary.grades == 1 and s.summary.reviewed == 1
    assert s.undo() is not None and s.undo() is None  # back to the start, then nothing
    assert store.log() == []
    store.close()


def test_a_buried_card_and_its_repeats_leave_the_session_until_tomorrow(tmp_path: Path) -> None:
    s, store = session(tmp_path, n=3)
    s.grade("again")  # c0 comes back later today...
    s.grade("good")
    s.grade("good")
    assert s.current is not None and s.current.card.id == "c0"
    s.bury()  # ...unless it is buried
    assert s.current is None
    assert todays_queue(store, s.decks or [], DAY) == []
    tomorrow = [it.card.id for it in todays_queue(store, s.decks or [], DAY + timedelta(days=1))]
    assert "c0" in tomorrow
    s.undo()
    assert s.current is not None and s.current.card.id == "c0"
    assert [it.card.id for it in todays_queue(store, s.decks or [], DAY)] == ["c0"]
    store.close()


def test_time_per_card_runs_from_when_it_was_shown(tmp_path: Path) -> None:
    clock = Clock()
    s, store = session(tmp_path, n=2, clock=clock)
    clock.now += 30.0  # the first card sat on screen before it was shown (a slow start)
    s.mark_shown()
    clock.now += 4.5
    s.grade("easy")
    clock.now += 2.0
    s.grade("good")
    assert [e.duration_ms for e in store.log()] == [4500, 2000]
    assert s.intervals() == {}  # nothing left to show
    store.close()


def test_cram_grades_leave_every_schedule_alone(tmp_path: Path) -> None:
    deck = Deck("bio", "notes/bio.txt", (Card("c0", "Q?", "A"),))
    with Store(tmp_path / "r.sqlite3") as store:
        store.grade("c0", 5, DAY - timedelta(days=3))
        before = store.state("c0")
        from dlcards.queue import Item

        s = Session([Item(deck.cards[0], "bio", "review", before.state)], store, DAY, cram=True)
        assert set(s.intervals().values()) == {"cram"}
        s.grade("again")
        assert store.state("c0") == before
        assert [e.kind for e in store.log()][-1] == "cram"
