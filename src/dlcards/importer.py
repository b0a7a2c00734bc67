"""`dlcards import`: note files -> deck files, keeping ids and the user's hand edits.

Reading is forgiving (a binary file is skipped, a non-UTF-8 file decoded with a warning) and
writing is careful: each deck is written atomically and only when its bytes change, and a
deck the user edited by hand is merged, not overwritten.

Hand edits are recognised with a small record kept beside the decks (`.dlcards-import.json`):
for every card it holds a fingerprint of the text the *notes* gave at the last import.  A card
whose text in the deck differs from that fingerprint was edited by hand:

* if the notes still give the same text for it, the hand edit is kept (and reported);
* if the notes changed that card too, the import refuses to choose for the user and stops
  with a message, unless `--force` says the notes win;
* cards added by hand are kept; cards deleted by hand stay deleted while the notes are unchanged.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .decks import Card, Deck, DeckError, atomic_write, deck_to_yaml, parse_deck
from .ids import assign_ids, fingerprint
from .locations import IMPORT_RECORD
from .locking import folder_lock
from .parse import NoteError, ParsedNote, is_binary, parse_note
from .workers import pool as worker_pool

RECORD = IMPORT_RECORD
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv"}
_SKIP_SUFFIXES = {".yaml", ".yml", ".json", ".sqlite3", ".db", ".apkg", ".pyc"}


class ImportProblem(Exception):
    """An import that must not write a deck (a conflict, a broken existing deck)."""


@dataclass
class FileReport:
    """What happened to one note file; the CLI turns a list of these into the summary."""

    note: Path
    deck_path: Path | None = None
    format: str = ""
    cards: int = 0
    unanswered: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    written: bool = False
    deck_name: str = ""
    parsed: ParsedNote | None = None
    deck: Deck | None = None


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


def slug(text: str) -> str:
    """A safe file stem: letters, digits, '-' and '_' only (no path separators, no '..')."""
    s = re.sub(r"[^\w\-]+", "-", text.strip().lower(), flags=re.UNICODE).strip("-_")
    return s[:120] or "deck"


def tag_for(note: Path) -> str:
    """The deck tag: the note's file stem without a trailing 'flashcards' ('nn-basics-2')."""
    stem = slug(note.stem)
    return re.sub(r"[-_]?(flash-?cards|cards)$", "", stem) or stem


def source_label(note: Path, out_dir: Path) -> str:
    """The note's path as written in the deck: relative to the folder holding the decks."""
    # A note that is not a symlink resolves to its resolved folder plus its name: one lstat
    # instead of one per component of the path (resolving costs more than parsing a note).
    if note.is_symlink():
        resolved = note.resolve()
    else:
        resolved = _resolved(note.absolute().parent) / note.name
    try:
        return resolved.relative_to(_resolved(out_dir.absolute()).parent).as_posix()
    except ValueError:
        return resolved.as_posix()


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
        parent = note.absolute().parent
        for top in tops:
            if parent == top or top in parent.parents:
                out[note] = parent.relative_to(top).parts
                break
        else:
            out[note] = ()
    return out


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


