"""Building many small objects at once, without the cyclic garbage collector's help.

Loading 100,000 cards, or the states of as many reviewed cards, allocates half a million
tuples and strings, none of them part of a reference cycle.  CPython starts a collection
every 700 allocations and traverses the surviving objects again each time the older
generations fill: on a large collection that was half of the time `due` spent loading decks.
Collection is paused while such a batch is built.  After a real batch (FREEZE_FROM new
objects or more) everything alive is then moved out of the collector's generations
(`gc.freeze`): re-enabled with half a million young objects, it would otherwise traverse
them all at the next allocation.  Frozen objects are still freed by reference counting; only
cyclic garbage not yet collected at that moment never is, which is why small blocks (one
card's state, a few hundred rows) leave the collector as it was.  Nested uses are fine.

The speed tricks here are explained in PERFORMANCE.md, *due and the start of study*.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

#: New objects (tracked by the collector) a block must have built to be frozen afterwards.
FREEZE_FROM = 10_000


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause cyclic garbage collection for the block (restored even if it raises)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_count()[0] >= FREEZE_FROM:
                gc.freeze()
            gc.enable()
