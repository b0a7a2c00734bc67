"""The review store: one SQLite file (stdlib sqlite3) with card states and the review log.

Guarantees, each tested:

* every grade is one `BEGIN IMMEDIATE` transaction, committed before `grade()` returns, so a
  crash or a kill never loses a grade that was shown as done;
* the new state is computed inside that transaction from the state in the database, so two
  processes grading on the same file serialise instead of overwriting each other (WAL mode,
  a busy timeout and retries on "database is locked");
* undo restores the exact previous state, from the before-values kept in the log row;
* state is keyed by the stable card id, so edits and re-imports keep progress, and cards that
  left the decks keep their history;
* a database from an older schema is backed up, then migrated; a file that is not a dlcards
  database, or is corrupt, is reported and never written to.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import time
from collections.abc import Container, Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .gc_pause import no_gc
from .kinds import SchedulerKind
from .reviews import (
    AdoptedReview,
    AdoptedState,
    CardState,
    LogEntry,
    Orphan,
    SyncedReview,
)
from .scheduler import EF_START, State, review

if TYPE_CHECKING:
    from .fsrs_scheduler import FsrsState
    from .fsrs_scheduler import Settings as FsrsSettings

SCHEMA_VERSION = 4
APP_ID = 0x646C6361  # "dlca": marks the file as a dlcards database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS card_state (
    card_id      TEXT PRIMARY KEY,
    repetitions  INTEGER NOT NULL,
    ef           INTEGER NOT NULL,          -- EF in hundredths (250 = 2.5)
    interval     INTEGER NOT NULL,
    due          TEXT,                      -- ISO date of the study day it is due
    lapses       INTEGER NOT NULL DEFAULT 0,
    reviews      INTEGER NOT NULL DEFAULT 0,
    last_review  TEXT,
    buried_until TEXT,
    question     TEXT                       -- as last studied: names an orphan (`orphans`)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS card_state_due ON card_state(due);
CREATE TABLE IF NOT EXISTS review_log (
    id              INTEGER PRIMARY KEY,
    card_id         TEXT NOT NULL,
    reviewed_at     TEXT NOT NULL,          -- UTC timestamp, ISO 8601
    day             TEXT NOT NULL,          -- the study day it counts for
    grade           INTEGER NOT NULL,
    kind            TEXT NOT NULL,          -- new, review, relearn or cram
    reps_before     INTEGER, reps_after    INTEGER,
    ef_before       INTEGER, ef_after      INTEGER,
    interval_before INTEGER, interval_after INTEGER,
    due_before      TEXT,    due_after     TEXT,
    lapses_before   INTEGER,
    was_new         INTEGER NOT NULL,
    duration_ms     INTEGER
);
CREATE INDEX IF NOT EXISTS review_log_day ON review_log(day);
CREATE INDEX IF NOT EXISTS review_log_card ON review_log(card_id);
CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,                 -- scheduler, retention, fsrs_parameters
    value TEXT NOT NULL                     -- JSON
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fsrs_state (     -- FSRS's view of a card (see fsrs_scheduler)
    card_id    TEXT PRIMARY KEY,
    phase      INTEGER NOT NULL,            -- 0 new, 1 learning, 2 review, 3 relearning
    step       INTEGER NOT NULL,
    stability  REAL,
    difficulty REAL,
    due_at     TEXT,                        -- local time it is next shown
    due_day    TEXT,
    interval   INTEGER NOT NULL,
    last_day   TEXT,
    lapses     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fsrs_state_steps ON fsrs_state(phase, due_day);
CREATE TABLE IF NOT EXISTS forgotten (      -- reviews purged here, for `sync` to undo elsewhere
    card_id   TEXT NOT NULL,
    moment_ms INTEGER NOT NULL,
    PRIMARY KEY (card_id, moment_ms)
) WITHOUT ROWID;
"""

#: Migrations from version N to N+1, applied in order inside one transaction.
#: Version 1 (the first release) had no burying and no review durations; version 2 no
#: settings (the scheduler's parameters fitted to the learner's log); version 3 kept no
#: question text (an orphan's name) and no purged reviews.
_MIGRATIONS: dict[int, str] = {
    1: """
    ALTER TABLE card_state ADD COLUMN buried_until TEXT;
    ALTER TABLE review_log ADD COLUMN duration_ms INTEGER;
    CREATE INDEX IF NOT EXISTS card_state_due ON card_state(due);
    """,
    2: """
    CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS fsrs_state (card_id TEXT PRIMARY KEY, phase INTEGER NOT NULL,
        step INTEGER NOT NULL, stability REAL, difficulty REAL, due_at TEXT, due_day TEXT,
        interval INTEGER NOT NULL, last_day TEXT, lapses INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS fsrs_state_steps ON fsrs_state(phase, due_day);
    """,
    3: """
    ALTER TABLE card_state ADD COLUMN question TEXT;
    CREATE TABLE IF NOT EXISTS forgotten (card_id TEXT NOT NULL, moment_ms INTEGER NOT NULL,
        PRIMARY KEY (card_id, moment_ms)) WITHOUT ROWID;
    """,
}


class StoreError(Exception):
    """A database that cannot be used; the message names the file."""


class StoreBusy(StoreError):
    """Another process held the database's write lock for longer than the caller waited."""


def stamp_ms(stamp: str) -> int:
    """A logged timestamp to the millisecond (UTC), for telling one review from another."""
    at = datetime.fromisoformat(stamp)
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return round(at.timestamp() * 1000)