class Record:
    """The import record beside the decks, one entry per deck file.

    An entry holds the SHA-1 of the note and of the deck as last imported (so unchanged pairs
    are skipped without parsing), the card fingerprints the notes gave (to recognise hand
    edits), and the summary figures to report for a skipped file.
    """

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / RECORD
        self.data: dict[str, dict] = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            decks = raw.get("decks", {}) if isinstance(raw, dict) else {}
            decks = decks if isinstance(decks, dict) else {}
            self.data = {k: v for k, v in decks.items() if _sound_entry(v)}
        except (OSError, ValueError):
            self.data = {}
        self.changed = False

    def put(self, deck_file: str, entry: dict) -> None:
        if self.data.get(deck_file) != entry:
            self.data[deck_file] = entry
            self.changed = True

    def get(self, deck_file: str) -> dict | None:
        return self.data.get(deck_file)

    def save(self) -> None:
        if not self.changed and self.path.exists():
            return
        # compact: json's C encoder does not indent, and with 100,000 cards the record is
        # megabytes that the main process writes after every import
        text = json.dumps(
            {"version": 2, "decks": self.data},
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        atomic_write(self.path, (text + "\n").encode("utf-8"))


def _sound_entry(entry: object) -> bool:
    """A record entry of the shape this module writes (a damaged or hand-made one is
    dropped: its deck is then imported as if for the first time, its hand edits kept)."""
    if not isinstance(entry, dict):
        return False
    texts = ("note", "deck", "format", "name", "source")
    if any(k in entry and not isinstance(entry[k], str) for k in texts):
        return False
    cards = entry.get("cards", {})
    if not isinstance(cards, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in cards.items()
    ):
        return False
    lists = ("unanswered", "warnings")
    if any(
        not isinstance(entry.get(k, []), list) or not all(isinstance(x, str) for x in entry[k])
        for k in lists
        if k in entry
    ):
        return False
    count = entry.get("count", 0)
    return isinstance(count, int) and not isinstance(count, bool)


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def merge_hand_edits(
    from_notes: list[Card], on_disk: Deck | None, record: dict[str, str] | None, force: bool
) -> tuple[list[Card], list[str]]:
    """Cards to write, keeping hand edits of the deck on disk; plus what was kept, as notes."""
    if on_disk is None:
        return from_notes, []
    if record is None:
        record = {}
        if not force and _differs(from_notes, on_disk):
            # No record of what the notes gave last time: an edit cannot be told from a change.
            raise ImportProblem(
                "deck exists but has no import record and differs from the notes; "
                "re-run with --force to replace it with the notes' version"
            )
        return from_notes, []
    record = {cid: value.split(":", 1)[0] for cid, value in record.items()}  # the digests
    notes_by_id = {c.id: c for c in from_notes}
    disk_by_id = {c.id: c for c in on_disk.cards}
    kept: list[str] = []
    result: list[Card] = []
    for card in from_notes:
        before = record.get(card.id)
        mine = disk_by_id.get(card.id)
        if before is None:
            result.append(card)  # new from the notes
            continue
        if mine is None:
            if card.digest() == before and not force:
                kept.append(f"card {card.id} stays deleted (removed by hand)")
                continue
            result.append(card)
            continue
        if mine.digest() != before and mine.digest() != card.digest():
            if card.digest() == before:  # notes unchanged: the hand edit stands
                result.append(mine._replace(tags=card.tags, line=card.line))
                kept.append(f"kept hand edit of card {card.id}")
                continue
            if not force:
                raise ImportProblem(
                    f"card {card.id} ({card.question[:40]!r}) was edited in the deck and in the "
                    "notes; re-run with --force to take the notes' version"
                )
        result.append(card)
    for card in on_disk.cards:
        if card.id in notes_by_id:
            continue
        if card.id not in record:
            result.append(card)
            kept.append(f"kept card {card.id} added by hand")
        elif card.digest() != record[card.id] and not force:
            # the notes no longer give this card (or ask its question anew), and the deck's
            # copy holds a hand edit: dropping it would lose the edit and the card's history
            raise ImportProblem(
                f"card {card.id} ({card.question[:40]!r}) was edited in the deck and changed "
                "or removed in the notes; re-run with --force to take the notes' version"
            )
    return result, kept


def _differs(cards: list[Card], deck: Deck) -> bool:
    have = {c.id: c.digest() for c in deck.cards}
    return have != {c.id: c.digest() for c in cards}


def import_note(
    note: Path,
    deck_path: Path,
    out_dir: Path,
    entry: dict | None,
    *,
    dry_run: bool = False,
    force: bool = False,
    namespace: str | None = None,
) -> tuple[FileReport, dict | None]:
    """Parse one note and write (or, dry, just build) its deck.  `namespace`: what new card
    ids are hashed with (see `id_namespace`; the note's tag by default).

    Returns the report and the new record entry for the deck (None: keep the old one).
    Self-contained, so that many notes can be imported in parallel processes.
    """
    report = FileReport(note=note, deck_path=deck_path)
    try:
        info = note.stat()
        if not stat.S_ISREG(info.st_mode):
            # a FIFO would block the read, a device (/dev/zero) never end it
            report.warnings.append(f"not a regular file ({_file_kind(info.st_mode)}), skipped")
            return report, None
        if info.st_size > MAX_NOTE_BYTES:
            report.warnings.append(
                f"larger than {MAX_NOTE_BYTES // 2**20} MB ({info.st_size // 2**20} MB), skipped"
            )
            return report, None
        data = note.read_bytes()
    except OSError as exc:
        report.error = f"cannot read ({exc.strerror or exc})"
        return report, None
    note_sha = _sha1(data)
    try:
        deck_bytes: bytes | None = deck_path.read_bytes()
    except FileNotFoundError:
        deck_bytes = None
    except OSError as exc:
        report.error = f"cannot read existing deck {deck_path} ({exc.strerror or exc})"
        return report, None
    if (
        entry
        and not dry_run
        and not force
        and deck_bytes is not None
        and entry.get("note") == note_sha
        and entry.get("deck") == _sha1(deck_bytes)
    ):
        # note and deck both as the last import left them: nothing to do
        report.format = entry.get("format", "")
        report.cards = int(entry.get("count", 0))
        report.unanswered = list(entry.get("unanswered", []))
        report.deck_name = entry.get("name", "")
        report.warnings.extend(entry.get("warnings", []))
        return report, None
    text: str | bytes | None
    if is_binary(note.name):
        text, warning = data, None  # a zip archive (docx): its reader takes the bytes
    else:
        text, warning = decode(data)
    if warning:
        report.warnings.append(warning)
    if text is None:
        return report, None
    try:
        parsed = parse_note(text, note.name, sections=dry_run)
    except NoteError as exc:
        report.warnings.append(f"skipped: {exc}")
        return report, None
    report.format = parsed.format
    report.warnings.extend(parsed.warnings)
    if not parsed.cards and (text.strip() if isinstance(text, str) else text):
        report.warnings.append(f"no cards found (read as {parsed.format})")
    on_disk: Deck | None = None
    if deck_bytes:  # an empty file (a crash before its first write finished) holds nothing
        try:
            on_disk = parse_deck(deck_bytes.decode("utf-8", errors="strict"), deck_path)
        except (DeckError, UnicodeDecodeError) as exc:
            report.error = f"existing deck not replaced: {exc}"
            return report, None
    tag = tag_for(note)
    remembered = (entry or {}).get("cards")
    cards = assign_ids(
        parsed.cards, on_disk.cards if on_disk else (), namespace or tag, (tag,), remembered
    )
    try:
        merged, kept = merge_hand_edits(cards, on_disk, (entry or {}).get("cards"), force)
    except ImportProblem as exc:
        report.error = f"{deck_path}: {exc}"
        return report, None
    report.warnings.extend(kept)
    source = source_label(note, out_dir)
    deck = Deck(parsed.name, source, tuple(merged), deck_path)
    report.deck_name = deck.name
    report.cards = len(deck.study_cards)
    report.unanswered = [c.question for c in deck.cards if not c.answered]
    if dry_run:
        report.parsed, report.deck = parsed, deck
        return report, None
    payload = deck_to_yaml(deck).encode("utf-8")
    if deck_bytes != payload:
        atomic_write(deck_path, payload)
        report.written = True
    new_entry = {
        "note": note_sha,
        "deck": _sha1(payload),
        "cards": {c.id: fingerprint(c) for c in cards},
        "count": report.cards,
        "unanswered": report.unanswered,
        "format": report.format,
        "name": deck.name,
        "source": source,
        "warnings": [w for w in report.warnings if not w.startswith("kept")],
    }
    return report, new_entry


#: Below this many notes the import runs in one process (starting workers costs more).
PARALLEL_FROM = 48


def run_import(
    notes: list[Path],
    out_dir: Path,
    *,
    dry_run: bool = False,
    force: bool = False,
    progress: Callable[[Path], None] | None = None,
    workers: int | None = None,
    roots: Iterable[Path] = (),
) -> list[FileReport]:
    """Import the note files (see `find_notes`) into `out_dir`; one report per note file.
    `roots` are the files and folders the notes were found in (sub-folders name decks and
    ids apart, see `deck_paths` and `id_namespace`).

    Large imports parse and write in parallel worker processes (one per core); each note is
    independent, and the record beside the decks is written once, by this process, at the end.
    The whole import holds the decks folder's writer lock (see `dlcards.locking`): another
    import, or a card saved from a study session, waits for it, so neither undoes the other.
    """
    if dry_run:
        return _run_import(notes, out_dir, True, force, progress, workers, roots)
    with folder_lock(out_dir, "the import"):
        return _run_import(notes, out_dir, False, force, progress, workers, roots)


def _run_import(
    notes: list[Path],
    out_dir: Path,
    dry_run: bool,
    force: bool,
    progress: Callable[[Path], None] | None,
    workers: int | None,
    roots: Iterable[Path],
) -> list[FileReport]:
    _resolved.cache_clear()  # a folder link may have changed since the last import
    record = Record(out_dir)
    folders = folders_within(notes, roots)
    targets = deck_paths(notes, out_dir, record, folders)
    if not dry_run:
        out_dir.mkdir(parents=True, exist_ok=True)
    jobs = [
        (note, targets[note], record.get(targets[note].name), id_namespace(note, folders[note]))
        for note in notes
    ]
    run = functools.partial(_job, out_dir=out_dir, dry_run=dry_run, force=force)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    reports: list[FileReport] = []

    def take(done: list[tuple[FileReport, dict | None]]) -> None:
        for report, entry in done:
            reports.append(report)
            if entry is not None and report.deck_path is not None:
                record.put(report.deck_path.name, entry)
            if progress:
                progress(report.note)

    try:
        if workers > 1 and len(jobs) >= PARALLEL_FROM:
            # small chunks: the last one runs alone while the other workers have finished
            size = max(1, min(16, len(jobs) // (workers * 8)))
            with worker_pool(workers) as pool:
                parts = [
                    pool.submit(_chunk, run, jobs[i : i + size]) for i in range(0, len(jobs), size)
                ]
                k = 0  # the parts taken in so far
                try:
                    while k < len(parts):
                        take(parts[k].result())
                        k += 1
                except KeyboardInterrupt:
                    # the workers (which ignore Ctrl-C) finish the notes they hold, the
                    # rest is cancelled, and what they wrote is taken in to be recorded
                    for part in parts[k:]:
                        part.cancel()
                    for part in parts[k:]:
                        if not part.cancelled():
                            with contextlib.suppress(Exception):
                                take(part.result())
                    raise
        else:
            for job in jobs:
                take([run(job)])
    except KeyboardInterrupt:
        # every deck written so far is on disk, so its record must be too, or the next
        # import would take it for a deck edited by hand
        if not dry_run and record.data:
            record.save()
        raise
    if not dry_run and record.data:
        record.save()
    return reports


def _chunk(
    run: Callable[[tuple], tuple[FileReport, dict | None]], jobs: list[tuple]
) -> list[tuple[FileReport, dict | None]]:
    """A worker's share: several notes, one after the other (fewer round trips)."""
    return [run(job) for job in jobs]


def _job(
    job: tuple[Path, Path, dict | None, str], *, out_dir: Path, dry_run: bool, force: bool
) -> tuple[FileReport, dict | None]:
    note, deck_path, entry, namespace = job
    return import_note(
        note, deck_path, out_dir, entry, dry_run=dry_run, force=force, namespace=namespace
    )
