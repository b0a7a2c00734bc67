"""Anki packages: decks -> one `.apkg` that Anki imports, and re-imports as updates.

The package is built with genanki's schema, model and deck definitions, but written in one pass:
genanki's `Deck.write_to_db` re-encodes the collection's whole decks JSON once per deck, which
takes most of a minute for thousands of decks.  Cards without an answer are skipped and
counted.  Identity (note types, ids, GUIDs, the clock) is `anki.identity`'s; field rendering
`anki.render`'s.

The speed tricks here are explained in PERFORMANCE.md, *Export*.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import multiprocessing as mp
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

from .. import cloze as _cloze
from .. import media
from ..decks import Deck, replacing, reverse_id
from ..kinds import AnkiCardType, AnkiQueue
from ..reviews import CardState
from ..workers import ParallelMap, parallel_map
from .identity import (
    CLOZE_MODEL,
    CLOZE_MODEL_ID,
    COLLECTION_CREATED,
    MODEL,
    MODEL_ID,
    REVERSED_MODEL,
    REVERSED_MODEL_ID,
    deck_id,
    note_guid,
)
from .render import render

_TAG_UNSAFE = re.compile(r"\s+")
# (plain ints in the rows: the workers' rows go to SQLite and between processes)
NEW, REVIEW = int(AnkiCardType.NEW), int(AnkiCardType.REVIEW)
NEW_QUEUE, REVIEW_QUEUE = int(AnkiQueue.NEW), int(AnkiQueue.REVIEW)
# genanki's schema: its tables, and its indexes (the workers' scratch databases need none)
_APKG_TABLES, _INDEX, _rest = APKG_SCHEMA.partition("CREATE INDEX")
_APKG_INDEXES = _INDEX + _rest


@dataclass(frozen=True)
class ExportResult:
    decks: int
    notes: int
    skipped: int  # cards without an answer
    with_progress: int  # cards exported with their review schedule


def export_package(
    decks: list[Deck],
    out: Path,
    *,
    parent: str | None = "dlcards",
    mod_time: int,
    states: Mapping[str, CardState] | None = None,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExportResult:
    """Write the decks to `out` (atomically).  `states` exports the SM-2 schedule too."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, db_name = tempfile.mkstemp(suffix=".anki2")
    os.close(fd)
    try:
        result = _write_collection(Path(db_name), decks, parent, mod_time, states, progress)
        with replacing(out) as zip_tmp, zipfile.ZipFile(zip_tmp, "w") as z:
            # stored, as genanki and Anki write it
            entry = zipfile.ZipInfo.from_file(db_name, "collection.anki2")
            with open(db_name, "rb") as src, z.open(entry, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)  # ZipFile.write copies 8 KiB at a time
            # the package's media: files named 0, 1, ... and a map of those to their names
            names: dict[str, str] = {}
            for name, path in sorted(_media_files(decks).items()):
                if path.is_file():
                    z.write(path, str(len(names)))
                    names[str(len(names))] = name
            z.writestr("media", json.dumps(names))
        return result
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(db_name)


#: From this many cards on, the rows are made in one worker process per core.
PARALLEL_FROM = 5000

_TAG = re.compile(r"<[^>]+>")
_MEDIA_SRC = f'src="{media.MEDIA_DIR}/'
_NOTES_INSERT = "INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)"
_CARDS_INSERT = "INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"


#: What the rows are made from: (question, answer, card id, tags, deck id, kind) of a deck
#: entry (a cloze entry: its text, "", its id, ...: one note, one card per deletion number).
_Source = tuple[str, str, str, tuple[str, ...], int, str]


@dataclass(frozen=True)
class _Batch:
    """A run of answered cards to turn into rows, `first` being the first one's position in
    the export (its note id and new-card order follow from it)."""

    cards: list[_Source]
    first: int
    mod_time: int
    states: Mapping[str, CardState] | None
    #: how many notes the whole export holds: card ids of a cloze's second and later
    #: deletions are numbered past every note id, so no two cards share an id
    total: int


