"""Export to Anki: one `.apkg` package of the decks, which Anki imports and re-imports as
updates.  `identity` names the note types, deck ids, GUIDs and the export clock; `render`
turns card text into Anki's HTML; `package` writes the collection."""

from __future__ import annotations

from .identity import next_mod_time
from .package import ExportResult, export_package

__all__ = ["ExportResult", "export_package", "next_mod_time"]
