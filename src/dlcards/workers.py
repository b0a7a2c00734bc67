"""Worker processes for the parallel parts (import, the deck cache, export): one helper,
`parallel_map`, runs a function over items in a pool whose every worker dies with the process
that started it.

A pool's workers would outlive a parent killed with SIGKILL (which no handler sees), and go
on writing decks or scratch databases nobody reads.  On Linux each worker asks the kernel for
SIGTERM when its parent dies (`prctl(PR_SET_PDEATHSIG)`); elsewhere a watchdog thread in the
worker checks once a second that its parent is still the one that started it.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """Worker initializer: end this process when `parent` ends.  Ctrl-C is the parent's to
    handle: a worker ignores SIGINT (the terminal sends it to the whole process group), so
    an interrupted import prints no traceback per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the call: too late
                    os._exit(1)
                return
        except (OSError, AttributeError):  # no libc to ask: watch instead
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def pool(workers: int, fork: bool = True) -> ProcessPoolExecutor:
    """A process pool whose workers die with this process; forked where the platform can
    (`fork`: workers inherit what the parent holds, so jobs send only indexes)."""
    ctx = mp.get_context("fork") if fork and "fork" in mp.get_all_start_methods() else None
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_die_with, initargs=(os.getpid(),)
    )


def _apply(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """A worker's share: several items, one after the other (fewer round trips)."""
    return [fn(x) for x in items]


def parallel_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    *,
    chunk: int = 1,
    fork: bool = True,
) -> ParallelMap[T, R]:
    """`fn` over `items` in `workers` processes (see `ParallelMap`)."""
    return ParallelMap(fn, items, workers, chunk=chunk, fork=fork)


class ParallelMap(Generic[T, R]):
    """`fn` over `items` in `workers` processes, the results in the items' order.

    Every share of `chunk` items is handed out as the value is made, so the caller can do
    other work while the workers run (an export sets up its collection meanwhile) and then
    iterate.  `fn` and the items go to the workers by pickling, or, forked (`fork`, where the
    platform can), a module-level function and a global set beforehand travel for free.
    Use it as a context manager: leaving it waits for the workers and cancels what has not
    started.
    """

    def __init__(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        workers: int,
        *,
        chunk: int = 1,
        fork: bool = True,
    ) -> None:
        self._pool = pool(workers, fork)
        self.parts: list[Future[list[R]]] = [
            self._pool.submit(_apply, fn, items[i : i + chunk])
            for i in range(0, len(items), max(1, chunk))
        ]
        self._taken = 0  # shares whose every result has been handed over

    def __iter__(self) -> Iterator[R]:
        while self._taken < len(self.parts):
            yield from self.parts[self._taken].result()
            self._taken += 1  # (only now: a share interrupted half-way is handed over again)

    def rest_after_interrupt(self) -> Iterator[R]:
        """After Ctrl-C: cancel the shares not started, and the results of those that were
        (the workers, which ignore Ctrl-C, finish what they hold), failures passed over."""
        rest = self.parts[self._taken :]
        for part in rest:
            part.cancel()
        for part in rest:
            if not part.cancelled():
                with suppress(Exception):
                    yield from part.result()
        self._taken = len(self.parts)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ParallelMap[T, R]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
