"""`dlcards log export|import`: the review log as the FSRS ecosystem's revlog CSV, from the
outside (the CLI and the database file)."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from dlcards.store import Store

DAY = date(2026, 3, 2)


def dlcards(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dlcards", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "TZ": "UTC", "HOME": str(cwd)},
    )


def at(day: date, hour: int, minute: int = 0) -> str:
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00.000+00:00"


def studied(db: Path) -> None:
    """A few days of study: a new card, a lapse with its same-day repeat, cram practice."""
    with Store(db) as store:
        store.grade("c1", 4, DAY, now=at(DAY, 10), duration_ms=3000)
        store.grade("c1", 1, DAY + timedelta(days=1), now=at(DAY + timedelta(days=1), 10))
        store.grade(
            "c1", 4, DAY + timedelta(days=1), repeat=True, now=at(DAY + timedelta(days=1), 10, 5)
        )
        store.grade("c2", 5, DAY, now=at(DAY, 11), duration_ms=1500)
        store.grade("c2", 4, DAY + timedelta(days=1), now=at(DAY + timedelta(days=1), 11))
        store.log_cram("c2", 4, DAY + timedelta(days=1), 900)


def rows(path: Path) -> list[list[str]]:
    with path.open(newline="") as f:
        return list(csv.reader(f))


def test_export_writes_the_revlog_layout_and_a_fresh_database_imports_it_back(
    tmp_path: Path,
) -> None:
    studied(tmp_path / "a.sqlite3")
    out = dlcards("log", "export", "revlog.csv", "--db", "a.sqlite3", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "wrote 5 reviews" in out.stdout  # cram practice is no review
    table = rows(tmp_path / "revlog.csv")
    assert table[0] == [
        "card_id",
        "review_time",
        "review_rating",
        "review_state",
        "review_duration",
    ]
    assert table[1] == ["c1", "1772445600000", "3", "0", "3000"]  # Good on a new card
    assert [r[3] for r in table[1:]] == ["0", "0", "2", "3", "2"]  # new, review, relearning
    back = dlcards("log", "import", "revlog.csv", "--db", "b.sqlite3", cwd=tmp_path)
    assert back.returncode == 0, back.stderr
    assert "5 reviews added" in back.stdout
    with Store(tmp_path / "a.sqlite3") as a, Store(tmp_path / "b.sqlite3") as b:
        assert {k: v.state for k, v in a.states().items()} == {
            k: v.state for k, v in b.states().items()
        }  # the same schedules, computed from the log alone
    again = dlcards("log", "export", "again.csv", "--db", "b.sqlite3", cwd=tmp_path)
    assert again.returncode == 0 and rows(tmp_path / "again.csv") == table


def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path) -> None:
    studied(tmp_path / "a.sqlite3")
    dlcards("log", "export", "revlog.csv", "--db", "a.sqlite3", cwd=tmp_path)
    first = dlcards("log", "import", "revlog.csv", "--db", "b.sqlite3", cwd=tmp_path)
    second = dlcards("log", "import", "revlog.csv", "--db", "b.sqlite3", cwd=tmp_path)
    assert "5 reviews added" in first.stdout
    assert second.returncode == 0 and "0 reviews added from revlog.csv, 5 already" in second.stdout
    with Store(tmp_path / "b.sqlite3") as b:
        assert len(b.log()) == 5


def test_older_reviews_are_put_in_time_order_and_the_schedule_follows_them(
    tmp_path: Path,
) -> None:
    """Reviews from another machine that came before this one's: the card's history is read
    in time order, as if it had been studied in one place."""
    (tmp_path / "old.csv").write_text(
        "card_id,review_time,review_rating,review_state,review_duration\n"
        f"c1,{1772445600000 - 6 * 86_400_000},3,0,2000\n"  # six days before DAY, Good
    )
    with Store(tmp_path / "r.sqlite3") as store:
        store.grade("c1", 4, DAY, now=at(DAY, 10))  # here it looked new: interval 1
    out = dlcards("log", "import", "old.csv", "--db", "r.sqlite3", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    with Store(tmp_path / "r.sqlite3") as store:
        log = store.log()
        assert [e.kind for e in log] == ["new", "review"]
        assert store.state("c1").state.interval == 6  # SM-2's second interval, not its first
        assert store.state("c1").state.due == DAY + timedelta(days=6)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("c1,17724456,5,2,0", ":3: review_rating must be 1 to 4, not 5"),
        ("c1,17724456,3,7,0", ":3: review_state must be 0 to 3, not 7"),
        ("c1,yesterday,3,2,0", ":3: review_time, rating, state and duration must be whole"),
        (",17724456,3,2,0", ":3: card_id is empty"),
        ("c1,17724456", ":3: expected 5 fields, found 2"),
    ],
)
def test_a_malformed_row_is_one_line_naming_it_and_nothing_is_imported(
    tmp_path: Path, line: str, reason: str
) -> None:
    (tmp_path / "bad.csv").write_text(
        "card_id,review_time,review_rating,review_state,review_duration\n"
        "c0,1772445600000,3,0,100\n" + line + "\n"
    )
    out = dlcards("log", "import", "bad.csv", "--db", "r.sqlite3", cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr.strip().startswith("dlcards: error: bad.csv" + reason.split(":", 2)[0])
    assert reason in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "r.sqlite3").exists() or Store(tmp_path / "r.sqlite3").log() == []


def test_a_file_without_the_header_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("id,time\n1,2\n")
    out = dlcards("log", "import", "x.csv", "--db", "r.sqlite3", cwd=tmp_path)
    assert out.returncode == 1 and "x.csv:1: expected the header card_id," in out.stderr
