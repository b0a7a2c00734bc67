"""Worker processes for the parallel parts (import, the deck cache, export): one place that
makes their pools, so that every worker dies with the process that started it.

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
from concurrent.futures import ProcessPoolExecutor

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
