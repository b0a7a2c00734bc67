"""Anki's own backend for the export tests: a collection with a package imported into it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any


@contextlib.contextmanager
def imported_into_anki(
    collection: Path, package: Path, *, with_scheduling: bool = False
) -> Iterator[Any]:
    """The Anki collection at `collection` (created if new) after importing `package`, as
    Anki's importer does it (note types merged); closed when the block ends."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(collection))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=with_scheduling, merge_notetypes=True)
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(package), options=options)
        )
        yield col
    finally:
        col.close()
