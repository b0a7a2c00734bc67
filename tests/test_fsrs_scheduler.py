"""FSRS scheduling (`dlcards.fsrs_scheduler`): steps as Anki takes them, memory from the
engine Anki runs, and a state that is a function of the review log."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcards.fsrs_scheduler import (
    ANKI_LEARNING_STEPS,
    ANKI_RELEARNING_STEPS,
    RATING_OF,
    FsrsState,
    Phase,
    Reviewed,
    Settings,
    label,
    preview,
    replay,
    review,
)
from dlcards.scheduler import Grade

from .conftest import fuzz_examples

fsrs_rs = pytest.importorskip("fsrs_rs_python")

DAY = date(2026, 3, 2)
MORNING = datetime(2026, 3, 2, 9, 0)
S = Settings()
ANKI = Settings(learning_steps=ANKI_LEARNING_STEPS, relearning_steps=ANKI_RELEARNING_STEPS)


def test_with_anki_steps_a_new_card_shows_four_different_intervals() -> None:
    shown = {g: label(v) for g, v in preview(FsrsState(), MORNING, DAY, ANKI).items()}
    assert shown == {Grade.AGAIN: "1m", Grade.HARD: "6m", Grade.GOOD: "10m", Grade.EASY: "8d"}
    assert len(set(shown.values())) == 4  # SM-2 shows "1d" for Hard, Good and Easy alike


def test_default_steps_one_learning_step_and_a_lapse_scheduled_by_fsrs() -> None:
    shown = {g: label(v) for g, v in preview(FsrsState(), MORNING, DAY, S).items()}
    assert shown == {Grade.AGAIN: "15m", Grade.HARD: "22m", Grade.GOOD: "2d", Grade.EASY: "8d"}
    card = review(FsrsState(), Grade.AGAIN, MORNING, DAY, S)
    assert (card.phase, card.due) == (Phase.LEARNING, MORNING + timedelta(minutes=15))
    card = review(card, Grade.GOOD, MORNING + timedelta(minutes=15), DAY, S)
    assert card.phase == Phase.REVIEW and card.interval >= 1  # the one step passed
    later = datetime.combine(card.due_day or DAY, MORNING.time())
    lapsed = review(card, Grade.AGAIN, later, later.date(), S)
    # no relearning step: FSRS's post-lapse stability gives the lapsed card its next day
    assert (lapsed.phase, lapsed.lapses, lapsed.interval) == (Phase.REVIEW, 1, 1)
    assert lapsed.due_day == later.date() + timedelta(days=1)


def test_with_anki_steps_learning_then_graduation_then_relearning_within_the_day() -> None:
    S = ANKI
    card = review(FsrsState(), Grade.GOOD, MORNING, DAY, S)
    assert (card.phase, card.step, card.due) == (Phase.LEARNING, 1, MORNING + timedelta(minutes=10))
    card = review(card, Grade.AGAIN, MORNING + timedelta(minutes=10), DAY, S)
    assert (card.step, card.due) == (0, MORNING + timedelta(minutes=11))  # back to the first step
    card = review(card, Grade.GOOD, MORNING + timedelta(minutes=11), DAY, S)
    card = review(card, Grade.GOOD, MORNING + timedelta(minutes=21), DAY, S)
    assert card.phase == Phase.REVIEW and card.interval >= 1
    assert card.due_day == DAY + timedelta(days=card.interval)
    later = datetime.combine(card.due_day, MORNING.time())
    lapsed = review(card, Grade.AGAIN, later, card.due_day, S)
    assert (lapsed.phase, lapsed.lapses, lapsed.due) == (
        Phase.RELEARNING,
        1,
        later + timedelta(minutes=10),
    )
    back = review(lapsed, Grade.GOOD, later + timedelta(minutes=10), card.due_day, S)
    assert back.phase == Phase.REVIEW and back.interval >= 1


def test_intervals_grow_with_the_grade_and_with_the_retention_asked_for_less() -> None:
    card = replay(
        [
            Reviewed(Grade.GOOD, MORNING, DAY),
            Reviewed(Grade.GOOD, MORNING + timedelta(minutes=10), DAY),
        ],
        S,
    )
    due = datetime.combine(card.due_day or DAY, MORNING.time())
    days = {g: v.days for g, v in preview(card, due, due.date(), S).items() if g != Grade.AGAIN}
    assert days[Grade.HARD] < days[Grade.GOOD] < days[Grade.EASY]
    relaxed = Settings(retention=0.80)
    assert preview(card, due, due.date(), relaxed)[Grade.GOOD].days > days[Grade.GOOD]
    with pytest.raises(ValueError, match=r"from 0\.7 to 0\.99"):
        Settings(retention=0.5)


grades = st.sampled_from(list(Grade))
gaps = st.sampled_from([0, 0, 1, 2, 3, 7, 15, 40])


@settings(max_examples=fuzz_examples(60), deadline=None)
@given(st.lists(st.tuples(grades, gaps), min_size=1, max_size=12))
def test_the_memory_state_is_the_one_anki_s_engine_computes_from_the_same_log(
    history: list[tuple[Grade, int]],
) -> None:
    """Folding the log through `review` gives the memory state fsrs-rs computes from the
    whole log at once (as Anki does when it computes memory states), same-day steps too."""
    log, reviews, day, prev = [], [], DAY, None
    for k, (grade, gap) in enumerate(history):
        day += timedelta(days=gap)
        log.append(
            Reviewed(grade, datetime.combine(day, MORNING.time()) + timedelta(minutes=k), day)
        )
        reviews.append(
            fsrs_rs.FSRSReview(int(RATING_OF[grade]), 0 if prev is None else (day - prev).days)
        )
        prev = day
    card = replay(log, S)
    expected = fsrs_rs.FSRS(list(S.parameters)).memory_state(fsrs_rs.FSRSItem(reviews), None)
    assert card.memory is not None
    assert card.memory.stability == pytest.approx(expected.stability, rel=1e-5)
    assert card.memory.difficulty == pytest.approx(expected.difficulty, rel=1e-5)
    assert card.due_day is not None and card.due_day >= day
    assert replay(log, S) == card  # a function of the log


def test_labels() -> None:
    assert [label(timedelta(minutes=m)) for m in (0.2, 1, 10, 90)] == ["1m", "1m", "10m", "1.5h"]
    assert [label(timedelta(days=d)) for d in (3, 45, 800)] == ["3d", "1.5mo", "2.2y"]


def test_steps_are_typed_as_anki_types_them() -> None:
    from dlcards.fsrs_scheduler import parse_steps, steps_text

    assert parse_steps("1m 10m") == (timedelta(minutes=1), timedelta(minutes=10))
    assert parse_steps("30s, 1.5h") == (timedelta(seconds=30), timedelta(hours=1.5))
    assert parse_steps("") == parse_steps("none") == ()
    assert steps_text(parse_steps("1m 10m")) == "1m 10m" and steps_text(()) == "none"
    for bad in ("10", "1x", "2d", "-1m"):
        with pytest.raises(ValueError, match="is not a step"):
            parse_steps(bad)
    one = Settings(learning_steps=(timedelta(minutes=10),), relearning_steps=())
    shown = {g: label(v) for g, v in preview(FsrsState(), MORNING, DAY, one).items()}
    assert shown[Grade.AGAIN] == "10m" and shown[Grade.HARD] == "15m"  # 1.5 times a lone step
    assert shown[Grade.GOOD].endswith("d")  # past the only step: it graduates
