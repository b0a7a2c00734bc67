"""`parallel_map`: the one way the import, the deck cache and the export use worker processes."""

from __future__ import annotations

import os
import time

from dlcards.workers import parallel_map


def _square(x: int) -> int:
    return x * x


def _pid(_: int) -> int:
    time.sleep(0.02)
    return os.getpid()


def _slow(x: int) -> int:
    time.sleep(0.3 if x else 0.0)
    return x


def test_results_come_in_the_items_order_from_worker_processes() -> None:
    items = list(range(37))
    with parallel_map(_square, items, 2, chunk=5) as results:
        assert list(results) == [x * x for x in items]
    with parallel_map(_pid, list(range(8)), 2) as pids:
        seen = set(pids)
    assert os.getpid() not in seen  # the work ran in the workers


def test_after_an_interrupt_the_shares_started_are_handed_over_and_the_rest_cancelled() -> None:
    with parallel_map(_slow, list(range(40)), 2) as results:
        first = next(iter(results))  # the consumer is interrupted after one result
        rest = list(results.rest_after_interrupt())
    assert first == 0
    # the share being handed over when the interrupt came is handed over whole again (the
    # import records what a worker wrote; recording twice is harmless, missing one is not)
    assert rest[0] == 0 and rest == sorted(rest)
    assert len(rest) < 40  # the shares not started were cancelled, not run