def _utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Store:
    """Open (creating or migrating) the review database at `path`."""

    def __init__(self, path: Path | str, *, timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._scheduler: SchedulerKind | None = None  # read from settings when first asked
        self._fsrs: FsrsSettings | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        existed = self.path.exists() and self.path.stat().st_size > 0
        try:
            self.db = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            self.db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            version, app = self._read_header()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable dlcards database ({exc})") from None
        if existed and app not in (0, APP_ID):
            self.db.close()
            raise StoreError(f"{self.path}: not a dlcards database (another program's SQLite file)")
        if existed and app == 0 and version == 0 and self._has_tables():
            self.db.close()
            raise StoreError(f"{self.path}: not a dlcards database (unknown tables)")
        if version > SCHEMA_VERSION:
            self.db.close()
            raise StoreError(
                f"{self.path}: made by a newer dlcards (schema {version} > {SCHEMA_VERSION}); "
                "upgrade dlcards"
            )
        try:
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            if version == 0:
                self._create()
            elif version < SCHEMA_VERSION:
                self._migrate(version)
            # both tables readable; not COUNT(*), which reads every page of a large store
            self.db.execute("SELECT 1 FROM card_state LIMIT 1").fetchone()
            self.db.execute("SELECT 1 FROM review_log LIMIT 1").fetchone()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(
                f"{self.path}: database is damaged ({exc}); it was not changed"
            ) from None
        with contextlib.suppress(StoreBusy):  # still busy: the next opening replays them
            self.replay_pending()

    # -- set-up ----------------------------------------------------------------------------------

    def _read_header(self) -> tuple[int, int]:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        app = self.db.execute("PRAGMA application_id").fetchone()[0]
        return version, app

    def _has_tables(self) -> bool:
        return bool(self.db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone())

    def _create(self) -> None:
        with self._transaction():
            for stmt in _statements(_SCHEMA):
                self.db.execute(stmt)
            self.db.execute(f"PRAGMA application_id = {APP_ID}")
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _migrate(self, version: int) -> None:
        """Check the file, back it up, then bring it to SCHEMA_VERSION in one transaction."""
        self.check()  # never migrate (or back up as good) a damaged database
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.v{version}-{stamp}.bak")
        with contextlib.closing(sqlite3.connect(backup)) as target:
            self.db.backup(target)
        self.backup_path = backup
        with self._transaction():
            for v in range(version, SCHEMA_VERSION):
                for stmt in _statements(_MIGRATIONS[v]):
                    self.db.execute(stmt)
            self.db.execute(f"PRAGMA application_id = {APP_ID}")
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def check(self) -> None:
        """Full integrity check (slow on large files); raises StoreError on damage."""
        try:
            row = self.db.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: database is damaged ({exc})") from None
        if row and row[0] != "ok":
            raise StoreError(f"{self.path}: database is damaged ({row[0]})")

    @contextlib.contextmanager
    def _transaction(self, wait: float | None = None) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT, retried while another process holds the write lock,
        for `wait` seconds (the store's timeout by default); then StoreBusy."""
        deadline = time.monotonic() + (self.timeout if wait is None else wait)
        delay = 0.01
        short = wait is not None and wait < self.timeout
        if short:  # SQLite's own busy wait would otherwise hold BEGIN for the whole timeout
            self.db.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")  # type: ignore[operator]
        try:
            while True:
                try:
                    self.db.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                    if time.monotonic() > deadline:
                        raise StoreBusy(
                            f"{self.path}: database is locked by another process"
                        ) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.2)
        finally:
            if short:
                self.db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------------

    def states(self, card_ids: Iterable[str] | None = None) -> dict[str, CardState]:
        """Stored states, all or for the given ids (cards never reviewed are absent)."""
        rows = self.db.execute(f"SELECT {_STATE_COLUMNS} FROM card_state")
        if card_ids is None:
            return _card_states(rows)
        wanted = set(card_ids)
        return _card_states(row for row in rows if row[0] in wanted)

    def held_states(self, day: date, also: Iterable[str] = ()) -> dict[str, CardState]:
        """States of the cards buried past `day`, and of the ids in `also` (today's failed
        cards): with `due_in_order`, all that a day's queue needs of a large collection."""
        rows = self.db.execute(
            f"SELECT {_STATE_COLUMNS} FROM card_state WHERE buried_until > ?", (day.isoformat(),)
        ).fetchall()
        extra = list(also)
        for start in range(0, len(extra), 500):
            chunk = extra[start : start + 500]
            rows += self.db.execute(
                f"SELECT {_STATE_COLUMNS} FROM card_state"
                f" WHERE card_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
        return _card_states(rows)

    def due_in_order(self, day: date) -> Iterator[CardState]:
        """States of the cards due by `day`, most overdue first, read as they are taken: a
        day's queue needs the first few hundred, not every due card of the collection."""
        rows = self.db.execute(
            f"SELECT {_STATE_COLUMNS} FROM card_state WHERE due <= ? ORDER BY due, card_id",
            (day.isoformat(),),
        )
        try:
            while batch := rows.fetchmany(256):
                yield from _card_states(batch).values()
        finally:
            rows.close()  # the reader stops early: end the statement with it, not at GC

    def known_ids(self) -> set[str]:
        """Ids of every card that has been reviewed (so is no longer new)."""
        return {
            r[0] for r in self.db.execute("SELECT card_id FROM card_state WHERE due IS NOT NULL")
        }

    def state(self, card_id: str) -> CardState | None:
        rows = self.db.execute(
            f"SELECT {_STATE_COLUMNS} FROM card_state WHERE card_id = ?", (card_id,)
        )
        return _card_states(rows).get(card_id)

    def day_counts(self, day: date) -> dict[str, int]:
        """Reviews logged for a study day by kind: {'new': 3, 'review': 10, ...}."""
        rows = self.db.execute(
            "SELECT kind, COUNT(*) FROM review_log WHERE day = ? GROUP BY kind", (day.isoformat(),)
        )
        return dict(rows.fetchall())

    def failed_on(self, day: date) -> set[str]:
        """Cards relearning today: under SM-2 those whose latest grade on `day` was below 4,
        under FSRS those still on their learning or relearning steps."""
        if self.scheduler == SchedulerKind.FSRS:
            return {
                r[0]
                for r in self.db.execute(
                    "SELECT card_id FROM fsrs_state WHERE phase IN (1, 3) AND due_day <= ?",
                    (day.isoformat(),),
                )
            }
        rows = self.db.execute(
            "SELECT card_id, grade FROM review_log WHERE day = ? AND kind != 'cram' ORDER BY id",
            (day.isoformat(),),
        )
        last: dict[str, int] = {}
        for cid, grade in rows:
            last[cid] = grade
        return {cid for cid, g in last.items() if g < 4}

    def log(self, since: date | None = None) -> list[LogEntry]:
        sql = (
            "SELECT card_id, reviewed_at, day, grade, kind, interval_after, ef_after, duration_ms"
            " FROM review_log"
        )
        args: tuple = ()
        if since is not None:
            sql += " WHERE day >= ?"
            args = (since.isoformat(),)
        return [
            LogEntry(cid, at, _day(day), g, kind, ia, efa, dur)  # type: ignore[arg-type]
            for cid, at, day, g, kind, ia, efa, dur in self.db.execute(sql + " ORDER BY id", args)
        ]

    # -- writing ---------------------------------------------------------------------------------

    def grade(
        self,
        card_id: str,
        q: int,
        day: date,
        *,
        repeat: bool = False,
        duration_ms: int | None = None,
        now: str | None = None,
        wait: float | None = None,
        question: str | None = None,
    ) -> State:
        """Record grade q for a card and return its new state, committed on return.
        `question`: the card's text as studied, kept to name the card should it leave the
        decks (`orphans`).

        `repeat` marks a repeat inside a session (SM-2: it changes no state, but is logged as
        relearning practice).  `wait`: how long another process's write may hold it up
        (StoreBusy after that, nothing written).
        """
        with self._transaction(wait):
            row = self.db.execute(
                "SELECT repetitions, ef, interval, due, lapses FROM card_state WHERE card_id = ?",
                (card_id,),
            ).fetchone()
            was_new = row is None or row[3] is None  # no row, or only a burial: never reviewed
            before = State() if was_new else State(row[0], row[1] / 100, row[2], _day(row[3]))
            lapses_before = 0 if was_new else row[4]
            lapses = lapses_before
            if repeat and not was_new:
                after, kind = before, "relearn"
            else:
                after = review(before, q, day)
                kind = "new" if was_new else "review"
                lapses += 1 if (q < 3 and not was_new) else 0
            stamp = now or _utcnow()
            schedule = after  # what card_state holds: the active scheduler's due date
            if self.scheduler == SchedulerKind.FSRS:
                memory = self._fsrs_review(card_id, q, stamp, day)
                schedule = after._replace(interval=memory.interval, due=memory.due_day)
            self.db.execute(
                "INSERT INTO card_state (card_id, repetitions, ef, interval, due, lapses, reviews,"
                " last_review, question) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)"
                " ON CONFLICT(card_id) DO UPDATE SET"
                " repetitions=excluded.repetitions, ef=excluded.ef, interval=excluded.interval,"
                " due=excluded.due, lapses=excluded.lapses, reviews=card_state.reviews + 1,"
                " last_review=excluded.last_review,"
                " question=COALESCE(excluded.question, card_state.question)",
                (
                    card_id,
                    after.repetitions,
                    after.ef_hundredths,
                    schedule.interval,
                    schedule.due.isoformat() if schedule.due else None,
                    lapses,
                    stamp,
                    question,
                ),
            )
            self.db.execute(
                "INSERT INTO review_log (card_id, reviewed_at, day, grade, kind, reps_before,"
                " reps_after, ef_before, ef_after, interval_before, interval_after, due_before,"
                " due_after, lapses_before, was_new, duration_ms)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    card_id,
                    stamp,
                    day.isoformat(),
                    q,
                    kind,
                    before.repetitions,
                    after.repetitions,
                    before.ef_hundredths,
                    after.ef_hundredths,
                    before.interval,
                    after.interval,
                    before.due.isoformat() if before.due else None,
                    after.due.isoformat() if after.due else None,
                    lapses_before,
                    int(was_new),
                    duration_ms,
                ),
            )
        return schedule

    def log_cram(
        self,
        card_id: str,
        q: int,
        day: date,
        duration_ms: int | None = None,
        *,
        now: str | None = None,
        wait: float | None = None,
    ) -> None:
        """Log a cram review: kept in the history, changes no schedule."""
        with self._transaction(wait):
            self.db.execute(
                "INSERT INTO review_log (card_id, reviewed_at, day, grade, kind, was_new,"
                " duration_ms) VALUES (?, ?, ?, ?, 'cram', 0, ?)",
                (card_id, now or _utcnow(), day.isoformat(), q, duration_ms),
            )

    # -- grades the database could not take yet ----------------------------------------------
    # A grade given while another process holds the write lock for long is not lost: the study
    # screen keeps retrying, and a session ended before it succeeds leaves the grade in a
    # journal beside the database, which the next opening of the store replays.  Each entry
    # carries the time it was given, and an entry whose (card, time) is already in the log is
    # skipped, so a replay cut short is simply replayed again.

    @property
    def pending_path(self) -> Path:
        return self.path.with_name(self.path.name + ".pending")

    def defer_grade(
        self,
        card_id: str,
        q: int,
        day: date,
        *,
        repeat: bool = False,
        duration_ms: int | None = None,
        cram: bool = False,
    ) -> None:
        """Keep a grade for the next opening of the store (appended and synced to disk)."""
        entry = {
            "card": card_id,
            "q": q,
            "day": day.isoformat(),
            "repeat": repeat,
            "ms": duration_ms,
            "cram": cram,
            "at": _utcnow(),
        }
        with open(self.pending_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def replay_pending(self) -> int:
        """Apply the journal's grades (see above); returns how many were applied."""
        leftovers = sorted(self.path.parent.glob(f"{self.path.name}.pending.*.replaying"))
        if not self.pending_path.exists() and not leftovers:
            return 0
        mine = self.path.with_name(f"{self.path.name}.pending.{os.getpid()}.replaying")
        with contextlib.suppress(FileNotFoundError):
            os.replace(self.pending_path, mine)  # (only one process gets the file)
        applied = 0
        for journal in dict.fromkeys([*leftovers, mine]):
            try:
                lines = journal.read_text(encoding="utf-8").splitlines()
            except OSError:
                continue
            for line in lines:
                try:
                    e = json.loads(line)
                    card, at, day = str(e["card"]), str(e["at"]), date.fromisoformat(e["day"])
                    q = int(e["q"])
                except (ValueError, KeyError, TypeError):
                    continue  # a torn last line (a crash while appending): nothing to apply
                if self.db.execute(
                    "SELECT 1 FROM review_log WHERE card_id = ? AND reviewed_at = ?", (card, at)
                ).fetchone():
                    continue
                if e.get("cram"):
                    self.log_cram(card, q, day, e.get("ms"), now=at)
                else:
                    self.grade(
                        card, q, day, repeat=bool(e.get("repeat")), duration_ms=e.get("ms"), now=at
                    )
                applied += 1
            with contextlib.suppress(FileNotFoundError):
                journal.unlink()
        return applied

    def undo_last(self, card_id: str | None = None) -> str | None:
        """Undo the newest grade (of `card_id`, if given): state and log as before it.

        Returns the card id whose grade was undone, or None when there is nothing to undo.
        """
        with self._transaction():
            sql = (
                "SELECT id, card_id, kind, reps_before, ef_before, interval_before, due_before,"
                " lapses_before, was_new FROM review_log"
            )
            args: tuple = ()
            if card_id is not None:
                sql += " WHERE card_id = ?"
                args = (card_id,)
            row = self.db.execute(sql + " ORDER BY id DESC LIMIT 1", args).fetchone()
            if row is None:
                return None
            log_id, cid, kind, reps, ef, interval, due, lapses, was_new = row
            if kind in ("new", "review"):
                if was_new:  # back to never reviewed (a burial, if any, stays)
                    self.db.execute(
                        f"UPDATE card_state SET repetitions=0, ef={EF_START}, interval=0, due=NULL,"
                        " lapses=0, reviews=0 WHERE card_id = ?",
                        (cid,),
                    )
                    self.db.execute(
                        "DELETE FROM card_state WHERE card_id = ? AND buried_until IS NULL", (cid,)
                    )
                else:
                    self.db.execute(
                        "UPDATE card_state SET repetitions=?, ef=?, interval=?, due=?, lapses=?,"
                        " reviews=reviews-1 WHERE card_id = ?",
                        (reps, ef, interval, due, lapses, cid),
                    )
            elif kind == "relearn":
                self.db.execute("UPDATE card_state SET reviews=reviews-1 WHERE card_id = ?", (cid,))
            self.db.execute("DELETE FROM review_log WHERE id = ?", (log_id,))
            prev = self.db.execute(
                "SELECT reviewed_at FROM review_log WHERE card_id = ? ORDER BY id DESC LIMIT 1",
                (cid,),
            ).fetchone()
            self.db.execute(
                "UPDATE card_state SET last_review = ? WHERE card_id = ?",
                (prev[0] if prev else None, cid),
            )
            if self.scheduler == SchedulerKind.FSRS:
                self._fsrs_replay(cid)  # FSRS's state before the grade: its log without it
            return cid

    def setting(self, key: str) -> object:
        """A stored setting (JSON), or None."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_setting(self, key: str, value: object) -> None:
        with self._transaction():
            self._put_setting(key, value)

    def _put_setting(self, key: str, value: object) -> None:
        """Write a setting inside the caller's transaction."""
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET"
            " value = excluded.value",
            (key, json.dumps(value)),
        )

    # -- the scheduler -----------------------------------------------------------------------

    @property
    def scheduler(self) -> SchedulerKind:
        """The scheduler whose due dates `card_state` holds (SM-2 unless switched)."""
        if self._scheduler is None:
            name = self.setting("scheduler")
            self._scheduler = SchedulerKind(name) if name in ("sm2", "fsrs") else SchedulerKind.SM2
        return self._scheduler

    def fsrs_settings(self) -> FsrsSettings:
        """The FSRS parameters (fitted by `dlcards optimize`, else the defaults) and the
        desired retention kept in this database."""
        from .fsrs_scheduler import DEFAULT_PARAMETERS, DEFAULT_RETENTION, Settings

        if self._fsrs is None:
            parameters = self.setting("fsrs_parameters")
            retention = self.setting("retention")
            learning, relearning = self.setting("learning_steps"), self.setting("relearning_steps")
            steps = {}
            if isinstance(learning, list):
                steps["learning_steps"] = tuple(timedelta(seconds=x) for x in learning)
            if isinstance(relearning, list):
                steps["relearning_steps"] = tuple(timedelta(seconds=x) for x in relearning)
            self._fsrs = Settings(
                **steps,  # type: ignore[arg-type]
                parameters=tuple(parameters)
                if isinstance(parameters, list) and len(parameters) == len(DEFAULT_PARAMETERS)
                else DEFAULT_PARAMETERS,
                retention=float(retention)
                if isinstance(retention, (int, float))
                else DEFAULT_RETENTION,
            )
        return self._fsrs

    def set_scheduler(
        self,
        kind: SchedulerKind,
        retention: float | None = None,
        *,
        learning_steps: tuple[timedelta, ...] | None = None,
        relearning_steps: tuple[timedelta, ...] | None = None,
    ) -> int:
        """Switch the collection to `kind` (and, for FSRS, a desired retention), in one
        transaction; returns the number of cards whose schedule was computed again.

        The review log is the one source of truth: to FSRS, every card's memory state is
        computed from its whole log and its due date follows from it; back to SM-2, every
        card gets the due date its own SM-2 state gave (SM-2's state is kept up to date
        under FSRS too, so nothing has to be guessed).  No log row changes either way."""
        if retention is not None:
            from .fsrs_scheduler import Settings

            Settings(retention=retention)  # checks the range before anything is written
        with self._transaction():
            chosen = {
                "retention": retention,
                "learning_steps": None
                if learning_steps is None
                else [s.total_seconds() for s in learning_steps],
                "relearning_steps": None
                if relearning_steps is None
                else [s.total_seconds() for s in relearning_steps],
            }
            for key, value in chosen.items():
                if value is not None:
                    self._put_setting(key, value)
            self._put_setting("scheduler", kind.value)
            self._scheduler, self._fsrs = kind, None
            if kind == SchedulerKind.FSRS:
                return self._fsrs_replay_all()
            ids = [r[0] for r in self.db.execute("SELECT DISTINCT card_id FROM review_log")]
            self.db.execute("DELETE FROM fsrs_state")
            for card_id in ids:
                self._sm2_schedule(card_id)
        return len(ids)

    def fsrs_state(self, card_id: str) -> FsrsState | None:
        """FSRS's view of a card (None: never reviewed under FSRS)."""
        from .fsrs_scheduler import FsrsState, Memory, Phase

        row = self.db.execute(
            "SELECT phase, step, stability, difficulty, due_at, due_day, interval, last_day,"
            " lapses FROM fsrs_state WHERE card_id = ?",
            (card_id,),
        ).fetchone()
        if row is None:
            return None
        phase, step, stability, difficulty, due_at, due_day, interval, last_day, lapses = row
        return FsrsState(
            Phase(phase),
            step,
            Memory(stability, difficulty) if stability is not None else None,
            datetime.fromisoformat(due_at) if due_at else None,
            _day(due_day),
            interval,
            _day(last_day),
            lapses,
        )

    def anki_memory(self) -> dict[str, str]:
        """Every card's FSRS memory state as Anki writes it in `cards.data`: stability to four
        decimals, difficulty and decay to three, the desired retention (checked against
        Anki's own backend in the export tests)."""
        settings = self.fsrs_settings()
        decay = round(settings.parameters[20], 3)
        return {
            cid: json.dumps(
                {"s": round(s, 4), "d": round(d, 3), "dr": settings.retention, "decay": decay},
                separators=(",", ":"),
            )
            for cid, s, d in self.db.execute(
                "SELECT card_id, stability, difficulty FROM fsrs_state WHERE stability IS NOT NULL"
            )
        }

    def _fsrs_review(self, card_id: str, q: int, stamp: str, day: date) -> FsrsState:
        """Grade the card under FSRS (inside the caller's transaction)."""
        from .fsrs_scheduler import FsrsState, Reviewed, review

        before = self.fsrs_state(card_id) or FsrsState()
        now = Reviewed.logged(stamp, day, q)
        after = review(before, now.grade, now.at, day, self.fsrs_settings())
        self._fsrs_write(card_id, after)
        return after

    def _fsrs_replay(self, card_id: str) -> None:
        """FSRS's state of a card from its whole log, and its due date in card_state."""
        rows = self.db.execute(
            "SELECT card_id, reviewed_at, day, grade FROM review_log"
            " WHERE card_id = ? AND kind != 'cram' ORDER BY id",
            (card_id,),
        ).fetchall()
        if not rows:
            self.db.execute("DELETE FROM fsrs_state WHERE card_id = ?", (card_id,))
            return
        state = _fsrs_fold(rows, self.fsrs_settings(), {})
        self._fsrs_write(card_id, state)
        self.db.execute(_DUE_UPDATE, _due_row(card_id, state))

    def _fsrs_replay_all(self) -> int:
        """Every card's FSRS state from its whole log, and its due date in card_state;
        returns the number of cards.  The log is read in one pass ordered by card (the
        card index gives that order) and written back in batches: a switch at 100,000 cards
        and a million reviews is one scan, not a query per card."""
        from itertools import groupby

        settings = self.fsrs_settings()
        self.db.execute("DELETE FROM fsrs_state")
        rows = self.db.execute(
            "SELECT card_id, reviewed_at, day, grade FROM review_log"
            " WHERE kind != 'cram' ORDER BY card_id, id"
        )
        days: dict[str, date] = {}
        states: list[tuple[Any, ...]] = []
        dues: list[tuple[str | None, int, str]] = []
        count = 0
        for card_id, group in groupby(rows, key=itemgetter(0)):
            state = _fsrs_fold(group, settings, days)
            states.append(_fsrs_row(card_id, state))
            dues.append(_due_row(card_id, state))
            count += 1
            if len(states) >= 5_000:
                self._fsrs_flush(states, dues)
        self._fsrs_flush(states, dues)
        # a card whose every review is cram practice has no FSRS state and keeps its date
        return count

    def _fsrs_flush(
        self, states: list[tuple[Any, ...]], dues: list[tuple[str | None, int, str]]
    ) -> None:
        self.db.executemany(_FSRS_UPSERT, states)
        self.db.executemany(_DUE_UPDATE, dues)
        states.clear()
        dues.clear()

    def _fsrs_write(self, card_id: str, st: FsrsState) -> None:
        self.db.execute(_FSRS_UPSERT, _fsrs_row(card_id, st))

    def _sm2_schedule(self, card_id: str) -> None:
        """Back to SM-2: the card's due date and interval from its last SM-2 review."""
        row = self.db.execute(
            "SELECT interval_after, due_after FROM review_log WHERE card_id = ?"
            " AND kind IN ('new', 'review') ORDER BY id DESC LIMIT 1",
            (card_id,),
        ).fetchone()
        if row is not None:
            self.db.execute(
                "UPDATE card_state SET interval = ?, due = ? WHERE card_id = ?",
                (row[0], row[1], card_id),
            )

    def log_rows(self) -> list[tuple[str, str, int, str, int | None]]:
        """Every logged review as (card_id, reviewed_at, grade, kind, duration_ms), oldest
        first (for `dlcards log export`)."""
        return self.db.execute(
            "SELECT card_id, reviewed_at, grade, kind, duration_ms FROM review_log ORDER BY id"
        ).fetchall()

    def import_reviews(self, reviews: Iterable[tuple[str, str, date, int, int | None]]) -> int:
        """Add reviews `(card_id, reviewed_at, day, grade, duration_ms)` to the log, in one
        transaction; returns how many were new.  A review already logged (same card, same
        moment, to the millisecond) is passed over, so importing a file twice adds nothing.
        Each card that got reviews has its history rewritten in time order with its state
        computed again from it: a card's first review of a study day is its review, later
        ones that day are practice, as `grade` logs them in a session.  Cram practice is kept
        as it was."""
        by_card: dict[str, list[tuple[str, str, int, int | None]]] = {}
        for card_id, at, day, grade, duration in reviews:
            by_card.setdefault(card_id, []).append((at, day.isoformat(), grade, duration))
        added = 0
        with self._transaction():
            for card_id, incoming in by_card.items():
                old = self.db.execute(
                    "SELECT reviewed_at, day, grade, duration_ms FROM review_log"
                    " WHERE card_id = ? AND kind != 'cram' ORDER BY id",
                    (card_id,),
                ).fetchall()
                seen = {stamp_ms(at) for at, *_ in old}
                fresh = []
                for entry in incoming:
                    ms = stamp_ms(entry[0])
                    if ms not in seen:
                        seen.add(ms)
                        fresh.append(entry)
                if not fresh:
                    continue
                added += len(fresh)
                history = sorted([*old, *fresh], key=lambda e: stamp_ms(e[0]))
                self._rewrite(card_id, history)
                if self.scheduler == SchedulerKind.FSRS:
                    self._fsrs_replay(card_id)
        return added

    def _rewrite(self, card_id: str, history: list[tuple[str, str, int, int | None]]) -> None:
        """Replace a card's (non-cram) log with `history` and its state with what it gives."""
        self.db.execute("DELETE FROM review_log WHERE card_id = ? AND kind != 'cram'", (card_id,))
        state, lapses, last_day = State(), 0, None
        rows = []
        for at, day_text, q, duration in history:
            before, lapses_before = state, lapses
            was_new = state.due is None
            if day_text == last_day and not was_new:
                kind = "relearn"  # another grade the same study day: practice
            else:
                state = review(state, q, date.fromisoformat(day_text))
                kind = "new" if was_new else "review"
                lapses += 1 if (q < 3 and not was_new) else 0
            last_day = day_text
            rows.append(
                (
                    card_id, at, day_text, q, kind, before.repetitions, state.repetitions,
                    before.ef_hundredths, state.ef_hundredths, before.interval, state.interval,
                    before.due.isoformat() if before.due else None,
                    state.due.isoformat() if state.due else None,
                    lapses_before, int(was_new), duration,
                )
            )  # fmt: skip
        self.db.executemany(
            "INSERT INTO review_log (card_id, reviewed_at, day, grade, kind, reps_before,"
            " reps_after, ef_before, ef_after, interval_before, interval_after, due_before,"
            " due_after, lapses_before, was_new, duration_ms)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        crams = self.db.execute(
            "SELECT COUNT(*) FROM review_log WHERE card_id = ? AND kind = 'cram'", (card_id,)
        ).fetchone()[0]
        self.db.execute(
            "INSERT INTO card_state (card_id, repetitions, ef, interval, due, lapses, reviews,"
            " last_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(card_id) DO UPDATE SET"
            " repetitions=excluded.repetitions, ef=excluded.ef, interval=excluded.interval,"
            " due=excluded.due, lapses=excluded.lapses, reviews=excluded.reviews,"
            " last_review=excluded.last_review",
            (
                card_id, state.repetitions, state.ef_hundredths, state.interval,
                state.due.isoformat() if state.due else None, lapses, len(rows) + crams,
                history[-1][0],
            ),
        )  # fmt: skip

    def synced_reviews(self) -> list[SyncedReview]:
        """Every logged review (cram practice included) as machines exchange it."""
        return [
            SyncedReview(cid, at, date.fromisoformat(day), g, ms, kind == "cram", stamp_ms(at))
            for cid, at, day, g, kind, ms in self.db.execute(
                "SELECT card_id, reviewed_at, day, grade, kind, duration_ms FROM review_log"
                " ORDER BY id"
            )
        ]

    def merge_reviews(
        self,
        add: Iterable[SyncedReview],
        remove: set[tuple[str, int]],
        touched: Iterable[str] = (),
    ) -> int:
        """Add the reviews `add` (unless logged already), drop those keyed in `remove` (card,
        moment in ms), and compute the state of every card concerned, and of `touched`,
        again from its log, in time order (`_rewrite`; FSRS's state too when it schedules);
        one transaction.  Returns how many cards were computed again."""
        incoming: dict[str, list[SyncedReview]] = {}
        for r in add:
            incoming.setdefault(r.card_id, []).append(r)
        cards = dict.fromkeys([*incoming, *(c for c, _ in remove), *touched])
        fsrs = self.scheduler == SchedulerKind.FSRS
        with self._transaction():
            for card_id in cards:
                rows = self.db.execute(
                    "SELECT id, reviewed_at, day, grade, duration_ms, kind FROM review_log"
                    " WHERE card_id = ? ORDER BY id",
                    (card_id,),
                ).fetchall()
                history: dict[int, tuple[str, str, int, int | None]] = {}
                for log_id, at, day, g, ms, kind in rows:
                    key = stamp_ms(at)
                    if (card_id, key) in remove:
                        self.db.execute("DELETE FROM review_log WHERE id = ?", (log_id,))
                    elif kind != "cram":
                        history.setdefault(key, (at, day, g, ms))
                known = {stamp_ms(r[1]) for r in rows}
                for r in incoming.get(card_id, ()):
                    if r.moment_ms in known:
                        continue
                    known.add(r.moment_ms)
                    if r.cram:
                        self.db.execute(
                            "INSERT INTO review_log (card_id, reviewed_at, day, grade, kind,"
                            " was_new, duration_ms) VALUES (?, ?, ?, ?, 'cram', 0, ?)",
                            (card_id, r.reviewed_at, r.day.isoformat(), r.grade, r.duration_ms),
                        )
                    else:
                        history[r.moment_ms] = (
                            r.reviewed_at, r.day.isoformat(), r.grade, r.duration_ms,
                        )  # fmt: skip
                if history:
                    self._rewrite(card_id, [history[k] for k in sorted(history)])
                else:  # every review undone: new again (a burial, if any, stays)
                    self.db.execute(
                        "DELETE FROM review_log WHERE card_id = ? AND kind != 'cram'", (card_id,)
                    )
                    self.db.execute(
                        f"UPDATE card_state SET repetitions=0, ef={EF_START}, interval=0,"
                        " due=NULL, lapses=0, reviews=0, last_review=NULL WHERE card_id = ?",
                        (card_id,),
                    )
                    self.db.execute(
                        "DELETE FROM card_state WHERE card_id = ? AND buried_until IS NULL",
                        (card_id,),
                    )
                    self.db.execute("DELETE FROM fsrs_state WHERE card_id = ?", (card_id,))
                    continue
                if fsrs:
                    self._fsrs_replay(card_id)
        return len(cards)

    # -- orphans: history whose card left the decks ----------------------------------------
    # A card removed from the notes keeps its history (the store is keyed by card id, and
    # the card may come back).  `dlcards orphans` lists such cards by the question they were
    # last studied with, gives a card that came back under another id its history again,
    # and purges what the learner no longer wants.

    def orphans(self, present: Container[str]) -> list[Orphan]:
        """The cards with reviews in the log that are not among `present` (the collection's
        study card ids), by last review, newest first."""
        rows = self.db.execute(
            "SELECT l.card_id, s.question, COUNT(*), MAX(l.reviewed_at) FROM review_log l"
            " LEFT JOIN card_state s ON s.card_id = l.card_id GROUP BY l.card_id"
        )
        found = [Orphan(*row) for row in rows if row[0] not in present]
        found.sort(key=lambda o: o.last_review, reverse=True)
        return found

    def note_questions(self, questions: Iterable[tuple[str, str]]) -> None:
        """Keep `(card id, question)` for cards that have a state but no question yet (a
        database from before questions were kept; reviews synced from another machine)."""
        with self._transaction():
            self.db.executemany(
                "UPDATE card_state SET question = ? WHERE card_id = ? AND question IS NULL",
                [(q, cid) for cid, q in questions],
            )

    def move_history(self, old_id: str, new_id: str) -> None:
        """Give the history of `old_id` to `new_id` (a card that has none: it came back)."""
        with self._transaction():
            self.db.execute("DELETE FROM card_state WHERE card_id = ? AND due IS NULL", (new_id,))
            for table in ("review_log", "card_state", "fsrs_state"):
                self.db.execute(
                    f"UPDATE {table} SET card_id = ? WHERE card_id = ?", (new_id, old_id)
                )

    def purge(self, card_ids: Iterable[str]) -> int:
        """Remove every trace of the cards (state, log, FSRS state), remembering the reviews
        removed so that `sync` removes them on other machines too; the reviews removed."""
        removed = 0
        with self._transaction():
            for cid in card_ids:
                stamps = self.db.execute(
                    "SELECT reviewed_at FROM review_log WHERE card_id = ?", (cid,)
                ).fetchall()
                self.db.executemany(
                    "INSERT OR IGNORE INTO forgotten (card_id, moment_ms) VALUES (?, ?)",
                    [(cid, stamp_ms(at)) for (at,) in stamps],
                )
                removed += len(stamps)
                for table in ("review_log", "card_state", "fsrs_state"):
                    self.db.execute(f"DELETE FROM {table} WHERE card_id = ?", (cid,))
        return removed

    def forgotten(self) -> set[tuple[str, int]]:
        """The reviews purged here that `sync` has not yet told other machines of."""
        return set(self.db.execute("SELECT card_id, moment_ms FROM forgotten").fetchall())

    def clear_forgotten(self, keys: Iterable[tuple[str, int]]) -> None:
        with self._transaction():
            self.db.executemany(
                "DELETE FROM forgotten WHERE card_id = ? AND moment_ms = ?", list(keys)
            )

    def adopt_anki(
        self, reviews: Iterable[AdoptedReview], states: Iterable[AdoptedState]
    ) -> tuple[int, int]:
        """Take over another program's history (Anki's, see `anki_import`), in one
        transaction; returns (reviews added, card states changed).

        A review already logged (same card, same millisecond) is passed over, so a package
        imported twice adds nothing.  A card that got reviews has its log put back in time
        order, each row's kind set as `grade` sets it (a card's first review is new, its
        first of a later study day a review, others that day practice).  Its state becomes
        the adopted one, unless dlcards logged a review of it later than any adopted one
        (then the learner has moved on here, and dlcards' state stands).

        A card the log knows nothing of yet (every card, the first time a collection moves
        in) needs no reading back: its rows and its state are written in batches."""
        by_card: dict[str, list[AdoptedReview]] = {}
        for r in reviews:
            by_card.setdefault(r.card_id, []).append(r)
        adopted = {s.card_id: s for s in states}
        added = changed = 0
        fsrs = self.scheduler == SchedulerKind.FSRS
        with self._transaction():
            logged = {r[0] for r in self.db.execute("SELECT DISTINCT card_id FROM review_log")}
            stored = {r[0]: r for r in self.db.execute(f"SELECT {_STATE_COLUMNS} FROM card_state")}
            new_rows: list[tuple] = []
            new_states: list[tuple] = []
            for card_id in dict.fromkeys([*by_card, *adopted]):
                incoming = by_card.get(card_id, [])
                s = adopted.get(card_id)
                if card_id not in logged:
                    fresh = list({r.moment_ms: r for r in incoming}.values())
                    rows = _merged_rows(card_id, [], fresh)
                    new_rows += rows
                    added += len(rows)
                    if s is not None:
                        last = max(fresh, key=itemgetter(7)).reviewed_at if fresh else None
                        row = _adopted_row(s, len(rows), last)
                        if stored.get(card_id) != row:
                            new_states.append(row)
                            changed += 1
                    continue
                old = self.db.execute(
                    f"SELECT {_LOG_COLUMNS} FROM review_log WHERE card_id = ? AND kind != 'cram'"
                    " ORDER BY id",
                    (card_id,),
                ).fetchall()
                seen = {stamp_ms(row[1]) for row in old}
                fresh = [r for r in incoming if r.moment_ms not in seen]
                if fresh:
                    added += len(fresh)
                    self.db.execute(
                        "DELETE FROM review_log WHERE card_id = ? AND kind != 'cram'", (card_id,)
                    )
                    self.db.executemany(_LOG_INSERT, _merged_rows(card_id, old, fresh))
                latest_here = max(seen, default=0)
                latest_there = max((r.moment_ms for r in incoming), default=0)
                if s is not None and latest_here <= latest_there:
                    count, last = self.db.execute(
                        "SELECT COUNT(*), MAX(reviewed_at) FROM review_log WHERE card_id = ?",
                        (card_id,),
                    ).fetchone()
                    row = _adopted_row(s, count, last)
                    if stored.get(card_id) != row:
                        new_states.append(row)
                        changed += 1
            self.db.executemany(_LOG_INSERT, new_rows)
            self.db.executemany(
                f"INSERT INTO card_state ({_STATE_COLUMNS}, question)"
                f" VALUES ({', '.join('?' * 10)}) ON CONFLICT(card_id) DO UPDATE SET"
                " repetitions=excluded.repetitions, ef=excluded.ef, interval=excluded.interval,"
                " due=excluded.due, lapses=excluded.lapses, reviews=excluded.reviews,"
                " last_review=excluded.last_review, buried_until=excluded.buried_until,"
                " question=COALESCE(excluded.question, card_state.question)",
                [(*row, adopted[row[0]].question) for row in new_states],
            )
            if fsrs:
                for card_id in dict.fromkeys([*by_card, *adopted]):
                    self._fsrs_replay(card_id)
        return added, changed

    def clear_burial(self, card_id: str) -> None:
        with self._transaction():
            self.db.execute(
                "UPDATE card_state SET buried_until = NULL WHERE card_id = ?", (card_id,)
            )
            self.db.execute("DELETE FROM card_state WHERE card_id = ? AND due IS NULL", (card_id,))

    def bury(self, card_id: str, until: date) -> None:
        """Hide a card from queues until the study day `until`."""
        with self._transaction():
            self.db.execute(
                "INSERT INTO card_state (card_id, repetitions, ef, interval, due, buried_until)"
                f" VALUES (?, 0, {EF_START}, 0, NULL, ?) ON CONFLICT(card_id) DO UPDATE SET"
                " buried_until = excluded.buried_until",
                (card_id, until.isoformat()),
            )


def _merged_rows(card_id: str, old: list[tuple], fresh: list[AdoptedReview]) -> list[tuple]:
    """A card's log rows (`_LOG_COLUMNS`) with adopted reviews among its old rows, in time
    order, kinds set by study day (see `Store.adopt_anki`); an adopted row takes the
    interval and ease the other program gave."""
    rows: list[tuple[int, tuple | None, AdoptedReview | None]] = [
        (stamp_ms(r[1]), r, None) for r in old
    ]
    rows += [(r.moment_ms, None, r) for r in fresh]
    rows.sort(key=itemgetter(0))
    out: list[tuple] = []
    reps, ef, interval, due, lapses, last_day = 0, EF_START, 0, None, 0, None
    for _, kept, r in rows:
        day_text = kept[2] if kept is not None else r.day.isoformat()  # type: ignore[union-attr]
        was_new = not out
        kind = "new" if was_new else ("review" if day_text != last_day else "relearn")
        last_day = day_text
        if kept is not None:
            row = (*kept[:4], kind, *kept[5:14], int(was_new), kept[15])
            reps, ef, interval, due = row[6], row[8], row[10], row[12]
            lapses = row[13] + int(kind == "review" and row[3] < 3)
            out.append(row)
            continue
        assert r is not None
        before = (reps, ef, interval, due, lapses)
        if kind != "relearn":
            failed = r.grade < 3
            reps = 0 if failed else reps + 1
            lapses += int(failed and not was_new)
        ef = r.ef_after or ef
        interval = r.interval_after
        due = (r.day + timedelta(days=interval)).isoformat()
        out.append(
            (
                card_id, r.reviewed_at, day_text, r.grade, kind, before[0], reps, before[1],
                ef, before[2], interval, before[3], due, before[4], int(was_new),
                r.duration_ms,
            )
        )  # fmt: skip
    return out


def _adopted_row(s: AdoptedState, reviews: int, last: str | None) -> tuple:
    """An adopted state as a card_state row (`_STATE_COLUMNS`)."""
    return (
        s.card_id, s.repetitions, s.ef, s.interval, s.due.isoformat() if s.due else None,
        s.lapses, reviews, last, s.held_until.isoformat() if s.held_until else None,
    )  # fmt: skip


_FSRS_UPSERT = (
    "INSERT OR REPLACE INTO fsrs_state (card_id, phase, step, stability, difficulty, due_at,"
    " due_day, interval, last_day, lapses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


#: A card's due date and interval in card_state, from the active scheduler (FSRS here).
_DUE_UPDATE = "UPDATE card_state SET due = ?, interval = ? WHERE card_id = ?"


def _fsrs_fold(
    rows: Iterable[tuple[str, str, str, int]], settings: FsrsSettings, days: dict[str, date]
) -> FsrsState:
    """A card's FSRS state from its log rows (card_id, reviewed_at, day, grade), oldest
    first; `days` caches parsed study days across cards (a switch reads a million rows)."""
    from .fsrs_scheduler import Reviewed, replay

    log = []
    for _cid, at, d, q in rows:
        day = days.get(d)
        if day is None:
            day = days[d] = date.fromisoformat(d)
        log.append(Reviewed.logged(at, day, q))
    return replay(log, settings)


def _due_row(card_id: str, st: FsrsState) -> tuple[str | None, int, str]:
    """The parameters of `_DUE_UPDATE` for a card's FSRS state."""
    return (st.due_day.isoformat() if st.due_day else None, st.interval, card_id)


def _fsrs_row(card_id: str, st: FsrsState) -> tuple[Any, ...]:
    """A card's FSRS state as its fsrs_state row."""
    return (
        card_id,
        int(st.phase),
        st.step,
        st.memory.stability if st.memory else None,
        st.memory.difficulty if st.memory else None,
        st.due.isoformat() if st.due else None,
        st.due_day.isoformat() if st.due_day else None,
        st.interval,
        st.last_day.isoformat() if st.last_day else None,
        st.lapses,
    )


_STATE_COLUMNS = (
    "card_id, repetitions, ef, interval, due, lapses, reviews, last_review, buried_until"
)
#: A review_log row but its id, in the order `grade` writes it.
_LOG_COLUMNS = (
    "card_id, reviewed_at, day, grade, kind, reps_before, reps_after, ef_before, ef_after,"
    " interval_before, interval_after, due_before, due_after, lapses_before, was_new,"
    " duration_ms"
)
_LOG_INSERT = f"INSERT INTO review_log ({_LOG_COLUMNS}) VALUES ({', '.join('?' * 16)})"


def _card_states(rows: Iterable[tuple]) -> dict[str, CardState]:
    """CardStates from rows of _STATE_COLUMNS, keyed by card id."""
    day = _day  # memoised: a collection has few distinct dates and many cards
    # tuple.__new__ is what a named tuple's own constructor calls, minus a Python-level frame
    # per object: `due` builds two objects for every reviewed card of the collection
    new = tuple.__new__
    with no_gc():
        return {
            cid: new(
                CardState,
                (
                    cid,
                    new(State, (reps, ef / 100, iv, day(due))),
                    lapses,
                    reviews,
                    last,
                    day(buried),
                    "",
                ),
            )
            for cid, reps, ef, iv, due, lapses, reviews, last, buried in rows
        }


@functools.lru_cache(maxsize=4096)
def _day(text: str | None) -> date | None:
    """A date the store wrote; anything else is damage, reported as such (the CLI says the
    database is damaged, in one line) rather than a traceback."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except (ValueError, TypeError):
        raise sqlite3.DatabaseError(f"a card holds the date {str(text)[:40]!r}") from None


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
