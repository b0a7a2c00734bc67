"""Grades survive a crash: the real `dlcards study` process, killed after three grades."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

from dlcards.store import Store

from .tui_helpers import make_decks


def test_sigkill_after_three_grades_keeps_all_three(tmp_path: Path) -> None:
    make_decks(tmp_path / "decks")
    db = tmp_path / "reviews.sqlite3"
    master, slave = pty.openpty()
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
        "DLCARDS_CACHE_DIR": str(tmp_path / "cache"),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dlcards",
            "study",
            "Alpha",
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

    screen = b""

    def read_screen(timeout: float) -> None:
        nonlocal screen
        import select

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    screen += os.read(master, 65536)
                except OSError:
                    return

    def logged() -> int:
        if not db.exists():
            return 0
        with Store(db) as store:
            return len(store.log())

    try:
        deadline = time.monotonic() + 60
        while b"easiness" not in screen:  # the first question is on screen: the app is ready
            assert time.monotonic() < deadline, "the study screen never appeared"
            read_screen(0.2)
        for n in range(1, 4):
            os.write(master, b" ")
            read_screen(0.3)
            os.write(master, b"3")
            while logged() < n:
                assert time.monotonic() < deadline, "the grade never reached the database"
                read_screen(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    with Store(db) as store:
        log = store.log()
        assert len(log) == 3
        assert [e.card_id for e in log] == ["a0", "a1", "a2"]
        assert all(store.state(c) is not None for c in ("a0", "a1", "a2"))
