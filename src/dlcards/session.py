"""A study session: the queue of the day, grades, in-session repeats, undo, burial, summary.

UI-free, so the TUI stays a thin view over it and every rule is tested without a terminal.
Each grade goes to the store (committed) before the next card is offered.

SM-2's rule for the day: a card graded below Good (4) comes back later in the same session
until it is graded Good or Easy.  Only its first grade of the day is a review; the repeats are
logged as practice and change nothing in its schedule.  Under FSRS a card on its learning or
relearning steps (1 and 10 minutes) comes back when its step ends, by the wall clock, and
every grade counts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from . import queue
from .decks import Card, Deck
from .kinds import QueueOrder, SchedulerKind, StudyKind
from .queue import Item
from .scheduler import GRADES, PASS_IN_SESSION, State, preview
from .store import Store

#: A failed card comes back after this many other cards (or at the end, if fewer are left).
REPEAT_GAP = 3


def todays_queue(
    store: Store,
    decks: list[Deck],
    today: date,
    *,
    limits: queue.Limits = queue.DEFAULT_LIMITS,
    order: str = QueueOrder.REVIEWS_FIRST.value,
) -> list[Item]:
    """Today's queue of `decks` (`queue.build`), reading from the store only the states it
    needs: today's failed and buried cards, and the most overdue due cards up to the review
    limit — a few hundred rows where a large collection has tens of thousands due."""
    failed = store.failed_on(today)
    done = store.day_counts(today)
    answered = {c.id for d in decks for c in d.study_cards if c.answered}
    states = store.held_states(today, failed)
    reviews_left = limits.left(done)[1]
    states.update(
        queue.due_needed(store.due_in_order(today), answered, today, failed, reviews_left)
    )
    return queue.build(
        decks,
        states,
        today,
        failed_today=failed,
        done_today=done,
        limits=limits,
        order=order,
        known=store.known_ids(),
    )


@dataclass
class _Action:
    """What one grade or burial did, so that undo can reverse it."""

    item: Item
    kind: str  # "grade" or "bury"
    q: int = 0
    requeued: bool = False
    first_grade: bool = False
    correct: bool = False


@dataclass
class Summary:
    reviewed: int = 0  # cards graded at least once this session
    grades: int = 0
    correct: int = 0  # grades Hard or better
    seconds: float = 0.0
    due_tomorrow: int = 0
    buried: int = 0

    @property
    def share_correct(self) -> float:
        return self.correct / self.grades if self.grades else 0.0


@dataclass
class Session:
    items: list[Item]
    store: Store
    today: date
    cram: bool = False
    clock: Callable[[], float] = time.monotonic
    decks: list[Deck] | None = None  # the studied decks (for "due tomorrow"; None: all)
    #: The wall clock (local time): FSRS's steps end at a time of day, not after N cards.
    wall: Callable[[], datetime] = datetime.now
    queue: list[Item] = field(init=False)
    history: list[_Action] = field(init=False, default_factory=list)
    graded_today: set[str] = field(init=False, default_factory=set)
    summary: Summary = field(init=False, default_factory=Summary)
    #: Under FSRS, the cards on their steps in this session, and when each step ends.
    waiting: dict[str, datetime] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.queue = list(self.items)
        self.started = self.clock()
        self.shown_at = self.started
        # cards failed earlier today already had their review: their grades now are repeats
        self.graded_today = {it.card.id for it in self.items if it.kind == StudyKind.RELEARN}

    # -- what to show --------------------------------------------------------------------------

    @property
    def current(self) -> Item | None:
        return self.queue[0] if self.queue else None

    def remaining(self) -> dict[str, int]:
        """Counts left by kind: new / relearn (failed today, back in this session) / review."""
        out = {k.value: 0 for k in StudyKind}
        for it in self.queue:
            out[it.kind] += 1
        return out

    @property
    def done(self) -> int:
        return self.summary.grades

    def intervals(self) -> dict[str, str]:
        """Label of what each button would do to the current card ('<1d' comes back today)."""
        item = self.current
        if item is None:
            return {}
        if self.cram:
            return {name: "cram" for name in GRADES}
        if self.store.scheduler == SchedulerKind.FSRS:
            return self._fsrs_intervals(item)
        if item.card.id in self.graded_today:  # a repeat: the schedule is already set
            return {
                name: "<1d" if q < PASS_IN_SESSION else f"{item.state.interval}d"
                for name, q in GRADES.items()
            }
        days = preview(item.state)
        return {name: "<1d" if q < 3 else f"{days[name]}d" for name, q in GRADES.items()}

    def _fsrs_intervals(self, item: Item) -> dict[str, str]:
        """FSRS's four honest intervals: minutes on the steps, days after (15m 22m 2d 8d on
        a new card with the default steps)."""
        from .fsrs_scheduler import FsrsState, label, preview

        state = self.store.fsrs_state(item.card.id) or FsrsState()
        spans = preview(state, datetime.now(), self.today, self.store.fsrs_settings())
        return {g.button: label(span) for g, span in spans.items()}

    def _step_end(self, card_id: str) -> datetime | None:
        """Under FSRS, when the card's learning or relearning step ends (None: it has left
        its steps, so it does not come back in this session)."""
        from .fsrs_scheduler import Phase

        state = self.store.fsrs_state(card_id)
        if state is None or state.phase not in (Phase.LEARNING, Phase.RELEARNING):
            return None
        return state.due or self.wall()

    def _promote(self) -> None:
        """FSRS's steps as Anki takes them: a card whose step has ended goes before the rest;
        when only cards on their steps are left, the one whose step ends first is shown at
        once (Anki's "learn ahead") rather than nothing."""
        if not self.waiting:
            return
        now = self.wall()
        ended = sorted(
            (it for it in self.queue if self.waiting.get(it.card.id, now) < now),
            key=lambda it: self.waiting[it.card.id],
        )
        rest = [it for it in self.queue if not self.waiting.get(it.card.id, now) < now]
        if not ended and all(it.card.id in self.waiting for it in rest):
            rest.sort(key=lambda it: self.waiting[it.card.id])
        self.queue = ended + rest

    def mark_shown(self) -> None:
        """The current card appeared on screen now (for the time taken per review)."""
        self._promote()
        self.shown_at = self.clock()

    # -- actions ---------------------------------------------------------------------------------

    def grade(self, name: str, *, wait: float | None = None) -> State | None:
        """Grade the current card with a button name ('again', 'hard', 'good', 'easy').

        `wait`: how long another process's write may hold the grade up; after that the store
        raises StoreBusy and the session is as before (the grade can be given again, or kept
        for later with `defer`)."""
        item = self.current
        if item is None:
            return None
        q = GRADES[name]
        elapsed = int((self.clock() - self.shown_at) * 1000)
        first = item.card.id not in self.graded_today
        if self.cram:
            self.store.log_cram(item.card.id, q, self.today, elapsed, wait=wait)
            new_state = item.state
        else:
            stamp = self.wall().astimezone(timezone.utc).isoformat(timespec="milliseconds")
            new_state = self.store.grade(
                item.card.id,
                q,
                self.today,
                repeat=not first,
                duration_ms=elapsed,
                wait=wait,
                now=stamp,
                question=item.card.question,
            )
        self.queue.pop(0)
        self.waiting.pop(item.card.id, None)
        action = _Action(item, "grade", q, first_grade=first, correct=q >= 3)
        fsrs = not self.cram and self.store.scheduler == SchedulerKind.FSRS
        step_end = self._step_end(item.card.id) if fsrs else None
        if q < PASS_IN_SESSION and not fsrs:
            # SM-2: graded below Good, it comes back a few cards later
            again = Item(item.card, item.deck, StudyKind.RELEARN.value, new_state)
            self.queue.insert(min(REPEAT_GAP, len(self.queue)), again)
            action.requeued = True
        elif step_end is not None:
            # FSRS: on its steps, it comes back when the step ends (see `_promote`)
            self.queue.append(Item(item.card, item.deck, StudyKind.RELEARN.value, new_state))
            self.waiting[item.card.id] = step_end
            action.requeued = True
        self.graded_today.add(item.card.id)
        self.history.append(action)
        self.summary.grades += 1
        self.summary.correct += q >= 3
        self.summary.reviewed += first
        self.mark_shown()
        return new_state

    def defer(self, name: str) -> None:
        """Keep the current card's grade for the store's next opening (the database stayed
        busy and the session is ending; see `Store.defer_grade`)."""
        item = self.current
        if item is None:
            return
        self.store.defer_grade(
            item.card.id,
            GRADES[name],
            self.today,
            repeat=item.card.id in self.graded_today,
            duration_ms=int((self.clock() - self.shown_at) * 1000),
            cram=self.cram,
        )
        self.queue.pop(0)
        self.summary.grades += 1

    def bury(self) -> None:
        """Skip the current card until tomorrow."""
        item = self.current
        if item is None:
            return
        if not self.cram:
            self.store.bury(item.card.id, self.today + timedelta(days=1))
        self.queue.pop(0)
        self.queue = [it for it in self.queue if it.card.id != item.card.id]
        self.history.append(_Action(item, "bury"))
        self.summary.buried += 1
        self.mark_shown()

    def undo(self) -> Item | None:
        """Reverse the last grade or burial; the card is current again.  None: nothing to undo."""
        if not self.history:
            return None
        action = self.history.pop()
        item = action.item
        if action.kind == "grade":
            self.store.undo_last(item.card.id)
            if action.requeued:
                for i, it in enumerate(self.queue):
                    if it.card.id == item.card.id:
                        del self.queue[i]
                        break
                self.waiting.pop(item.card.id, None)
            self.summary.grades -= 1
            self.summary.correct -= action.correct
            self.summary.reviewed -= action.first_grade
            if action.first_grade:
                self.graded_today.discard(item.card.id)
        else:
            if not self.cram:
                self.store.clear_burial(item.card.id)
            self.summary.buried -= 1
        self.queue.insert(0, item)
        self.mark_shown()
        return item

    def replace_card(self, card: Card) -> None:
        """The current card was edited: show (and keep) the new text."""
        self.queue = [it._replace(card=card) if it.card.id == card.id else it for it in self.queue]

    def finish(self) -> Summary:
        """Close the session: time spent, and what is due tomorrow."""
        self.summary.seconds = self.clock() - self.started
        tomorrow = self.today + timedelta(days=1)
        ids = None if self.decks is None else {c.id for d in self.decks for c in d.study_cards}
        states = self.store.states(ids)
        self.summary.due_tomorrow = sum(
            1 for cs in states.values() if cs.state.due is not None and cs.state.due <= tomorrow
        )
        return self.summary
