"""Where notes come from: the files under the paths given to `dlcards import` (regular files
only, no bigger than a note can be), their text (decoded forgivingly), and how decks name
them (`source:`, and the folders inside the imported folder)."""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Iterable
from pathlib import Path

_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv"}


_SKIP_SUFFIXES = {".yaml", ".yml", ".json", ".sqlite3", ".db", ".apkg", ".pyc"}
#: Pictures, sound and documents beside the notes (an Obsidian vault's attachments): the
#: notes' media, never notes themselves, so they are passed over without a warning.
_SKIP_SUFFIXES |= {
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".svg",
    ".bmp",
    ".tif",
    ".tiff",
    ".ico",
    ".mp3",
    ".wav",
    ".ogg",
    ".m4a",
    ".mp4",
    ".webm",
    ".mov",
    ".pdf",
    ".zip",
}


#: Notes larger than this are skipped with a warning: no study note is that long, and
#: reading a runaway log or a disk image whole would take the machine's memory.
MAX_NOTE_BYTES = 20 * 2**20


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "not a file"


def find_notes(paths: Iterable[Path]) -> list[Path]:
    """The note files under the given files and folders (recursively), sorted, no duplicates."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
                for name in sorted(files):
                    p = Path(root) / name
                    if not name.startswith(".") and p.suffix.lower() not in _SKIP_SUFFIXES:
                        found.setdefault(p, None)
        else:
            found.setdefault(path, None)
    return list(found)


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, warning) for a file's bytes; (None, reason) for a binary file."""
    if not data:
        return "", None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return None, "binary file skipped"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None, "binary or unknown encoding, skipped"
    # Short texts often tie between code pages; break ties towards the most common one for
    # notes (Windows-1252, a superset of Latin-1) rather than the detector's arbitrary first.
    for match in results:
        if (
            match.encoding in ("cp1252", "latin_1", "iso8859_15")
            and match.chaos <= best.chaos
            and match.coherence >= best.coherence
        ):
            best = match
            break
    text = str(best)
    if text.count("\ufffd") > len(text) // 100 + 1:
        return None, "binary or unknown encoding, skipped"
    return text.replace("\r\n", "\n"), f"not UTF-8; decoded as {best.encoding}"


def source_label(note: Path, out_dir: Path) -> str:
    """The note's path as written in the deck: relative to the folder holding the decks."""
    # A note that is not a symlink resolves to its resolved folder plus its name: one lstat
    # instead of one per component of the path (resolving costs more than parsing a note).
    if note.is_symlink():
        resolved = note.resolve()
    else:
        resolved = _resolved(absolute_folder(note.parent)) / note.name
    try:
        return resolved.relative_to(_resolved(out_dir.absolute()).parent).as_posix()
    except ValueError:
        return resolved.as_posix()


@functools.lru_cache(maxsize=4096)
def absolute_folder(folder: Path) -> Path:
    """`folder.absolute()`, once per folder of an import, not once per note (each call asks
    the system for the working directory)."""
    return folder.absolute()


@functools.lru_cache(maxsize=256)
def _resolved(folder: Path) -> Path:
    """(Folders are resolved once per import, not once per note.)"""
    return folder.resolve()


def folders_within(notes: list[Path], roots: Iterable[Path]) -> dict[Path, tuple[str, ...]]:
    """Each note's folders inside the imported folder it was found under (`roots`: the paths
    given to the import; a note given itself is at the top of its own folder)."""
    tops = sorted((r.absolute() for r in roots if r.is_dir()), key=lambda r: -len(r.parts))
    out: dict[Path, tuple[str, ...]] = {}
    for note in notes:
        parent = absolute_folder(note.parent)
        for top in tops:
            if parent == top or top in parent.parents:
                out[note] = parent.relative_to(top).parts
                break
        else:
            out[note] = ()
    return out
