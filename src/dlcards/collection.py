"""A decks folder as a collection: its deck files, loaded (through the deck cache) and checked
together.  Above both `decks` (one file) and `cache` (many, remembered), so neither imports
the other's caller.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .decks import Deck, DeckError, load_deck


def deck_files(folder: Path) -> list[Path]:
    """Deck files of a folder, sorted (hidden and temporary files left out)."""
    if not folder.is_dir():
        return []
    # scandir knows each entry's type without a stat, and names sort faster than Paths
    with os.scandir(folder) as entries:
        names = sorted(
            e.name
            for e in entries
            if e.name.endswith((".yaml", ".yml")) and not e.name.startswith(".") and e.is_file()
        )
    return [folder / name for name in names]


def load_decks(folder: Path, names: Iterable[str] = (), *, use_cache: bool = True) -> list[Deck]:
    """Load the decks of a folder, all or those named (by deck name or file stem).

    Card ids must be unique across the collection, since review history is keyed by them.
    Unchanged deck files come from the deck cache (see `dlcards.cache`).
    """
    names = list(names)
    wanted = [n.lower() for n in names]
    decks = []
    found = set()
    paths = deck_files(folder)
    if use_cache:
        from .cache import load_with_cache
        from .gc_pause import no_gc

        with no_gc():
            loaded = load_with_cache(folder, paths)
    else:
        loaded = [load_deck(p) for p in paths]
    for path, deck in zip(paths, loaded):
        keys = {deck.name.lower(), path.stem.lower(), path.name.lower()}
        if wanted:
            hit = keys & set(wanted)
            if not hit:
                continue
            found |= hit
        decks.append(deck)
    ids = [card.id for deck in decks for card in deck.study_cards]
    if len(set(ids)) != len(ids):  # rare: only then find which deck repeats which id
        owner: dict[str, Path | None] = {}
        for deck in decks:
            for card in deck.study_cards:
                if card.id in owner:
                    raise DeckError(
                        f"{deck.path}: card id {card.id!r} is also used in {owner[card.id]}"
                    )
                owner[card.id] = deck.path
    missing = [n for n in names if n.lower() not in found]
    if missing:
        raise DeckError(f"{folder}: no deck named {', '.join(repr(m) for m in missing)}")
    return decks
