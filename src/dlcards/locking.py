"""One writer per folder: the lock that keeps an import and a study session's card edit (or
two imports, or two exports) from undoing each other's writes.

Every writer reads a file, changes it and writes it back (a deck, the import record, the
export clock); two at once would each write what it read, and the later one would silently
drop the other's change.  So each holds the folder's lock file (`.dlcards.lock`) across its
read-modify-write.  A second writer waits for it (`DLCARDS_LOCK_WAIT` seconds, default 10),
then gives up with a message saying who holds the folder, so nothing is half-done.

The lock is an advisory `flock` on POSIX (`msvcrt.locking` on Windows), taken on an open file
and so released by the operating system when the holder exits, even when it is killed: a
stale lock file never blocks anyone.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .decks import DeckError
from .locations import LOCK_FILE, LOCK_WAIT_ENV

WAIT_ENV = LOCK_WAIT_ENV
DEFAULT_WAIT = 10.0


class FolderBusy(DeckError):
    """Another dlcards process is writing to the folder, and did not finish in time."""


def _wait() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


try:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


@contextlib.contextmanager
def folder_lock(folder: Path, doing: str, wait: float | None = None) -> Iterator[None]:
    """Hold `folder`'s writer lock for the block; `doing` says what for, in the message a
    waiting writer gives up with ("importing notes")."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        deadline = time.monotonic() + (_wait() if wait is None else wait)
        pause = 0.01
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise FolderBusy(
                    f"{folder}: another dlcards process is writing here; {doing} waited for it"
                    " and gave up (try again when it has finished)"
                )
            time.sleep(pause)
            pause = min(pause * 2, 0.2)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
