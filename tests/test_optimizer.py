"""`dlcards optimize`: FSRS's parameters fitted to a learner's own log, scored on later reviews."""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dlcards import fsrs_scheduler as fs
from dlcards.cli import main
from dlcards.optimizer import SETTING
from dlcards.store import Store

fsrs_rs = pytest.importorskip("fsrs_rs_python")


def learner_log(true: list[float], cards: int = 150, per_card: int = 12, seed: int = 3) -> list:
    """Reviews of a simulated learner whose memory follows FSRS with `true` parameters,
    scheduled by dlcards' FSRS with the defaults: what a year of study would log."""
    learner = fsrs_rs.FSRS(true)
    decay = -true[20]
    factor = 0.9 ** (1 / decay) - 1
    rng = random.Random(seed)
    out = []
    for c in range(cards):
        memory, last, state = None, None, fs.FsrsState()
        day = date(2025, 1, 1) + timedelta(days=c // 5)
        for k in range(per_card):
            if memory is None:
                rating = rng.choice([1, 3, 3, 3, 4])
            else:
                recall = (1 + factor * (day - last).days / memory.stability) ** decay
                rating = (3 if rng.random() < 0.85 else 2) if rng.random() < recall else 1
            gap = 0 if last is None else (day - last).days
            nxt = learner.next_states(memory, 0.9, gap)
            memory = getattr(nxt, ("again", "hard", "good", "easy")[rating - 1]).memory
            last = day
            grade = {1: 1, 2: 3, 3: 4, 4: 5}[rating]
            now = datetime.combine(day, datetime.min.time()) + timedelta(hours=10, minutes=k)
            state = fs.review(state, fs.Grade(grade), now, day, fs.Settings())
            stamp = now.replace(tzinfo=timezone.utc).isoformat(timespec="milliseconds")
            out.append((f"c{c}", stamp, day, grade, 1000))
            day = state.due_day if state.phase == fs.Phase.REVIEW and state.due_day else day
    return out


def test_parameters_fitted_to_a_learner_unlike_the_defaults_are_scored_and_kept(
    tmp_path: Path, capsys
) -> None:
    slow = list(fs.DEFAULT_PARAMETERS)
    slow[8] = 1.0  # this learner's memory grows more slowly than FSRS's defaults say
    db = tmp_path / "r.sqlite3"
    with Store(db) as store:
        store.import_reviews(learner_log(slow))
    assert main(["optimize", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "scored on the latest" in out and "1800 reviews" in out
    default_line = next(ln for ln in out.splitlines() if ln.strip().startswith("default"))
    fitted_line = next(ln for ln in out.splitlines() if ln.strip().startswith("fitted"))
    default_loss = float(default_line.replace("│", " ").split()[1])
    fitted_loss = float(fitted_line.replace("│", " ").split()[1])
    assert fitted_loss < default_loss
    assert "kept the fitted parameters" in out
    with Store(db) as store:
        kept = store.setting(SETTING)
    assert isinstance(kept, list) and len(kept) == 21 and kept != list(fs.DEFAULT_PARAMETERS)


def test_a_log_too_small_to_fit_says_so_and_changes_nothing(tmp_path: Path, capsys) -> None:
    db = tmp_path / "r.sqlite3"
    with Store(db) as store:
        store.import_reviews(learner_log(list(fs.DEFAULT_PARAMETERS), cards=10, per_card=5))
    assert main(["optimize", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "50 reviews logged: too few to fit" in out and "nothing changed" in out
    with Store(db) as store:
        assert store.setting(SETTING) is None


def test_without_the_engine_it_is_one_line_saying_what_to_install(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setitem(sys.modules, "fsrs_rs_python", None)  # as if not installed
    db = tmp_path / "r.sqlite3"
    Store(db).close()
    assert main(["optimize", "--db", str(db)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        "dlcards: error: optimizing needs the FSRS engine: "
        "pip install 'dlcards[fsrs]' (fsrs-rs-python)"
    )
