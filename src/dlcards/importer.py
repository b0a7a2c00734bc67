"""`dlcards import`: note files -> deck files, keeping ids and the user's hand edits.

Reading is forgiving (a binary file is skipped, a non-UTF-8 file decoded with a warning) and
writing is careful: each deck is written atomically and only when its bytes change, and a
deck the user edited by hand is merged, not overwritten (`reconcile`).  Where notes come
from is `sources`'s, what their decks are called `naming`'s, what the last import did
`import_record`'s.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import media
from .decks import Deck, DeckError, atomic_write, deck_to_yaml, parse_deck
from .ids import assign_ids, fingerprint
from .import_record import Record
from .locking import folder_lock
from .naming import deck_paths, id_namespace, tag_for
from .parse import NoteError, ParsedNote, is_binary, parse_note
from .parse.model import RawCard
from .reconcile import ImportProblem, merge_hand_edits
from .sources import (
    MAX_NOTE_BYTES,
    _file_kind,
    _resolved,
    absolute_folder,
    decode,
    folders_within,
    source_label,
)
from .workers import parallel_map


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


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def import_note(
    note: Path,
    deck_path: Path,
    out_dir: Path,
    entry: dict | None,
    *,
    dry_run: bool = False,
    force: bool = False,
    namespace: str | None = None,
    root: Path | None = None,
) -> tuple[FileReport, dict | None]:
    """Parse one note and write (or, dry, just build) its deck.  `namespace`: what new card
    ids are hashed with (see `id_namespace`; the note's tag by default).  `root`: the folder
    the note was found in, where an image it names by file name alone is looked for (an
    Obsidian vault keeps attachments anywhere in it).

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
        deck_bytes = read_existing(deck_path)
    except DeckError as exc:
        report.error = str(exc)
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
    try:
        on_disk = parse_existing(deck_bytes, deck_path)
    except DeckError as exc:
        report.error = str(exc)
        return report, None
    tag = tag_for(note)
    raw_cards = parsed.cards
    if any(media.has_images(c.question) or media.has_images(c.answer) for c in raw_cards):
        raw_cards = _with_media(raw_cards, note, out_dir, report, dry_run, root)
    remembered = (entry or {}).get("cards")
    cards = assign_ids(
        raw_cards, on_disk.cards if on_disk else (), namespace or tag, (tag,), remembered
    )
    try:
        merged, kept = merge_hand_edits(cards, on_disk, (entry or {}).get("cards"), force)
    except ImportProblem as exc:
        report.error = f"{deck_path}: {exc}"
        return report, None
    report.warnings.extend(kept)
    source = source_label(note, out_dir)
    deck = Deck(parsed.name, source, tuple(merged), deck_path)
    if dry_run:
        report.parsed = parsed
    payload = finish_deck(report, deck, deck_path, deck_bytes, dry_run=dry_run)
    if payload is None:
        return report, None
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


def read_existing(path: Path) -> bytes | None:
    """The bytes of the deck file at `path`, None when there is none; a DeckError saying so
    when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DeckError(f"cannot read existing deck {path} ({exc.strerror or exc})") from None


def parse_existing(data: bytes | None, path: Path) -> Deck | None:
    """The deck file read by `read_existing`, parsed (None when there is none, or it is
    empty: a crash before its first write finished); a DeckError when it is not a deck."""
    if not data:
        return None
    try:
        return parse_deck(data.decode("utf-8", errors="strict"), path)
    except (DeckError, UnicodeDecodeError) as exc:
        raise DeckError(f"existing deck not replaced: {exc}") from None


def finish_deck(
    report: FileReport, deck: Deck, path: Path, deck_bytes: bytes | None, *, dry_run: bool
) -> bytes | None:
    """Report the deck's figures and write it to `path` (which held `deck_bytes`) when its
    bytes changed, atomically; returns what the file holds now, or None on a dry run (the
    deck kept in the report instead)."""
    report.deck_name = deck.name
    report.cards = len(deck.study_cards)
    report.unanswered = [c.question for c in deck.cards if not c.answered]
    if dry_run:
        report.deck = deck
        return None
    payload = deck_to_yaml(deck).encode("utf-8")
    if deck_bytes != payload:
        atomic_write(path, payload)
        report.written = True
    return payload


def _with_media(
    cards: tuple[RawCard, ...],
    note: Path,
    out_dir: Path,
    report: FileReport,
    dry_run: bool,
    root: Path | None = None,
) -> tuple[RawCard, ...]:
    """The cards with their local images copied beside the decks (see `dlcards.media`); a dry
    run shows where they would go and copies nothing."""
    out = []
    for c in cards:
        warnings: list[str] = []
        q, a = (
            media.collect(text, note.parent, out_dir, c.line, warnings, root, write=not dry_run)
            for text in (c.question, c.answer)
        )
        out.append(c._replace(question=q, answer=a))
        report.warnings.extend(dict.fromkeys(warnings))
    return tuple(out)


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
    absolute_folder.cache_clear()  # (and the working directory)
    record = Record(out_dir)
    folders = folders_within(notes, roots)
    targets = deck_paths(notes, out_dir, record, folders)
    if not dry_run:
        out_dir.mkdir(parents=True, exist_ok=True)
    jobs = [
        (
            note,
            targets[note],
            record.get(targets[note].name),
            id_namespace(note, folders[note]),
            _root_of(note, folders[note]),
        )
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
            with parallel_map(run, jobs, workers, chunk=size) as done:
                try:
                    for one in done:
                        take([one])
                except KeyboardInterrupt:
                    # the workers finish the notes they hold, the rest is cancelled, and what
                    # they wrote is taken in to be recorded
                    take(list(done.rest_after_interrupt()))
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


def _root_of(note: Path, folders: tuple[str, ...]) -> Path:
    """The imported folder a note was found in (its own folder for a note given itself)."""
    parent = absolute_folder(note.parent)
    return parent.parents[len(folders) - 1] if folders else parent


def _job(
    job: tuple[Path, Path, dict | None, str, Path],
    *,
    out_dir: Path,
    dry_run: bool,
    force: bool,
) -> tuple[FileReport, dict | None]:
    note, deck_path, entry, namespace, root = job
    return import_note(
        note,
        deck_path,
        out_dir,
        entry,
        dry_run=dry_run,
        force=force,
        namespace=namespace,
        root=root,
    )
