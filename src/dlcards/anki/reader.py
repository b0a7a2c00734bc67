"""Anki packages in: an `.apkg` or `.colpkg` read into plain values, with Anki's own reader.

A package is a zip archive holding a collection (an Anki SQLite database) and its media.
Three generations exist, and this module reads all of them:

* Anki 2.1.50 and later (`meta` says version 3): `collection.anki21b`, the collection
  compressed with zstd; `media` a zstd-compressed protobuf list of file names; each media
  file (zip members `0`, `1`, …) compressed with zstd too.  Such packages also hold a
  `collection.anki2` that only says "please update Anki", never read here.
* Anki 2.1 legacy (`collection.anki21`) and Anki 2.0 (`collection.anki2`): the database as
  is, `media` a JSON map from member number to file name.

The collection is unpacked into a private folder and opened with the `anki` package (the
`anki` extra), which knows every schema Anki has written: its note types (Cloze or
standard, their fields and card templates), its deck names, and the day number it counts
"today" by.  Nothing here writes the user's decks or reviews: `dlcards.anki_import` does.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..kinds import CardKind

#: The zip members a collection may be stored under, newest first.
_COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
#: A media file bigger than this is left out (the decks' own limit for note images).
MAX_MEDIA_BYTES = 20 * 2**20
#: Anki's `{{Field}}`, `{{type:Field}}`, `{{#Field}}` … references in a card template.
_FIELD_REF = re.compile(r"\{\{[#^/]?(?:[a-z-]+:)*([^{}:#^/][^{}]*?)\}\}", re.I)
#: Template references that name no field.
_SPECIAL = {"FrontSide", "Tags", "Deck", "Subdeck", "Card", "CardFlag", "Type"}


class AnkiReadError(Exception):
    """A package that cannot be read; the message names the file and says why."""


@dataclass(frozen=True)
class AnkiNote:
    """One Anki note: its GUID (stable across exports, so dlcards' ids derive from it), how
    its note type maps to dlcards' card kinds, and its fields in order (Anki's HTML)."""

    id: int
    guid: str
    kind: str  # a CardKind value, or "" for a note type with no dlcards counterpart
    fields: tuple[str, ...]
    #: For a standard note type: which fields its first card asks and answers (indexes).
    asks: tuple[int, ...]
    answers: tuple[int, ...]
    tags: tuple[str, ...]
    notetype: str


@dataclass(frozen=True)
class AnkiCard:
    """One Anki card, its scheduling as Anki holds it (`cards` table; in a filtered deck,
    its home deck and due)."""

    id: int
    note_id: int
    ord: int  # template number (standard) or deletion number - 1 (cloze)
    deck: str  # full name, `::` between levels
    type: int  # AnkiCardType
    queue: int  # AnkiQueue, or -1 suspended, -2 / -3 buried
    due: int  # new: position; learning: epoch seconds; review: day number
    interval: int  # days (negative: seconds, in learning)
    factor: int  # ease in permille (2500 = 2.5); 0 while new
    reps: int
    lapses: int


@dataclass(frozen=True)
class AnkiReview:
    """One revlog row: when (ms since the epoch, also its id), the button (1-4; 0 for a
    manual reschedule, not a review), the time taken (ms) and Anki's review type."""

    at_ms: int
    card_id: int
    ease: int
    interval: int
    factor: int
    duration_ms: int
    type: int


@dataclass(frozen=True)
class AnkiPackage:
    """What a package holds, as plain values."""

    path: Path
    notes: tuple[AnkiNote, ...]
    cards: tuple[AnkiCard, ...]
    reviews: tuple[AnkiReview, ...]
    #: Anki's day number for today, by the package's creation time and day rollover: a
    #: review card is due in `card.due - today` days.
    today: int
    #: Media file name (as fields refer to it) -> the unpacked file.
    media: dict[str, Path]
    media_dir: Path


@contextmanager
def read_package(path: Path, workdir: Path) -> Iterator[AnkiPackage]:
    """The package at `path`, unpacked under `workdir` (which the caller owns and removes)."""
    try:
        from anki.collection import Collection
    except ImportError:
        raise AnkiReadError(
            f"{path}: reading Anki packages needs the anki extra (pip install 'dlcards[anki]')"
        ) from None
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise AnkiReadError(f"{path}: not an Anki package ({exc})") from None
    with archive:
        names = set(archive.namelist())
        member = next((n for n in _COLLECTIONS if n in names), None)
        if member is None:
            raise AnkiReadError(f"{path}: not an Anki package (no collection inside)")
        target = workdir / "collection.anki2"
        try:
            with archive.open(member) as src, open(target, "wb") as dst:
                if member.endswith("b"):
                    _zstd().copy_stream(src, dst)
                else:
                    shutil.copyfileobj(src, dst)
            media_dir = workdir / "media"
            media_dir.mkdir()
            media = _unpack_media(archive, names, member.endswith("b"), media_dir)
        except (OSError, zipfile.BadZipFile, ValueError) as exc:
            raise AnkiReadError(f"{path}: damaged package ({exc})") from None
    try:
        col = Collection(str(target))
    except Exception as exc:  # the anki backend raises its own error types
        raise AnkiReadError(f"{path}: Anki cannot open its collection ({exc})") from None
    db = col.db
    assert db is not None  # (an open collection has its database)
    try:
        yield AnkiPackage(
            path=path,
            notes=tuple(_notes(col)),
            cards=tuple(_cards(col)),
            reviews=tuple(
                AnkiReview(*row)
                for row in db.all(
                    "SELECT id, cid, ease, ivl, factor, time, type FROM revlog ORDER BY id"
                )
            ),
            today=col.sched.today,
            media=media,
            media_dir=media_dir,
        )
    finally:
        col.close()


