"""The study day: rolls over at 4 am local time by default, configurable, and settable."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dlcards.study_days import ClockError, study_day, today


def test_day_rolls_over_at_four_am() -> None:
    assert study_day(datetime(2026, 3, 2, 3, 59)) == date(2026, 3, 1)
    assert study_day(datetime(2026, 3, 2, 4, 0)) == date(2026, 3, 2)
    assert study_day(datetime(2026, 3, 2, 23, 30)) == date(2026, 3, 2)


def test_rollover_hour_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLCARDS_DAY_STARTS", "0")
    assert study_day(datetime(2026, 3, 2, 0, 30)) == date(2026, 3, 2)
    monkeypatch.setenv("DLCARDS_DAY_STARTS", "6")
    assert study_day(datetime(2026, 3, 2, 5, 30)) == date(2026, 3, 1)
    monkeypatch.setenv("DLCARDS_DAY_STARTS", "25")
    with pytest.raises(ClockError, match="DLCARDS_DAY_STARTS"):
        study_day(datetime(2026, 3, 2, 5, 30))


def test_today_can_be_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert today("2026-01-05") == date(2026, 1, 5)
    monkeypatch.setenv("DLCARDS_TODAY", "2027-02-03")
    assert today() == date(2027, 2, 3)
    with pytest.raises(ClockError, match="not a date"):
        today("yesterday")