def _rows(batch: _Batch) -> tuple[list[tuple], list[tuple]]:
    """The notes and cards rows of a batch's span: rendered fields, GUID, Anki's sort field
    and its checksum (first 8 hex digits of the SHA-1 of the tag-free front), and the
    schedule.  A card's note id and new-card position follow from its place in the export."""
    mod_time, states = batch.mod_time, batch.states
    tag_text: dict[tuple[str, ...], str] = {}  # a deck's cards mostly share their tags
    notes, cards = [], []
    for pos, (question, answer, cid, tags, did, kind) in enumerate(batch.cards, batch.first):
        cloze = kind == "cloze"
        front = render(question, inline=not cloze)
        sort_field = html.unescape(_TAG.sub("", front) if "<" in front else front)
        if cloze:
            sort_field = _cloze.plain(sort_field).strip()
        csum = int.from_bytes(hashlib.sha1(sort_field.encode()).digest()[:4], "big")
        tagged = tag_text.get(tags)
        if tagged is None:
            joined = " ".join(_TAG_UNSAFE.sub("_", t) for t in tags)
            tagged = tag_text[tags] = f" {joined} " if joined else ""
        nid = mod_time * 1000 + pos + 1
        fields = f"{front}\x1f{render(answer) if answer else ''}"
        if _MEDIA_SRC in fields:  # a deck's `media/x.png` is the package's media file `x.png`
            fields = fields.replace(_MEDIA_SRC, 'src="')
        model = CLOZE_MODEL_ID if cloze else REVERSED_MODEL_ID if kind == "reversed" else MODEL_ID
        notes.append(
            (nid, note_guid(cid), model, mod_time, -1, tagged, fields, sort_field, csum, 0, "")
        )
        # a basic note has one card (ord 0), a reversed one two (the reverse is ord 1); a cloze
        # note one per deletion number N (ord N-1)
        studied = (
            [(_cloze.study_id(cid, n), n - 1) for n in _cloze.numbers(question)]
            if cloze
            else [(cid, 0), (reverse_id(cid), 1)]
            if kind == "reversed"
            else [(cid, 0)]
        )
        for study_id, ord_ in studied:
            cs = states.get(study_id) if states else None
            data = ""
            if cs is not None and _scheduled(cs):
                assert cs.state.due is not None
                data = cs.memory  # (FSRS's memory state, as Anki keeps it; SM-2: none)
                due = (cs.state.due - COLLECTION_CREATED).days
                factor = cs.state.ef_hundredths * 10
                schedule = (
                    REVIEW,
                    REVIEW_QUEUE,
                    due,
                    cs.state.interval,
                    factor,
                    cs.reviews,
                    cs.lapses,
                )
            else:  # new, in export order (a note's cards side by side, as Anki orders them)
                schedule = (NEW, NEW_QUEUE, pos + 1, 0, 0, 0, 0)
            card_id = nid + ord_ * batch.total
            # id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left,
            # odue, odid, flags, data
            cards.append((card_id, nid, did, ord_, mod_time, -1, *schedule, 0, 0, 0, 0, data))
    return notes, cards


def _scheduled(cs: CardState) -> bool:
    """Whether a card goes to Anki as a review card with its schedule (else as a new one)."""
    return cs.state.due is not None and cs.reviews > 0


def _insert_rows(con: sqlite3.Connection, batch: _Batch) -> None:
    """A batch's rows into the notes and cards tables of `con`."""
    notes, cards = _rows(batch)
    con.executemany(_NOTES_INSERT, notes)
    con.executemany(_CARDS_INSERT, cards)


def _rows_db(batch: _Batch) -> str:
    """A worker's part: its rows written to a scratch database of its own (inserting is a
    third of the work), whose path it returns for the main process to copy from."""
    fd, name = tempfile.mkstemp(suffix=".rows.sqlite3")
    os.close(fd)
    try:
        con = sqlite3.connect(name)
        try:
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            con.executescript(_APKG_TABLES)
            _insert_rows(con, batch)
            con.commit()
        finally:
            con.close()
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)  # the main process only learns of the part's failure
        raise
    return name


#: What forked workers inherit instead of receiving a pickled copy: (cards, mod time, states).
_FORKED: tuple = ()


def _forked_rows_db(span: tuple[int, int]) -> str:
    cards, mod_time, states = _FORKED
    return _rows_db(_Batch(cards[span[0] : span[1]], span[0], mod_time, states, len(cards)))


