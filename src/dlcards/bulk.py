"""Building many small objects at once, without the cyclic garbage collector's help.

Loading 100,000 cards, or the states of as many reviewed cards, allocates half a million
tuples and strings, none of them part of a reference cycle.  CPython starts a collection
every 700 allocations and traverses the surviving objects again each time the older
generations fill: on a large collection that was half of the time `due` spent loading decks.
Collection is paused while such a batch is built, and what survives the block is then moved
out of the collector's generations (`gc.freeze`): re-enabled with half a million young
objects, it would otherwise traverse them all at the next allocation.  They are still freed
by reference counting as usual; only a reference cycle made before the block ends would never
be collected, and these batches hold none.  Nested uses are fine.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause cyclic garbage collection for the block (restored even if it raises)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()