def _zstd() -> Any:
    try:
        import zstandard
    except ImportError:
        raise AnkiReadError(
            "packages of Anki 2.1.50 and later need zstandard (pip install 'dlcards[anki]')"
        ) from None
    return zstandard.ZstdDecompressor()


def _unpack_media(
    archive: zipfile.ZipFile, names: set[str], compressed: bool, folder: Path
) -> dict[str, Path]:
    """Each media file under its own name in `folder` (names that could leave the folder
    or hide as dot files are skipped, as are files over MAX_MEDIA_BYTES)."""
    if "media" not in names:
        return {}
    raw = archive.read("media")
    listing: dict[str, str] = {}
    if compressed:
        from anki.import_export_pb2 import MediaEntries

        entries = MediaEntries()
        entries.ParseFromString(_zstd().decompress(raw, max_output_size=64 * 2**20))
        listing = {str(i): e.name for i, e in enumerate(entries.entries)}
    else:
        loaded = json.loads(raw.decode("utf-8") or "{}")
        listing = {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
    out: dict[str, Path] = {}
    for member, name in listing.items():
        if member not in names or not name or name.startswith(".") or "/" in name or "\\" in name:
            continue
        if archive.getinfo(member).file_size > MAX_MEDIA_BYTES * (1 if not compressed else 4):
            continue
        data = archive.read(member)
        if compressed:
            data = _zstd().decompress(data, max_output_size=MAX_MEDIA_BYTES)
        if len(data) > MAX_MEDIA_BYTES:
            continue
        file = folder / name
        file.write_bytes(data)
        out[name] = file
    return out


def _notes(col: Any) -> Iterator[AnkiNote]:
    kinds = {}
    for model in col.models.all():
        kinds[int(model["id"])] = (model["name"], *_mapping(model))
    for nid, guid, mid, tags, flds in col.db.all(
        "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id"
    ):
        name, kind, asks, answers = kinds.get(int(mid), ("?", "", (0,), ()))
        yield AnkiNote(
            nid, guid, kind, tuple(flds.split("\x1f")), asks, answers,
            tuple(tags.split()), name,
        )  # fmt: skip


def _mapping(model: dict[str, Any]) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """(kind, fields the first card asks, fields it answers) of a note type.

    Cloze note types are clozes.  A standard type is basic when its first card asks the
    first field alone, and reversed when it has exactly a second card asking what the first
    answers; any other type ("" kind) becomes question = first field, answer = the rest."""
    fields = [f["name"] for f in model["flds"]]
    if model.get("type") == 1:
        return CardKind.CLOZE.value, (0,), tuple(range(1, len(fields)))
    templates = model["tmpls"]

    def refs(text: str, typed: bool = True) -> tuple[int, ...]:
        found = []
        for m in _FIELD_REF.finditer(text):
            if not typed and m.group(0).lower().startswith("{{type:"):
                continue  # a box to type the answer in: the field is answered, not asked
            name = m.group(1).strip()
            if name in fields and name not in _SPECIAL and fields.index(name) not in found:
                found.append(fields.index(name))
        return tuple(found)

    rest = tuple(range(1, len(fields)))
    if not templates:
        return "", (0,), rest
    asks = refs(templates[0]["qfmt"], typed=False)
    answers = tuple(i for i in refs(templates[0]["afmt"]) if i not in asks)
    if asks != (0,) or not answers:
        return "", (0,), rest
    if len(templates) == 1:
        return CardKind.BASIC.value, asks, answers
    if len(templates) == 2:
        back = templates[1]
        if answers[0] in refs(back["qfmt"]) and 0 in refs(back["afmt"]):
            return CardKind.REVERSED.value, asks, answers
    return "", (0,), rest


def _cards(col: Any) -> Iterator[AnkiCard]:
    names = {int(d.id): d.name for d in col.decks.all_names_and_ids()}
    rows = col.db.all(
        "SELECT id, nid, ord, did, odid, type, queue, due, odue, ivl, factor, reps, lapses"
        " FROM cards ORDER BY id"
    )
    for cid, nid, ord_, did, odid, typ, queue, due, odue, ivl, factor, reps, lapses in rows:
        home = odid or did  # a card in a filtered deck belongs to its home deck
        yield AnkiCard(
            cid, nid, ord_, names.get(int(home), "Default"), typ, queue,
            odue if odid and odue else due, ivl, factor, reps, lapses,
        )  # fmt: skip
