"""SM-2 rules with hand-computed sequences, plus properties over random grade sequences."""

from __future__ import annotations

import math
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlcards.scheduler import MAX_INTERVAL, State, preview, review

DAY = date(2026, 1, 1)


def run(grades: list[int]) -> list[State]:
    state, out, today = State(), [], DAY
    for q in grades:
        state = review(state, q, today)
        out.append(state)
        today = state.due
    return out


def test_five_perfect_grades_give_1_6_17_48_140() -> None:
    states = run([5, 5, 5, 5, 5])
    assert [s.interval for s in states] == [1, 6, 17, 48, 140]
    assert [s.easiness for s in states] == [2.6, 2.7, 2.8, 2.9, 3.0]
    assert states[0].due == DAY + timedelta(days=1)
    assert states[-1].due == DAY + timedelta(days=1 + 6 + 17 + 48 + 140)


def test_good_grades_keep_ef_and_multiply_by_it() -> None:
    assert [s.interval for s in run([4, 4, 4, 4])] == [1, 6, 15, 38]  # ceil(6*2.5), ceil(15*2.5)
    assert run([4, 4, 4, 4])[-1].easiness == 2.5


def test_failure_resets_repetitions_and_interval_but_updates_ef() -> None:
    states = run([5, 5, 5, 1, 4])
    assert states[3].repetitions == 0 and states[3].interval == 1
    assert states[3].easiness == pytest.approx(2.8 - 0.54)
    assert states[4].interval == 1 and states[4].repetitions == 1  # starts again at 1, then 6


def test_hard_is_a_pass_with_ef_minus_014() -> None:
    s = run([3])[0]
    assert (s.repetitions, s.interval, s.easiness) == (1, 1, 2.36)


def test_ef_floor_is_13() -> None:
    assert run([0] * 10)[-1].easiness == 1.3
    assert run([3] * 20)[-1].easiness == 1.3


def test_interval_uses_ef_before_the_grade() -> None:
    # after 5,5 EF is 2.7; the third grade of 3 uses 2.7 (not 2.56) for the interval
    assert run([5, 5, 3])[-1].interval == math.ceil(6 * 2.7)


def test_exact_ef_avoids_the_float_off_by_one() -> None:
    # With float EF, 2.5+0.1+0.1+0+0+0.1 = 2.8000000000000003 and ceil(125 * EF) = 351;
    # SM-2 with EF exactly 2.80 gives 350.
    assert [s.interval for s in run([5, 5, 4, 4, 5, 3])] == [1, 6, 17, 46, 125, 350]


def test_interval_is_capped_at_a_hundred_years() -> None:
    assert max(s.interval for s in run([5] * 40)) == 36_500


def test_preview_shows_what_each_button_would_give() -> None:
    assert preview(State()) == {"again": 1, "hard": 1, "good": 1, "easy": 1}
    second = run([4])[0]
    assert preview(second) == {"again": 1, "hard": 6, "good": 6, "easy": 6}


@pytest.mark.parametrize("bad", [-1, 6, 2.5, True, "4"])
def test_invalid_grades_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        review(State(), bad, DAY)  # type: ignore[arg-type]


@given(st.lists(st.integers(0, 5), min_size=1, max_size=60))
def test_properties_over_any_grade_sequence(grades: list[int]) -> None:
    ef, interval, reps = Fraction(5, 2), 0, 0
    for s, q in zip(run(grades), grades):
        assert s.easiness >= 1.3 and s.interval >= 1
        if q < 3:
            assert s.repetitions == 0 and s.interval == 1
            reps, interval = 0, 1
        else:
            interval = 1 if reps == 0 else 6 if reps == 1 else math.ceil(interval * ef)
            interval = min(interval, MAX_INTERVAL)  # the documented cap (ALGORITHM.md)
            reps += 1
            assert s.interval == interval and s.repetitions == reps
        ef = max(
            Fraction(13, 10),
            ef + Fraction(1, 10) - (5 - q) * (Fraction(8, 100) + (5 - q) * Fraction(2, 100)),
        )
        assert round(s.easiness * 100) == ef * 100
