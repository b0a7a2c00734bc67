"""A cache of parsed decks, so that `due` and `study` do not re-read YAML that has not changed.

Parsing 100,000 cards of YAML takes seconds even with libyaml; reading the same cards back
from a `marshal` file takes a fraction of that.  One cache file per decks folder lives in the
user cache folder (`DLCARDS_CACHE_DIR` overrides it).  An entry is used only while its deck
file has the same size and modification time (nanoseconds) as when it was parsed; any other
file is parsed and validated again, and the cache rewritten atomically.  A missing, stale or
unreadable cache is never an error: the decks are simply parsed (by one process per core when
there are many, as on the first start after importing a large collection).

The speed tricks here are explained in PERFORMANCE.md, *due and the start of study*.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import multiprocessing as mp
import os
from pathlib import Path

from .decks import Card, Deck, atomic_write, load_deck
from .locations import cache_dir
from .workers import parallel_map

_VERSION = 3  # 3: cards carry their kind


def cache_file(folder: Path) -> Path:
    key = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"decks-{key}.marshal"


def _pack(deck: Deck) -> tuple:
    """Cards as plain tuples (a Card is a named tuple): marshal stores them natively."""
    return (deck.name, deck.source, tuple(tuple(c) for c in deck.cards))


_FIELDS = len(Card._fields)
_as_card = functools.partial(tuple.__new__, Card)  # Card._make without its Python frame


def _unpack(packed: tuple, path: Path) -> Deck:
    name, source, rows = packed
    if not set(map(len, rows)) <= {_FIELDS}:
        raise ValueError("cache entry of another shape")
    return Deck(name, source, tuple(map(_as_card, rows)), path)


def load_with_cache(folder: Path, paths: list[Path]) -> list[Deck]:
    """The decks at `paths` (all inside `folder`), from the cache where it is still valid."""
    target = cache_file(folder)
    entries: dict = {}
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        data = marshal.loads(target.read_bytes())
        if isinstance(data, dict) and data.get("version") == _VERSION:
            entries = data["decks"]
    decks: dict[Path, Deck] = {}
    stale: list[tuple[Path, tuple[int, int]]] = []
    for path in paths:
        st = path.stat()
        stamp = (st.st_size, st.st_mtime_ns)
        entry = entries.get(path.name)
        if entry is not None and tuple(entry[0]) == stamp:
            try:
                decks[path] = _unpack(entry[1], path)
                continue
            except (TypeError, ValueError):
                pass
        stale.append((path, stamp))
    if stale:
        # parsed and validated; a bad deck raises DeckError naming its file and line
        for (path, stamp), packed in zip(stale, _parse_all([p for p, _ in stale])):
            decks[path] = _unpack(packed, path)
            entries[path.name] = (stamp, packed)
        names = {p.name for p in paths}
        keep = {k: v for k, v in entries.items() if k in names or (folder / k).exists()}
        with contextlib.suppress(OSError):
            atomic_write(target, marshal.dumps({"version": _VERSION, "decks": keep}), durable=False)
    return [decks[p] for p in paths]


#: From this many changed decks on (the first start after a large import), they are parsed
#: by one process per core: parsing the YAML is nearly all of such a start.
PARALLEL_FROM = 48


def _parse_all(paths: list[Path]) -> list[tuple]:
    """The packed decks at `paths`, in order; the first bad one (in order) raises."""
    workers = os.cpu_count() or 1
    if len(paths) < PARALLEL_FROM or workers < 2 or "fork" not in mp.get_all_start_methods():
        return list(map(_load_packed, paths))
    # packed decks are plain tuples: quicker to send back than Decks of named tuples
    with parallel_map(_load_packed, paths, workers, chunk=max(1, len(paths) // (workers * 8))) as m:
        return list(m)


def _load_packed(path: Path) -> tuple:
    return _pack(load_deck(path))