class _RowParts:
    """Every card's rows, made from the moment this is created: for a large export in one
    worker process per core, each writing its part into a scratch database of its own, while
    the main process sets up the collection; `insert_into` then copies each part in with one
    INSERT ... SELECT as it comes.  Small exports make their rows in `insert_into` itself."""

    def __init__(
        self, cards: list[_Source], mod_time: int, states: Mapping[str, CardState] | None
    ) -> None:
        self.cards, self.mod_time, self.states = cards, mod_time, states
        self.counts: list[int] = []  # cards in each scratch database, in order
        self.parts: ParallelMap[Any, str] | None = None
        workers = os.cpu_count() or 1
        if workers < 2 or len(cards) < PARALLEL_FROM:
            return
        size = -(-len(cards) // (workers * 4))
        spans = [(i, min(i + size, len(cards))) for i in range(0, len(cards), size)]
        self.counts = [b - a for a, b in spans]
        if "fork" in mp.get_all_start_methods():
            global _FORKED
            _FORKED = (cards, mod_time, states)  # forked workers inherit it: send only spans
            self.parts = parallel_map(_forked_rows_db, spans, workers)
        else:
            batches = [
                _Batch(
                    cards[a:b],
                    a,
                    mod_time,
                    _states_of(cards[a:b], states) if states else None,
                    len(cards),
                )
                for a, b in spans
            ]
            self.parts = parallel_map(_rows_db, batches, workers, fork=False)

    def insert_into(self, con: sqlite3.Connection, progress: Callable[[int], None] | None) -> None:
        if self.parts is None:
            _insert_rows(con, _Batch(self.cards, 0, self.mod_time, self.states, len(self.cards)))
            if progress:
                progress(len(self.cards))
            return
        for scratch, count in zip(self.parts, self.counts, strict=True):
            con.execute("ATTACH DATABASE ? AS part", (scratch,))
            try:
                con.execute("INSERT INTO main.notes SELECT * FROM part.notes")
                con.execute("INSERT INTO main.cards SELECT * FROM part.cards")
                con.commit()
            finally:
                con.execute("DETACH DATABASE part")
            if progress:
                progress(count)

    def close(self) -> None:
        """Wait for the workers and remove every scratch database, whatever happened."""
        global _FORKED
        if self.parts is not None:
            self.parts.close()
        _FORKED = ()
        for job in self.parts.parts if self.parts is not None else ():
            if not job.cancelled() and job.exception() is None:
                for scratch in job.result():
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(scratch)


def _media_files(decks: list[Deck]) -> dict[str, Path]:
    """Each image the decks' cards show from their `media/` folder: name -> file."""
    files: dict[str, Path] = {}
    for deck in decks:
        if deck.path is None:
            continue
        folder = deck.path.parent / media.MEDIA_DIR
        for c in deck.cards:
            for name in (*media.referenced(c.question), *media.referenced(c.answer)):
                files.setdefault(name, folder / name)
    return files


def _states_of(part: list[_Source], states: Mapping[str, CardState]) -> dict[str, CardState]:
    """The states a worker needs for its part: its cards', a cloze's deletion cards included."""
    own = {src[2]: states[src[2]] for src in part if src[2] in states}
    for question, _, cid, _, _, kind in part:
        if kind == "reversed" and reverse_id(cid) in states:
            own[reverse_id(cid)] = states[reverse_id(cid)]
        elif kind == "cloze":
            ids = (_cloze.study_id(cid, n) for n in _cloze.numbers(question))
            own.update((i, states[i]) for i in ids if i in states)
    return own


def _full_name(parent: str | None, deck: Deck) -> str:
    return f"{parent}::{deck.name}" if parent else deck.name


def _write_collection(
    path: Path,
    decks: list[Deck],
    parent: str | None,
    mod_time: int,
    states: Mapping[str, CardState] | None,
    progress: Callable[[int], None] | None,
) -> ExportResult:
    sources: list[_Source] = []
    for deck in decks:
        did = deck_id(_full_name(parent, deck))
        sources += [
            (c.question, c.answer, c.id, c.tags, did, c.kind) for c in deck.cards if c.answered
        ]
    parts = _RowParts(sources, mod_time, states)  # the workers start on the rows now
    try:
        con = sqlite3.connect(path)
        try:
            cur = con.cursor()
            # a scratch file (zipped, then renamed into place): no journal, no syncs
            cur.execute("PRAGMA journal_mode = OFF")
            cur.execute("PRAGMA synchronous = OFF")
            cur.executescript(_APKG_TABLES)
            cur.executescript(APKG_COL)
            decks_json = json.loads(cur.execute("SELECT decks FROM col").fetchone()[0])
            names = ([parent] if parent else []) + [_full_name(parent, d) for d in decks]
            for name in dict.fromkeys(names):
                deck_json = genanki.Deck(deck_id(name), name).to_json()
                deck_json["mod"] = mod_time
                decks_json[str(deck_id(name))] = deck_json
            models_json = json.loads(cur.execute("SELECT models FROM col").fetchone()[0])
            first = deck_id(_full_name(parent, decks[0])) if decks else 1
            models_json[str(MODEL_ID)] = MODEL.to_json(mod_time, first)
            if any(src[5] == "cloze" for src in sources):
                models_json[str(CLOZE_MODEL_ID)] = CLOZE_MODEL.to_json(mod_time, first)
            if any(src[5] == "reversed" for src in sources):
                models_json[str(REVERSED_MODEL_ID)] = REVERSED_MODEL.to_json(mod_time, first)
            cur.execute(
                "UPDATE col SET decks = ?, models = ?, mod = ?",
                (json.dumps(decks_json), json.dumps(models_json), mod_time * 1000),
            )
            con.commit()  # (a database can be attached only between transactions)
            # indexes first: kept up as each part is copied in, while the workers still make
            # the next ones (measured ~0.15 s sooner than one build after the last part)
            cur.executescript(_APKG_INDEXES)
            parts.insert_into(con, progress)
            con.commit()
        finally:
            con.close()
    finally:
        parts.close()
    skipped = sum(len(d.cards) for d in decks) - len(sources)
    scheduled = 0
    if states:
        scheduled = sum(1 for cs in _states_of(sources, states).values() if _scheduled(cs))
    return ExportResult(len(decks), len(sources), skipped, scheduled)
