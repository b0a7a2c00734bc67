"""`dlcards sync DIR`: two review databases "on two machines" share one folder; whatever
order they sync in, and however often, they end with the same log and the same states."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dlcards.cli import main
from dlcards.store import Store
from dlcards.sync import SyncError, sync

DAY0 = date(2026, 9, 1)


def moment(day: date, hour: int, minute: int = 0) -> str:
    at = datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.utc)
    return at.isoformat(timespec="milliseconds")


def grade_days(store: Store, cards: list[str], days: range, hour: int, seed: int) -> None:
    """Grade `cards` on the days `days` (offsets from DAY0) at `hour`, grades from `seed`."""
    rng = random.Random(seed)
    for offset in days:
        day = DAY0 + timedelta(days=offset)
        for i, card in enumerate(cards):
            if rng.random() < 0.6:
                q = rng.choice((1, 3, 4, 4, 5))
                ms = rng.randint(900, 9000)
                store.grade(card, q, day, now=moment(day, hour, i), duration_ms=ms)


def contents(db: Path) -> tuple[list[tuple], list[tuple]]:
    """The log (without row ids) and the card states, in a comparable order."""
    with sqlite3.connect(db) as con:
        log = con.execute(
            "SELECT card_id, reviewed_at, day, grade, kind, reps_after, ef_after,"
            " interval_after, due_after, was_new, duration_ms FROM review_log"
            " ORDER BY card_id, reviewed_at"
        ).fetchall()
        states = con.execute("SELECT * FROM card_state ORDER BY card_id").fetchall()
    return log, states


@pytest.fixture
def machines(tmp_path: Path) -> tuple[Store, Store, Path]:
    shared = tmp_path / "Sync"
    shared.mkdir()
    a = Store(tmp_path / "laptop" / "reviews.sqlite3")
    b = Store(tmp_path / "desktop" / "reviews.sqlite3")
    yield a, b, shared
    a.close()
    b.close()


def test_two_machines_end_with_the_same_log_and_states_in_any_order(
    machines: tuple[Store, Store, Path], tmp_path: Path
) -> None:
    a, b, shared = machines
    laptop = [f"card{i}" for i in range(0, 12)]
    desktop = [f"card{i}" for i in range(6, 18)]  # card6..card11 on both
    grade_days(a, laptop, range(0, 20), hour=8, seed=1)
    grade_days(b, desktop, range(5, 25), hour=18, seed=2)
    sync(a, shared)
    sync(b, shared)
    report = sync(a, shared)
    assert report.received > 0 and report.sent == 0
    assert contents(a.path) == contents(b.path)

    # more study on each, then the other order, and again: nothing doubles
    grade_days(a, laptop[:4], range(25, 30), hour=7, seed=3)
    grade_days(b, desktop[-4:], range(25, 30), hour=21, seed=4)
    for first, second in ((b, a), (a, b), (b, a)):
        sync(first, shared)
        sync(second, shared)
    log, states = contents(a.path)
    assert (log, states) == contents(b.path)
    keys = [(row[0], row[1]) for row in log]
    assert len(keys) == len(set(keys))
    mine = sum(1 for r in a.synced_reviews())
    assert mine == len(log)
    again = sync(a, shared)
    assert (again.sent, again.received, again.removed) == (0, 0, 0)

    # the same reviews merged in the opposite order from scratch give the same result
    c = Store(tmp_path / "third" / "reviews.sqlite3")
    try:
        sync(c, shared)
        assert contents(c.path) == (log, states)
    finally:
        c.close()


def test_a_card_graded_on_both_machines_the_same_day_keeps_both_reviews(
    machines: tuple[Store, Store, Path],
) -> None:
    a, b, shared = machines
    a.grade("ohm", 4, DAY0, now=moment(DAY0, 9))
    b.grade("ohm", 1, DAY0, now=moment(DAY0, 20))  # the desktop, that evening
    sync(b, shared)
    sync(a, shared)
    sync(b, shared)
    log, _ = contents(a.path)
    assert [(r[1], r[3], r[4]) for r in log] == [
        (moment(DAY0, 9), 4, "new"),
        (moment(DAY0, 20), 1, "relearn"),  # second of the day: practice, in time order
    ]
    assert contents(a.path) == contents(b.path)


def test_an_undo_travels(machines: tuple[Store, Store, Path]) -> None:
    a, b, shared = machines
    a.grade("volt", 4, DAY0, now=moment(DAY0, 9))
    a.grade("amp", 5, DAY0, now=moment(DAY0, 9, 1))
    sync(a, shared)
    sync(b, shared)
    assert b.state("amp") is not None
    assert a.undo_last("amp") == "amp"  # (as a session undoes: by card)
    assert sync(a, shared).undone == 1
    assert sync(b, shared).removed == 1
    assert b.state("amp") is None and b.state("volt") is not None
    assert contents(a.path) == contents(b.path)


def test_the_database_may_not_live_in_the_shared_folder(tmp_path: Path) -> None:
    with Store(tmp_path / "Sync" / "reviews.sqlite3") as store, pytest.raises(SyncError):
        sync(store, tmp_path / "Sync")
    assert list((tmp_path / "Sync").glob("*.jsonl")) == []


def test_a_damaged_line_from_another_device_is_reported_and_skipped(
    machines: tuple[Store, Store, Path],
) -> None:
    a, b, shared = machines
    b.grade("watt", 4, DAY0, now=moment(DAY0, 9))
    sync(b, shared)
    (other,) = shared.glob("*.jsonl")
    with open(other, "a", encoding="utf-8") as f:
        f.write('{"card": "watt", "grade": "lots"}\n{"card": "x"')  # a bad line, a torn one
    report = sync(a, shared)
    assert report.received == 1 and len(report.warnings) == 1
    assert "line 2" in report.warnings[0]


def test_sync_killed_at_any_moment_loses_nothing(tmp_path: Path) -> None:
    """A sync of 20,000 reviews killed (SIGKILL) at one moment of its run, then run again,
    ends as a sync never killed; and a machine syncing from that folder gets the same log."""
    start = tmp_path / "start.sqlite3"
    rng = random.Random(9)
    with Store(start) as store:
        rows = []
        for i in range(20_000):
            day = DAY0 + timedelta(days=i // 400)
            at = moment(day, 8 + (i % 400) // 60, i % 60)
            rows.append((f"k{i % 3000}", at, day, rng.choice((1, 4, 5)), 2000))
        store.import_reviews(rows)
        store.grade("fresh", 4, DAY0, now=moment(DAY0, 23))  # graded here, not yet synced

    def run_sync(db: Path, shared: Path, kill_after: float | None = None) -> None:
        cmd = [sys.executable, "-m", "dlcards", "sync", str(shared), "--db", str(db)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if kill_after is None:
            assert proc.wait() == 0, proc.stderr.read() if proc.stderr else ""
            return
        time.sleep(kill_after)
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    clean_db, clean_dir = tmp_path / "clean.sqlite3", tmp_path / "clean-sync"
    clean_dir.mkdir()
    clean_db.write_bytes(start.read_bytes())
    run_sync(clean_db, clean_dir)
    expected = contents(clean_db)
    (clean_file,) = clean_dir.glob("*.jsonl")
    expected_lines = sorted(clean_file.read_text(encoding="utf-8").splitlines())
    assert len(expected_lines) == 20_001
    for n, delay in enumerate((0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)):
        db, shared = tmp_path / f"run{n}.sqlite3", tmp_path / f"sync{n}"
        shared.mkdir()
        db.write_bytes(start.read_bytes())
        run_sync(db, shared, kill_after=delay)
        run_sync(db, shared)
        assert contents(db) == expected
        (log_file,) = shared.glob("*.jsonl")
        whole = [x for x in log_file.read_text(encoding="utf-8").splitlines() if x.endswith("}")]
        assert sorted(whole) == expected_lines  # every review in the folder, once
        other = tmp_path / f"desktop{n}.sqlite3"
        assert main(["sync", str(shared), "--db", str(other)]) == 0
        assert contents(other) == expected
