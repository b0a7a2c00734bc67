"""A collection switched to FSRS and back (`--scheduler`), and studied under FSRS."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from dlcards.cli import main
from dlcards.kinds import SchedulerKind
from dlcards.session import Session, todays_queue
from dlcards.store import Store

pytest.importorskip("fsrs_rs_python")

DAY = date(2026, 3, 2)


def card_ids(project: Path) -> list[str]:
    doc = yaml.safe_load((project / "decks" / "nn-basics-2-flashcards.yaml").read_text())
    return [c["id"] for c in doc["cards"] if c["answer"]]


def history(db: Path, ids: list[str]) -> None:
    """Two weeks of SM-2 study: reviews, a lapse, a same-day repeat."""
    with Store(db) as store:
        for k, cid in enumerate(ids[:8]):
            store.grade(cid, 4, DAY - timedelta(days=14))
            store.grade(cid, 4 if k % 3 else 1, DAY - timedelta(days=13))
            if k % 3 == 0:
                store.grade(cid, 4, DAY - timedelta(days=13), repeat=True)
            store.grade(cid, 5, DAY - timedelta(days=7))


def due_json(capsys) -> dict:
    capsys.readouterr()
    assert main(["due", "--today", DAY.isoformat(), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_switching_sm2_to_fsrs_and_back_loses_no_review_and_dates_every_card(
    project: Path, capsys
) -> None:
    assert main(["import", "notes"]) == 0
    ids = card_ids(project)
    db = project / "reviews.sqlite3"
    history(db, ids)
    with Store(db) as store:
        log_before = store.log()
        sm2_dates = {k: v.state.due for k, v in store.states().items()}
    sm2_due = due_json(capsys)

    assert main(["due", "--today", DAY.isoformat(), "--scheduler", "fsrs"]) == 0
    err = capsys.readouterr().err
    assert "scheduling with FSRS from now on (8 cards' due dates computed" in err
    with Store(db) as store:
        assert store.scheduler == SchedulerKind.FSRS
        assert store.log() == log_before  # not a row changed
        states = store.states()
        assert all(states[c].state.due is not None for c in ids[:8])
        assert {k: v.state.due for k, v in states.items()} != sm2_dates  # FSRS's own dates
        memory = store.fsrs_state(ids[0])
        assert memory is not None and memory.memory is not None
    fsrs_due = due_json(capsys)  # no flag: the choice was kept
    assert fsrs_due["total"]["review"] != sm2_due["total"]["review"] or fsrs_due != sm2_due

    assert main(["due", "--today", DAY.isoformat(), "--scheduler", "sm2"]) == 0
    with Store(db) as store:
        assert store.scheduler == SchedulerKind.SM2
        assert store.log() == log_before
        assert {k: v.state.due for k, v in store.states().items()} == sm2_dates
    assert due_json(capsys) == sm2_due


def test_a_bad_retention_or_scheduler_is_one_line(project: Path, capsys) -> None:
    assert main(["import", "notes"]) == 0
    with pytest.raises(SystemExit):
        main(["due", "--retention", "0.5"])
    assert "is not a retention from 0.70 to 0.99" in capsys.readouterr().err


def test_studying_under_fsrs_shows_four_intervals_and_steps_bring_a_card_back(
    project: Path, capsys
) -> None:
    assert main(["import", "notes"]) == 0
    steps = ["--learning-steps", "1m 10m", "--relearning-steps", "10m"]  # Anki's
    assert main(["due", "--scheduler", "fsrs", "--retention", "0.85", *steps]) == 0
    from dlcards.collection import load_decks

    decks = load_decks(project / "decks", ["nn-basics-2-flashcards"])
    clock = [datetime(2026, 3, 2, 9, 0)]
    with Store(project / "reviews.sqlite3") as store:
        assert store.fsrs_settings().retention == 0.85
        s = Session(todays_queue(store, decks, DAY), store, DAY, decks=decks, wall=lambda: clock[0])
        first = s.current
        assert first is not None
        shown = s.intervals()
        assert shown["again"] == "1m" and shown["good"] == "10m"
        assert len(set(shown.values())) == 4  # SM-2 would show 1d, 1d, 1d
        s.grade("good")  # first learning step done: it comes back when the step ends
        assert [it.card.id for it in s.queue].count(first.card.id) == 1
        for _ in range(3):
            clock[0] += timedelta(minutes=2)
            s.grade("easy")  # (other cards graduate at once)
            assert s.current is not None and s.current.card.id != first.card.id  # not yet
        clock[0] += timedelta(minutes=5)  # ten minutes after its first step
        s.grade("easy")
        assert s.current is not None and s.current.card.id == first.card.id  # its step ended
        assert s.intervals()["good"].endswith("d")  # the last step: Good graduates
        s.grade("good")
        assert first.card.id not in [it.card.id for it in s.queue]
        graduated = store.fsrs_state(first.card.id)
        assert graduated is not None and graduated.interval >= 1
        assert store.state(first.card.id).state.due == DAY + timedelta(days=graduated.interval)
        s.undo()  # the store's FSRS state goes back with the grade
        assert store.fsrs_state(first.card.id).step == 1


def test_stats_under_fsrs_show_true_retention_by_interval_and_calibration(
    project: Path, capsys
) -> None:
    assert main(["import", "notes"]) == 0
    history(project / "reviews.sqlite3", card_ids(project))
    capsys.readouterr()
    assert main(["stats", "--json", "--today", DAY.isoformat(), "--scheduler", "fsrs"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scheduler"] == "fsrs"
    by_gap = {r["interval"]: r for r in data["fsrs"]["retention_by_interval"]}
    # 8 cards reviewed a day after their first grade (3 forgotten), then 6 days later (all
    # recalled); the same-day repeats test no memory and are left out
    assert (by_gap["1d"]["reviews"], by_gap["1d"]["recalled"]) == (8, 5 / 8)
    assert (by_gap["4-7d"]["reviews"], by_gap["4-7d"]["recalled"]) == (8, 1.0)
    cal = data["fsrs"]["calibration"]
    assert sum(r["reviews"] for r in cal) == 16
    for r in cal:
        if r["reviews"]:
            lo, hi = (int(x.rstrip("%")) / 100 for x in r["predicted"].split("-"))
            assert lo <= r["mean_predicted"] <= hi
    assert main(["stats", "--today", DAY.isoformat()]) == 0
    shown = capsys.readouterr().out
    assert "FSRS: true retention by interval" in shown
    assert "FSRS: predicted recall against what happened" in shown


def test_steps_are_chosen_once_and_kept(project: Path, capsys) -> None:
    from datetime import timedelta as td

    assert main(["import", "notes"]) == 0
    argv = ["due", "--scheduler", "fsrs", "--learning-steps", "10m", "--relearning-steps", "none"]
    assert main(argv) == 0
    with Store(project / "reviews.sqlite3") as store:
        settings = store.fsrs_settings()
        assert settings.learning_steps == (td(minutes=10),) and settings.relearning_steps == ()
    assert main(["due", "--learning-steps", "2 minutes"]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err == (
        "dlcards: error: --learning-steps: '2' is not a step "
        "(a number and s, m, h or d, under a day)"
    )


def test_a_switch_computes_the_state_grading_under_fsrs_gave(tmp_path: Path) -> None:
    """The switch reads the whole log in one pass; each card must come out exactly as if it
    had been graded under FSRS all along (cram practice left out of both)."""
    from datetime import timezone

    db = tmp_path / "reviews.sqlite3"
    start = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
    with Store(db) as store:
        store.set_scheduler(SchedulerKind.FSRS)
        for k in range(40):
            cid = f"c{k}"
            for n, gap in enumerate((0, 1, 3, 8, 20)[: 2 + k % 4]):
                at = start + timedelta(days=gap, minutes=k)
                store.grade(cid, (4, 1, 5, 3)[(k + n) % 4], at.date(), now=at.isoformat())
            store.log_cram(cid, 1, start.date(), now=(start + timedelta(hours=2)).isoformat())
        store.log_cram("only-crammed", 4, start.date())
        graded = {f"c{k}": store.fsrs_state(f"c{k}") for k in range(40)}
        dates = {k: v.state.due for k, v in store.states().items()}
        assert store.set_scheduler(SchedulerKind.SM2) == 41
        assert store.set_scheduler(SchedulerKind.FSRS) == 40  # the crammed-only card has none
        assert {c: store.fsrs_state(c) for c in graded} == graded
        assert store.fsrs_state("only-crammed") is None
        assert {k: v.state.due for k, v in store.states().items()} == dates
