"""Pausing the garbage collector for bulk loads must always give it back."""

from __future__ import annotations

import gc

import pytest

from dlcards.gc_pause import no_gc


def test_collection_is_paused_inside_and_resumed_after_even_on_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), no_gc():
        assert not gc.isenabled()
        with no_gc():  # nested: the inner block must not re-enable it early
            pass
        assert not gc.isenabled()
        raise RuntimeError("a deck failed to load")
    assert gc.isenabled()


def test_a_caller_that_disabled_collection_keeps_it_disabled() -> None:
    gc.disable()
    try:
        with no_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_block_built_is_spared_the_collections_after_it() -> None:
    """Re-enabled with the batch still young, the collector would traverse all of it at once."""
    before = gc.get_freeze_count()
    with no_gc():
        rows = [(i, str(i)) for i in range(50_000)]
    assert gc.get_freeze_count() >= before + len(rows)
    assert gc.isenabled()


def test_a_small_block_leaves_its_objects_to_the_collector() -> None:
    """Freezing keeps cyclic garbage forever: only a real batch is worth it."""
    gc.collect()
    before = gc.get_freeze_count()
    with no_gc():
        rows = [(i, str(i)) for i in range(100)]
    assert gc.get_freeze_count() == before and len(rows) == 100
