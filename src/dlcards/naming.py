"""What a note's deck is called: its file in the decks folder (kept once given, namesakes set
apart by folder or extension), its tag, and the namespace its new card ids are hashed in."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from .import_record import Record
from .sources import source_label


def slug(text: str) -> str:
    """A safe file stem: letters, digits, '-' and '_' only (no path separators, no '..')."""
    s = re.sub(r"[^\w\-]+", "-", text.strip().lower(), flags=re.UNICODE).strip("-_")
    return s[:120] or "deck"


def tag_for(note: Path) -> str:
    """The deck tag: the note's file stem without a trailing 'flashcards' ('nn-basics-2')."""
    stem = slug(note.stem)
    return re.sub(r"[-_]?(flash-?cards|cards)$", "", stem) or stem


def id_namespace(note: Path, folders: tuple[str, ...]) -> str:
    """What a new card's id is hashed with besides its question: the note's deck tag, and
    for a note in a sub-folder of the imported folder that folder too, so `week1/intro.txt`
    and `week2/intro.txt` never give two cards one id (notes at the top keep the plain tag,
    the namespace of every deck imported before sub-folders counted)."""
    tag = tag_for(note)
    return "/".join((*folders, tag)) if folders else tag


def _recorded_sources(out_dir: Path, record: Record) -> dict[str, str]:
    """source label -> deck file, for the decks already in `out_dir`: from the import record,
    or (a record from before it kept sources) from the deck file's own `source:` line."""
    known: dict[str, str] = {}
    for deck_file, entry in record.data.items():
        source = entry.get("source")
        if source is None:
            source = _source_line(out_dir / deck_file)
        if source:
            known.setdefault(source, deck_file)
    return known


def _source_line(path: Path) -> str | None:
    """The `source:` of a deck file, read from its first lines (the writer puts it second)."""
    try:
        with open(path, encoding="utf-8") as f:
            head = [f.readline() for _ in range(4)]
    except (OSError, UnicodeDecodeError):
        return None
    import yaml

    for line in head:
        if line.startswith("source:"):
            with contextlib.suppress(yaml.YAMLError):
                value = yaml.safe_load(line)
                if isinstance(value, dict) and isinstance(value.get("source"), str):
                    return value["source"]
    return None


def deck_paths(
    notes: list[Path],
    out_dir: Path,
    record: Record | None = None,
    folders: dict[Path, tuple[str, ...]] | None = None,
) -> dict[Path, Path]:
    """One deck file per note.  A note imported before keeps its deck file whatever else
    appears beside it (`record` knows which); a new one is named after its file stem, and
    when stems clash, after its folder inside the import (`week1-intro`) or, in one folder,
    its extension (`bio-md`), never taking another note's deck file."""
    known = _recorded_sources(out_dir, record) if record is not None and record.data else {}
    folders = folders or {}
    out: dict[Path, Path] = {}
    taken: set[str] = {Path(f).stem for f in known.values()}
    fresh = []
    for note in notes:
        deck_file = known.get(source_label(note, out_dir)) if known else None
        if deck_file is not None:
            out[note] = out_dir / deck_file
        else:
            fresh.append(note)
    stems: dict[str, list[Path]] = {}
    for note in fresh:
        stems.setdefault(slug(note.stem), []).append(note)
    for note in fresh:
        stem = slug(note.stem)
        rivals = stems[stem]
        if len(rivals) > 1 or stem in taken:
            mine = folders.get(note, ())
            same_folder = [r for r in rivals if folders.get(r, ()) == mine]
            if mine and len(same_folder) < len(rivals):  # namesakes in other folders
                stem = slug("-".join((*mine, note.stem)))
            if len(same_folder) > 1 or stem in taken:  # a namesake beside it: bio.md, bio.txt
                stem = slug(f"{stem}-{note.suffix.lstrip('.')}")
        base, k = stem, 2
        while stem in taken:
            stem, k = f"{base}-{k}", k + 1
        taken.add(stem)
        out[note] = out_dir / f"{stem}.yaml"
    return out
