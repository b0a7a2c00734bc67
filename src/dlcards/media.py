"""Images of notes, kept beside the decks: `decks/media/<content hash><suffix>`.

A note's Markdown image (`![alt](figures/cell.png)`, an Obsidian `![[cell.png]]` embed, an HTML
`<img src>`, all Markdown by the time a card holds them) that points at a local file is
copied into the decks folder's `media/` under a name made from its content, and the card
refers to it there (DESIGN.md: image paths are relative to the deck folder).  Two notes'
`image.png` never clash, the same figure used twice is stored once, and a re-import of an
unchanged image writes nothing.  Remote images (`http:`, `https:`, `data:`) stay as they are;
a local one that is missing stays as written, with a warning naming the note and line.  An
image named by its file name alone (Obsidian's `![[cell.png]]`) is also looked for anywhere
in the imported folder, as Obsidian finds attachments anywhere in a vault.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from pathlib import Path

from .decks import atomic_write

MEDIA_DIR = "media"
#: `![alt](target)` or `![alt](<target with spaces>)`, with an optional "title".
IMAGE = re.compile(r"(!\[[^\]\n]*\]\()(<[^>\n]+>|[^)\s]+)((?:\s+\"[^\"\n]*\")?\))")
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)
#: Bigger files are left where they are (a note's image is rarely over a few MB).
MAX_IMAGE_BYTES = 20 * 2**20


def has_images(text: str) -> bool:
    return "![" in text


def _find(raw: str, note_dir: Path, root: Path | None) -> Path | None:
    """The file a local image names: relative to its note, else (a bare file name, as an
    Obsidian embed writes it) anywhere under `root`, the imported folder."""
    source = (note_dir / raw.split("#", 1)[0]).resolve()
    if source.is_file():
        return source
    if root is not None and "/" not in raw:
        return _files_under(root.resolve()).get(raw)
    return None


@functools.lru_cache(maxsize=8)
def _files_under(root: Path) -> dict[str, Path]:
    """File name -> its first path under `root` (hidden folders skipped), built once per
    imported folder and process."""
    found: dict[str, Path] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            found.setdefault(name, Path(folder) / name)
    return found


def collect(
    text: str,
    note_dir: Path,
    out_dir: Path,
    line: int,
    warnings: list[str],
    root: Path | None = None,
    *,
    write: bool = True,
) -> str:
    """`text` with each local image copied into `out_dir/media/` and pointed at there
    (`write=False`: pointed at where it would be copied, nothing written)."""

    def one(m: re.Match[str]) -> str:
        target = m.group(2)
        raw = target[1:-1] if target.startswith("<") else target
        if _REMOTE.match(raw) or raw.startswith(f"{MEDIA_DIR}/"):
            return m.group(0)
        source = _find(raw, note_dir, root)
        try:
            if source is None or source.stat().st_size > MAX_IMAGE_BYTES:
                raise FileNotFoundError(raw)
            data = source.read_bytes()
        except OSError:
            warnings.append(f"line {line}: image {raw!r} not found; the card keeps its link")
            return m.group(0)
        name = hashlib.sha1(data).hexdigest()[:16] + source.suffix.lower()
        stored = out_dir / MEDIA_DIR / name
        if write and not stored.exists():
            atomic_write(stored, data)
        return f"{m.group(1)}{MEDIA_DIR}/{name}{m.group(3)}"

    return IMAGE.sub(one, text)


def media_file(folder: Path, name: str) -> Path | None:
    """The file `name` of the media folder `folder`, or None when it is missing or lies
    outside it (a hand-edited deck's `media/../x`): the TUI shows and opens only these."""
    root = folder.resolve()
    path = (root / name).resolve()
    return path if path.parent == root and path.is_file() else None


def referenced(text: str) -> list[str]:
    """The names in `media/` that a card's text refers to."""
    if not has_images(text):
        return []
    out = []
    for m in IMAGE.finditer(text):
        target = m.group(2).strip("<>")
        if target.startswith(f"{MEDIA_DIR}/"):
            out.append(target[len(MEDIA_DIR) + 1 :])
    return out
