"""Grades survive crashes and concurrency: the real `dlcards study` process, in a terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from dlcards.store import Store

from .tui_helpers import make_decks


class StudyProcess:
    """`dlcards study Alpha` running in a pseudo-terminal, driven by key presses."""

    def __init__(
        self, tmp_path: Path, db: Path, deck: str = "Alpha", size: tuple[int, int] = (24, 80)
    ) -> None:
        self.master, slave = pty.openpty()
        # the terminal's size as a terminal window reports it ((0, 0): a pty nobody sized)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": "80",
            "LINES": "24",
            "DLCARDS_CACHE_DIR": str(tmp_path / "cache"),
        }
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dlcards",
                "study",
                deck,
                "--decks",
                str(tmp_path / "decks"),
                "--db",
                str(db),
                "--today",
                "2026-03-02",
            ],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.screen = b""

    def read(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    self.screen = (self.screen + os.read(self.master, 65536))[-20000:]
                except OSError:
                    return

    def wait_for(self, text: bytes, deadline: float) -> None:
        while text not in self.screen:
            assert time.monotonic() < deadline, f"{text!r} never appeared"
            self.read(0.2)

    def press(self, key: bytes) -> None:
        os.write(self.master, key)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        os.close(self.master)


def logged(db: Path) -> int:
    if not db.exists():
        return 0
    with Store(db) as store:
        return len(store.log())


def grade_good(study: StudyProcess, db: Path, expect: int, deadline: float) -> None:
    """Reveal and grade Good, then wait until the grade is in the database."""
    study.screen = b""
    study.press(b" ")
    study.wait_for(b"Good", deadline)  # the grade buttons are on screen
    study.press(b"3")
    while logged(db) < expect:
        assert time.monotonic() < deadline, "the grade never reached the database"
        study.read(0.1)


def test_sigkill_after_three_grades_keeps_all_three(tmp_path: Path) -> None:
    make_decks(tmp_path / "decks")
    db = tmp_path / "reviews.sqlite3"
    study = StudyProcess(tmp_path, db)
    deadline = time.monotonic() + 90
    try:
        study.wait_for(b"easiness", deadline)  # the first question: the app is ready
        for n in range(1, 4):
            grade_good(study, db, n, deadline)
    finally:
        study.kill()  # SIGKILL: no clean shutdown of any kind
    with Store(db) as store:
        log = store.log()
        assert [e.card_id for e in log] == ["a0", "a1", "a2"]
        assert all(store.state(c) is not None for c in ("a0", "a1", "a2"))


def test_two_study_processes_on_one_database_lose_no_write(tmp_path: Path) -> None:
    make_decks(tmp_path / "decks")
    db = tmp_path / "reviews.sqlite3"
    Store(db).close()
    one, two = StudyProcess(tmp_path, db), StudyProcess(tmp_path, db)
    deadline = time.monotonic() + 120
    try:
        one.wait_for(b"easiness", deadline)
        two.wait_for(b"easiness", deadline)
        expect = 0
        for _ in range(3):  # both study the same cards, alternating grades
            for study in (one, two):
                expect += 1
                grade_good(study, db, expect, deadline)
    finally:
        one.kill()
        two.kill()
    with Store(db) as store:
        log = store.log()
        assert len(log) == 6
        for cid in ("a0", "a1", "a2"):
            state = store.state(cid)
            assert state.reviews == 2 and state.state.repetitions == 2  # both grades counted
