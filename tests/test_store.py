"""The review store: transactions, undo, migrations, crashes and concurrent writers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from dlcards.scheduler import State
from dlcards.store import SCHEMA_VERSION, Store, StoreError

DAY = date(2026, 3, 2)
SRC = str(Path(__file__).resolve().parent.parent / "src")


def test_grade_is_stored_and_logged(tmp_path: Path) -> None:
    with Store(tmp_path / "r.sqlite3") as store:
        after = store.grade("c1", 5, DAY, duration_ms=1200)
        assert after == State(1, 2.6, 1, DAY + timedelta(days=1))
        assert store.state("c1").state == after
        [entry] = store.log()
        assert (
            entry.card_id,
            entry.grade,
            entry.kind,
            entry.interval_after,
            entry.ef_after,
            entry.duration_ms,
        ) == ("c1", 5, "new", 1, 260, 1200)
        assert store.day_counts(DAY) == {"new": 1}
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_undo_restores_the_exact_previous_state_and_log(tmp_path: Path) -> None:
    with Store(tmp_path / "r.sqlite3") as store:
        store.grade("c1", 5, DAY)
        before = store.state("c1")
        store.grade("c1", 1, DAY + timedelta(days=1))
        assert store.state("c1").lapses == 1
        assert store.undo_last() == "c1"
        assert store.state("c1") == before
        assert len(store.log()) == 1
        assert store.undo_last() == "c1"
        assert store.state("c1") is None and store.log() == []
        assert store.undo_last() is None


def test_session_repeats_change_no_state(tmp_path: Path) -> None:
    with Store(tmp_path / "r.sqlite3") as store:
        first = store.grade("c1", 3, DAY)
        again = store.grade("c1", 4, DAY, repeat=True)
        assert again == first and store.state("c1").state == first
        assert [e.kind for e in store.log()] == ["new", "relearn"]


def test_failed_today_and_burial(tmp_path: Path) -> None:
    with Store(tmp_path / "r.sqlite3") as store:
        store.grade("a", 1, DAY)
        store.grade("b", 5, DAY)
        store.grade("c", 2, DAY)
        store.grade("c", 4, DAY, repeat=True)
        assert store.failed_on(DAY) == {"a"}
        store.bury("d", DAY + timedelta(days=1))
        assert store.state("d").buried_until == DAY + timedelta(days=1)
        assert store.state("d").state.due is None  # still a new card


V1_SCHEMA = """
CREATE TABLE card_state (card_id TEXT PRIMARY KEY, repetitions INTEGER NOT NULL,
  ef INTEGER NOT NULL, interval INTEGER NOT NULL, due TEXT, lapses INTEGER NOT NULL DEFAULT 0,
  reviews INTEGER NOT NULL DEFAULT 0, last_review TEXT) WITHOUT ROWID;
CREATE TABLE review_log (id INTEGER PRIMARY KEY, card_id TEXT NOT NULL, reviewed_at TEXT NOT NULL,
  day TEXT NOT NULL, grade INTEGER NOT NULL, kind TEXT NOT NULL, reps_before INTEGER,
  reps_after INTEGER, ef_before INTEGER, ef_after INTEGER, interval_before INTEGER,
  interval_after INTEGER, due_before TEXT, due_after TEXT, lapses_before INTEGER,
  was_new INTEGER NOT NULL);
CREATE INDEX review_log_day ON review_log(day);
CREATE INDEX review_log_card ON review_log(card_id);
INSERT INTO card_state VALUES ('old', 2, 270, 6, '2026-03-01', 0, 2, '2026-02-23T10:00:00');
INSERT INTO review_log (card_id, reviewed_at, day, grade, kind, was_new)
  VALUES ('old', '2026-02-23T10:00:00', '2026-02-23', 5, 'review', 0);
PRAGMA application_id = 1684824929;
PRAGMA user_version = 1;
"""


def test_older_schema_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(V1_SCHEMA)
    with Store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.state("old").state == State(2, 2.7, 6, date(2026, 3, 1))
        store.grade("old", 4, DAY, duration_ms=900)  # the new columns work
        backup = store.backup_path
    assert backup.exists() and backup.name.startswith("r.sqlite3.v1-")
    with sqlite3.connect(backup) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert db.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"this is not sqlite at all, just text" * 100, "not a usable dlcards database"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "not a usable dlcards database"),
    ],
)
def test_corrupt_database_is_reported_and_never_overwritten(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "r.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=reason) as err:
        Store(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    assert path.read_bytes() == content


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE invoices (id INTEGER)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a dlcards database"):
        Store(path)
    assert path.read_bytes() == before


GRADER = textwrap.dedent("""
    import sys
    from datetime import date
    sys.path.insert(0, {src!r})
    from dlcards.store import Store
    store = Store(sys.argv[1])
    for i in range(int(sys.argv[3])):
        store.grade(sys.argv[2] if sys.argv[2] != "each" else f"card{{i}}", 4, date(2026, 3, 2))
        print(i + 1, flush=True)
""")


def test_sigkill_loses_no_committed_grade(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    Store(db).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", GRADER.format(src=SRC), str(db), "each", "100000"],
        stdout=subprocess.PIPE,
        text=True,
    )
    seen = 0
    assert proc.stdout is not None
    while seen < 25:
        seen = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        graded = {e.card_id for e in store.log()}
        assert len(graded) >= seen  # every grade reported done is there
        assert all(f"card{i}" in graded for i in range(seen))
        assert len(store.states()) == len(graded)


def test_two_processes_grading_the_same_card_lose_no_write(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    Store(db).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", GRADER.format(src=SRC), str(db), "shared", "60"],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    deadline = time.monotonic() + 120
    for p in procs:
        assert p.wait(timeout=max(1, deadline - time.monotonic())) == 0
    with Store(db) as store:
        assert len(store.log()) == 120
        cs = store.state("shared")
        assert cs.reviews == 120 and cs.state.repetitions == 120  # no lost read-modify-write
