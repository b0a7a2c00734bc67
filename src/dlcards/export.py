"""Anki export: decks -> one `.apkg` that Anki imports, and re-imports as updates.

Stable identity is what makes re-exports update instead of duplicate:

* one note type of our own with a fixed model id;
* deck ids derived from the deck's full name (`dlcards::Part 1`);
* note GUIDs derived from the card id (never genanki's default, which hashes the fields and so
  changes with every edit);
* a note modification time that grows with every export, even two in the same second: Anki
  updates a note only when the incoming one is newer, in whole seconds.

Fields are Markdown rendered to HTML by markdown-it-py; `$...$` and `$$...$$` become MathJax
`\\(...\\)` and `\\[...\\]`; the HTML is then cleaned by nh3 (no scripts, no event handlers, no
`javascript:` links).  Cards without an answer are skipped and counted.

The package is built with genanki's schema, model and deck definitions, but written in one pass:
genanki's `Deck.write_to_db` re-encodes the collection's whole decks JSON once per deck, which
takes most of a minute for thousands of decks.

The speed tricks here are explained in PERFORMANCE.md, *Export*.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import json
import multiprocessing as mp
import os
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA
from genanki.util import BASE91_TABLE

from . import cloze as _cloze
from .decks import Deck, _file_mode, atomic_write
from .display import CONTROL, without_controls
from .kinds import AnkiCardType, AnkiQueue
from .reviews import CardState
from .workers import pool as worker_pool

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

MODEL_ID = 1_607_392_319  # fixed forever: changing it would duplicate every note in Anki
MODEL_NAME = "dlcards (Markdown)"
#: genanki's collection was created on this day; Anki counts review due dates from it.
COLLECTION_CREATED = date(2014, 9, 19)

CSS = """\
.card {
  font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px; line-height: 1.45; text-align: left;
  color: #1d1d1f; background-color: #ffffff;
  max-width: 44em; margin: 0 auto; padding: 0.5em 1em;
}
.nightMode.card, .nightMode .card { color: #e6e6e6; background-color: #1f1f1f; }
.question { font-weight: 600; }
hr#answer { border: none; border-top: 1px solid #c8c8cc; margin: 0.8em 0; }
.nightMode hr#answer { border-top-color: #4a4a4f; }
code, pre { font-family: "JetBrains Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
code { background: #f0f0f3; padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: #f6f8fa; padding: 0.7em 1em; border-radius: 6px; overflow-x: auto; }
pre code { background: none; padding: 0; }
.nightMode code, .nightMode pre { background: #2b2b30; }
table { border-collapse: collapse; }
th, td { border: 1px solid #c8c8cc; padding: 0.25em 0.6em; }
.nightMode th, .nightMode td { border-color: #4a4a4f; }
img { max-width: 100%; }
a { color: #0a66c2; }
.nightMode a { color: #6cb6ff; }
"""

MODEL = genanki.Model(
    MODEL_ID,
    MODEL_NAME,
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": '<div class="question">{{Front}}</div>',
            "afmt": '<div class="question">{{Front}}</div>\n<hr id="answer">\n'
            '<div class="answer">{{Back}}</div>',
        }
    ],
    css=CSS,
)

#: The cloze note type: Anki's own Cloze layout (fields Text and Back Extra, one card per
#: deletion number), under a fixed id of ours so re-exports update it in place.
CLOZE_MODEL_ID = 1_607_392_320
CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "dlcards Cloze (Markdown)",
    fields=[{"name": "Text"}, {"name": "Back Extra"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}<br>\n{{Back Extra}}",
        }
    ],
    css=CSS + ".cloze { font-weight: 700; color: #0a66c2; }\n"
    ".nightMode .cloze { color: #6cb6ff; }\n",
    model_type=genanki.Model.CLOZE,
)

_TAG_UNSAFE = re.compile(r"\s+")
# (plain ints in the rows: the workers' rows go to SQLite and between processes)
NEW, REVIEW = int(AnkiCardType.NEW), int(AnkiCardType.REVIEW)
NEW_QUEUE, REVIEW_QUEUE = int(AnkiQueue.NEW), int(AnkiQueue.REVIEW)
# genanki's schema: its tables, and its indexes (the workers' scratch databases need none)
_APKG_TABLES, _INDEX, _rest = APKG_SCHEMA.partition("CREATE INDEX")
_APKG_INDEXES = _INDEX + _rest


def _math_inline(self, tokens, idx, options, env) -> str:
    return "\\(" + html.escape(tokens[idx].content, quote=False) + "\\)"


def _math_block(self, tokens, idx, options, env) -> str:
    return '<div class="math">\\[' + html.escape(tokens[idx].content, quote=False) + "\\]</div>\n"


@functools.cache
def _markdown() -> MarkdownIt:
    """The renderer for fields with Markdown in them, loaded with the first such field: most
    notes' fields take the plain-text paths of `render`, and a large export then starts
    without importing markdown-it."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("commonmark", {"breaks": True, "html": True}).enable(["table", "strikethrough"])
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.add_render_rule("math_inline", _math_inline)
    md.add_render_rule("math_inline_double", _math_block)
    md.add_render_rule("math_block", _math_block)
    md.add_render_rule("math_block_label", _math_block)
    return md


#: Characters with a meaning in Markdown (or HTML) anywhere in a line, links apart (see
#: `_has_markup`), and control characters, which `render` writes out before markdown-it
#: runs.  ('>' only opens a quote at the start of a line, caught below: arrows like "=> x"
#: in notes stay plain.)
_MARKUP = re.compile(r"[*_`\[\]<#!|~\\$&\t" + CONTROL + "]")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
#: Line openings with a meaning in Markdown: lists, quotes, headings, code, setext rules.
_BLOCK = (
    r"(?: {0,3}\t| {4}|\s*>|\s*(?:[-+=]|\d+[.)])(?:\s|$)|\s*[-=]{2,}\s*$| {0,3}(?:-[ \t]*){3,}$)"
)
_BLOCK_START = re.compile("^" + _BLOCK, re.M)
_BLOCK_AFTER_FIRST_LINE = re.compile("\n" + _BLOCK, re.M)  # a literal start: scans faster


def _has_markup(text: str) -> bool:
    """Whether text holds anything Markdown or HTML gives a meaning to, apart from line
    openings: one character class and substring tests for link prefixes, several times
    faster than one regular expression with the prefixes as alternatives."""
    return _MARKUP.search(text) is not None or "http:" in text or "https:" in text or "www." in text


def _opens_block(text: str) -> bool:
    """Whether any line of text opens a block (list item, quote, heading, code, rule)."""
    if _BLOCK_START.match(text):
        return True
    return "\n" in text and _BLOCK_AFTER_FIRST_LINE.search(text) is not None


def _escape(text: str) -> str:
    """HTML-escape text as markdown-it does, for the fast paths' text, which holds no '&' or
    '<' (`_MARKUP` sends those to markdown-it): '>' and double quotes (not single ones)."""
    return text.replace(">", "&gt;").replace('"', "&quot;")


def _simple_list(text: str) -> str | None:
    """The HTML markdown-it gives a paragraph followed by tight "- item" / "+ item" lists, or
    None when the text is anything else (the caller then runs markdown-it).

    The commonest answer shape in notes ("lead-in" then bullets, often "+" for pros and "-"
    for cons), so exports render it directly.  Accepted: no blank line, no indentation, only
    "- " and "+ " items whose text opens no other block; a plain line after an item continues
    that item (CommonMark's lazy continuation), and a change of bullet character starts a new
    list, as CommonMark says.  Property tests compare this with markdown-it on random texts.
    """
    escape = ">" in text or '"' in text  # most lists need no escaping at all
    br = "<br />\n"
    lead: list[str] = []
    lists: list[tuple[str, list[str]]] = []  # (bullet, its items' HTML)
    for line in text.split("\n"):
        line = line.rstrip(" ")
        if not line or line[0] in " \t":
            return None
        if line[0] in "-+" and line[1:2] == " " and len(line) > 2 and not line[2].isspace():
            bullet, body = line[0], line[2:]  # an item: "- text" / "+ text"
            if _BLOCK_START.match(body):
                return None
            if not lists or lists[-1][0] != bullet:
                lists.append((bullet, []))
            lists[-1][1].append(_escape(body) if escape else body)
        elif _BLOCK_START.match(line):
            return None
        elif lists:
            items = lists[-1][1]
            items[-1] += br + (_escape(line) if escape else line)
        else:
            lead.append(_escape(line) if escape else line)
    if not lists:
        return None
    out = [f"<p>{br.join(lead)}</p>\n"] if lead else []
    for _, items in lists:
        out.append("<ul>\n<li>" + "</li>\n<li>".join(items) + "</li>\n</ul>\n")
    return "".join(out).rstrip("\n")


def render(markdown_text: str, *, inline: bool = False) -> str:
    """Markdown of a card side -> clean HTML for Anki (MathJax delimiters, sanitised).

    `inline` renders a one-line question without a wrapping paragraph.  Text with no Markdown
    in it (most questions, many answers) is escaped directly: the same HTML markdown-it would
    give, at a fraction of the cost on large exports.  Only text holding raw HTML (a '<') goes
    through nh3; everything else markdown-it escapes itself, and it refuses javascript: links.
    """
    text = markdown_text.strip("\n")
    if not _has_markup(text):
        if not _opens_block(text):
            if "\n" not in text:  # one line: most questions
                line = _escape(text.strip())
                return line if inline else f"<p>{line}</p>"
            return "\n".join(  # (escaping leaves line breaks and spaces as they were)
                "<p>" + "<br />\n".join([line.strip() for line in para.split("\n")]) + "</p>"
                for para in _BLANK_LINES.split(_escape(text.strip()))
            )
        if not inline:
            simple = _simple_list(text)
            if simple is not None:
                return simple
    # (`_MARKUP` sends every control character here) a control character would corrupt the
    # package: \x1f separates Anki's fields, others make invalid XML/HTML; shown as text
    text = without_controls(text)
    md = _markdown()
    raw = md.renderInline(text) if inline and "\n" not in text else md.render(text)
    if "<" in text:
        import nh3

        raw = nh3.clean(raw, link_rel="noopener noreferrer")
    return raw.strip()


def deck_id(full_name: str) -> int:
    """A deck id derived from the deck's full name: the same deck, the same id, every time."""
    digest = hashlib.sha1(f"dlcards-deck\n{full_name}".encode()).digest()
    return 1 << 40 | int.from_bytes(digest[:5], "big")


_BASE91 = "".join(BASE91_TABLE)


def note_guid(card_id: str) -> str:
    """genanki's `guid_for("dlcards", card_id)` (tested equal), without its byte-by-byte
    loops: the first 8 bytes of a SHA-256 written in Anki's base 91."""
    n = int.from_bytes(hashlib.sha256(f"dlcards__{card_id}".encode()).digest()[:8], "big")
    guid = ""
    while n:
        n, digit = divmod(n, 91)
        guid = _BASE91[digit] + guid
    return guid


def next_mod_time(clock_file: Path, now: float | None = None) -> int:
    """This export's note modification time: now, but always after the previous export's.

    Anki takes an incoming note as an update only when its modification time (whole seconds)
    is newer than its own; two exports within one second would otherwise tie.
    """
    current = int(now if now is not None else time.time())
    from .locking import folder_lock

    # two exports at once: each reads, then writes, the clock under the folder's lock, so
    # the second one's time is after the first one's
    with folder_lock(clock_file.parent, "the export"):
        try:
            last = int(json.loads(clock_file.read_text())["last_mod"])
        except (OSError, ValueError, KeyError, TypeError, OverflowError):
            last = 0
        if not 0 <= last <= current + 366 * 86400:
            last = 0  # a clock file from a broken or hostile hand: no time past next year
        mod = max(current, last + 1)
        atomic_write(clock_file, json.dumps({"last_mod": mod}).encode(), durable=False)
    return mod


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
    fd, zip_tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        result = _write_collection(Path(db_name), decks, parent, mod_time, states, progress)
        with zipfile.ZipFile(zip_tmp, "w") as z:  # stored, as genanki and Anki write it
            entry = zipfile.ZipInfo.from_file(db_name, "collection.anki2")
            with open(db_name, "rb") as src, z.open(entry, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)  # ZipFile.write copies 8 KiB at a time
            z.writestr("media", "{}")
        os.chmod(zip_tmp, _file_mode(out))
        os.replace(zip_tmp, out)
        return result
    finally:
        for leftover in (db_name, zip_tmp):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)


#: From this many cards on, the rows are made in one worker process per core.
PARALLEL_FROM = 5000

_TAG = re.compile(r"<[^>]+>")
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
        model = CLOZE_MODEL_ID if cloze else MODEL_ID
        notes.append(
            (nid, note_guid(cid), model, mod_time, -1, tagged, fields, sort_field, csum, 0, "")
        )
        # a basic note has one card (ord 0); a cloze note one per deletion number N (ord N-1)
        studied = (
            [(cid, 0)]
            if not cloze
            else [(_cloze.study_id(cid, n), n - 1) for n in _cloze.numbers(question)]
        )
        for study_id, ord_ in studied:
            cs = states.get(study_id) if states else None
            if cs is not None and _scheduled(cs):
                assert cs.state.due is not None
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
            cards.append((card_id, nid, did, ord_, mod_time, -1, *schedule, 0, 0, 0, 0, ""))
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
        self.jobs: list[tuple[Future[str], int]] = []  # (scratch database, cards in it)
        self.pool: ProcessPoolExecutor | None = None
        workers = os.cpu_count() or 1
        if workers < 2 or len(cards) < PARALLEL_FROM:
            return
        size = -(-len(cards) // (workers * 4))
        spans = [(i, min(i + size, len(cards))) for i in range(0, len(cards), size)]
        if "fork" in mp.get_all_start_methods():
            global _FORKED
            _FORKED = (cards, mod_time, states)  # forked workers inherit it: send only spans
            self.pool = worker_pool(workers)
            self.jobs = [(self.pool.submit(_forked_rows_db, s), s[1] - s[0]) for s in spans]
        else:
            self.pool = worker_pool(workers, fork=False)
            for a, b in spans:
                part = cards[a:b]
                own = _states_of(part, states) if states else None
                job = self.pool.submit(_rows_db, _Batch(part, a, mod_time, own, len(cards)))
                self.jobs.append((job, b - a))

    def insert_into(self, con: sqlite3.Connection, progress: Callable[[int], None] | None) -> None:
        if self.pool is None:
            _insert_rows(con, _Batch(self.cards, 0, self.mod_time, self.states, len(self.cards)))
            if progress:
                progress(len(self.cards))
            return
        for job, count in self.jobs:
            con.execute("ATTACH DATABASE ? AS part", (job.result(),))
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
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        _FORKED = ()
        for job, _ in self.jobs:
            if not job.cancelled() and job.exception() is None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(job.result())


def _states_of(part: list[_Source], states: Mapping[str, CardState]) -> dict[str, CardState]:
    """The states a worker needs for its part: its cards', a cloze's deletion cards included."""
    own = {src[2]: states[src[2]] for src in part if src[2] in states}
    for question, _, cid, _, _, kind in part:
        if kind == "cloze":
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
