"""`dlcards import FILE.apkg` / `FILE.colpkg`: an Anki collection moved in, history and all.

Decks: one YAML deck per Anki deck that has cards (the full name kept, `::` between levels,
as Anki writes it), in the decks folder like the decks of notes, written atomically and only
when their bytes change.  Fields are converted from HTML to Markdown by the converter HTML
notes go through, their images copied into `media/` as note images are.  Note types map to
card kinds by their structure, not their names (see `dlcards.anki.reader`): Cloze types are
cloze entries (a "Back Extra" field kept as a paragraph under the text, which both sides then
show), Basic-like types basic cards, and a type whose second card asks the other way round
(Basic and reversed, Basic optional reversed when the reverse card exists) a card with
`reverse: true`.  Any other note type becomes question = first field, answer = the rest,
counted in a warning.

Ids: an entry's id is a hash of its note's GUID, which Anki keeps across exports, so a later
export of the same collection lands on the same cards.  The decks are reconciled with what
is on disk like the decks of notes (`reconcile`): a hand edit in a deck is kept, a card
edited both in Anki and by hand stops the import for that deck unless `--force`.

Reviews: every revlog row that is a review (buttons 1-4; not Anki's manual reschedules)
of a card that has a dlcards counterpart goes into the review log, with its time and
duration (`Store.adopt_anki`).  Each such card's state is Anki's own at export: interval,
ease, due date, lapses, and suspension (held until unsuspended) or burial (held until
tomorrow), so `dlcards due` shows what Anki showed.  A card reviewed in dlcards after the
package's last review of it keeps its dlcards state.  Importing the same package again adds
no review and writes no deck.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from . import cloze, media
from .anki.reader import AnkiCard, AnkiNote, AnkiPackage, read_package
from .decks import Card, Deck, DeckError, reverse_id, study_cards
from .fsrs_scheduler import GRADE_OF
from .ids import fingerprint
from .import_record import Record
from .importer import FileReport, _sha1, finish_deck, parse_existing, read_existing
from .kinds import AnkiCardType, AnkiQueue, CardKind
from .locking import folder_lock
from .naming import slug
from .parse.html import fragment_to_markdown
from .reconcile import ImportProblem, merge_hand_edits
from .reviews import SUSPENDED_UNTIL, AdoptedReview, AdoptedState
from .scheduler import EF_START
from .sources import source_label
from .study_days import day_starts, study_day
from .workers import parallel_map

if TYPE_CHECKING:
    from .store import Store

#: The formats `dlcards import` reads as Anki packages, by file suffix.
PACKAGE_SUFFIXES = (".apkg", ".colpkg")
#: Anki's epoch-seconds learning due dates are above this; day numbers are far below.
_EPOCH_DUE = 1_000_000_000


def is_package(path: Path) -> bool:
    return path.suffix.lower() in PACKAGE_SUFFIXES and path.is_file()


@dataclass
class PackageReport:
    """What one package gave: a report per deck written, and the review figures."""

    package: Path
    decks: list[FileReport] = field(default_factory=list)
    reviews_read: int = 0
    reviews_added: int = 0
    states_set: int = 0
    warnings: list[str] = field(default_factory=list)


def import_package(
    package: Path,
    out_dir: Path,
    store: Store | None,
    *,
    force: bool = False,
    dry_run: bool = False,
    today: date | None = None,
) -> PackageReport:
    """Import `package` into the decks folder `out_dir` and (unless a dry run) `store`.
    `today`: the study day Anki's "today" is taken to be (the current one by default)."""
    report = PackageReport(package)
    with (
        tempfile.TemporaryDirectory(prefix="dlcards-anki-") as work,
        read_package(package, Path(work)) as pkg,
    ):
        if dry_run:
            _decks(pkg, out_dir, report, force, dry_run=True)
            return report
        with folder_lock(out_dir, "the import"):
            ids, questions = _decks(pkg, out_dir, report, force, dry_run=False)
        if store is not None:
            _history(pkg, ids, questions, store, report, today or study_day())
    return report


# -- decks -----------------------------------------------------------------------------------


def entry_id(guid: str) -> str:
    """A note's entry id: 12 hex digits of its GUID (Anki keeps GUIDs across exports)."""
    return hashlib.sha1(f"anki\n{guid}".encode()).hexdigest()[:12]


def _decks(
    pkg: AnkiPackage, out_dir: Path, report: PackageReport, force: bool, *, dry_run: bool
) -> tuple[dict[int, str], dict[str, str]]:
    """Write the decks; returns Anki card id -> dlcards study card id for every card that
    has a counterpart in a deck written (or, dry, that would be), and each such study card's
    question."""
    converted = _converted_fields(pkg.notes)
    cards_of: dict[int, list[AnkiCard]] = {}
    for c in pkg.cards:
        cards_of.setdefault(c.note_id, []).append(c)
    by_deck: dict[str, list[Card]] = {}
    ids: dict[int, tuple[str, str]] = {}  # Anki card id -> (entry id, study card id)
    other: Counter[str] = Counter()
    unmapped = empty = 0
    warnings: list[str] = []
    for note in pkg.notes:
        mine = sorted(cards_of.get(note.id, ()), key=lambda c: c.ord)
        if not mine:
            continue
        entry = _entry(note, mine, pkg, converted, out_dir, warnings, dry_run)
        if entry is None:
            empty += 1
            continue
        if not note.kind:
            other[note.notetype] += 1
        by_deck.setdefault(mine[0].deck, []).append(entry)
        for c in mine:
            study = _study_id(entry, c)
            if study is None:
                unmapped += 1
            else:
                ids[c.id] = (entry.id, study)
    if other:
        kinds = ", ".join(f"{name}: {n}" for name, n in sorted(other.items()))
        report.warnings.append(
            f"{sum(other.values())} notes of other note types ({kinds}) became question ="
            " first field, answer = the rest"
        )
    if empty:
        report.warnings.append(f"{empty} notes with an empty first field were left out")
    if unmapped:
        report.warnings.append(
            f"{unmapped} cards of those note types beyond their first have no dlcards card;"
            " their reviews were left out"
        )
    report.warnings.extend(dict.fromkeys(warnings))
    record = Record(out_dir)
    source = source_label(pkg.path, out_dir)
    taken: set[str] = set()
    kept: set[str] = set()
    questions: dict[str, str] = {}
    for name in sorted(by_deck):
        path = _deck_path(out_dir, name, taken)
        deck_report = _write_deck(path, name, source, by_deck[name], record, force, dry_run)
        report.decks.append(deck_report)
        if deck_report.error is None:
            kept.update(c.id for c in by_deck[name])
            questions.update((c.id, c.question) for c in study_cards(tuple(by_deck[name])))
    if not dry_run:
        record.save()
    return {anki_id: study for anki_id, (eid, study) in ids.items() if eid in kept}, questions


#: Fields converted per share of work handed to a worker process, and the fewest fields
#: worth starting workers for.
_FIELDS_PER_SHARE = 2_000
_PARALLEL_FROM = 20_000


def _convert_share(fields: list[str]) -> list[str]:
    return [fragment_to_markdown(f) for f in fields]


def _converted_fields(notes: tuple[AnkiNote, ...]) -> dict[str, str]:
    """Every distinct field of the notes as Markdown.  HTML to Markdown (BeautifulSoup and
    markdownify) costs about a fifth of a millisecond a field, most of a large import: past
    `_PARALLEL_FROM` fields the work is shared out over one process per core."""
    distinct = list(dict.fromkeys(f for n in notes for f in n.fields if f))
    workers = os.cpu_count() or 1
    if len(distinct) < _PARALLEL_FROM or workers < 2:
        return dict(zip(distinct, _convert_share(distinct)))
    shares = [
        distinct[i : i + _FIELDS_PER_SHARE] for i in range(0, len(distinct), _FIELDS_PER_SHARE)
    ]
    out: dict[str, str] = {}
    with parallel_map(_convert_share, shares, workers) as results:
        for share, converted in zip(shares, results):
            out.update(zip(share, converted))
    return out


def _md(html: str, pkg: AnkiPackage, out_dir: Path, warnings: list[str], dry: bool) -> str:
    """A field (converted ahead: `html`'s Markdown) with its images copied beside the decks."""
    text = html
    if media.has_images(text):
        text = media.collect(text, pkg.media_dir, out_dir, 0, warnings, write=not dry)
    return text


def _entry(
    note: AnkiNote,
    cards: list[AnkiCard],
    pkg: AnkiPackage,
    converted: dict[str, str],
    out_dir: Path,
    warnings: list[str],
    dry: bool,
) -> Card | None:
    def field_text(indexes: tuple[int, ...]) -> str:
        parts = [converted.get(note.fields[i], "") for i in indexes if i < len(note.fields)]
        texts = [_md(p, pkg, out_dir, warnings, dry) for p in parts]
        return "\n\n".join(t for t in texts if t.strip())

    eid = entry_id(note.guid)
    if note.kind == CardKind.CLOZE.value:
        text = field_text((0, *note.answers))
        return Card(eid, text, "", note.tags, None, CardKind.CLOZE.value) if text else None
    question = field_text(note.asks)
    if not question:
        return None
    answer = field_text(note.answers)
    both_ways = note.kind == CardKind.REVERSED.value and any(c.ord == 1 for c in cards)
    kind = CardKind.REVERSED.value if both_ways else CardKind.BASIC.value
    return Card(eid, question, answer, note.tags, None, kind)


def _study_id(entry: Card, card: AnkiCard) -> str | None:
    if entry.kind == CardKind.CLOZE.value:
        n = card.ord + 1
        return cloze.study_id(entry.id, n) if n in cloze.numbers(entry.question) else None
    if card.ord == 0:
        return entry.id
    if card.ord == 1 and entry.kind == CardKind.REVERSED.value and entry.answered:
        return reverse_id(entry.id)
    return None


def _deck_path(out_dir: Path, name: str, taken: set[str]) -> Path:
    """`Spanish::Verbs` -> `spanish-verbs.yaml`; two decks of one slug set apart by number."""
    stem = slug(name.replace("::", "-"))
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    taken.add(candidate)
    return out_dir / f"{candidate}.yaml"


def _write_deck(
    path: Path,
    name: str,
    source: str,
    cards: list[Card],
    record: Record,
    force: bool,
    dry_run: bool,
) -> FileReport:
    report = FileReport(note=Path(source), deck_path=path, format="anki", deck_name=name)
    try:
        deck_bytes = read_existing(path)
        on_disk = parse_existing(deck_bytes, path)
    except DeckError as exc:
        report.error = str(exc)
        return report
    if on_disk is not None and on_disk.source != source and not force:
        report.error = (
            f"{path} holds the deck of {on_disk.source}, not replaced (--force replaces it)"
        )
        return report
    entry = record.get(path.name)
    try:
        merged, kept = merge_hand_edits(cards, on_disk, (entry or {}).get("cards"), force)
    except ImportProblem as exc:
        report.error = f"{path}: {exc}"
        return report
    report.warnings.extend(kept)
    deck = Deck(name, source, tuple(merged), path)
    payload = finish_deck(report, deck, path, deck_bytes, dry_run=dry_run)
    if payload is None:
        return report
    record.put(
        path.name,
        {
            "deck": _sha1(payload),
            "cards": {c.id: fingerprint(c) for c in cards},
            "count": report.cards,
            "unanswered": report.unanswered,
            "format": "anki",
            "name": name,
            "source": source,
            "warnings": [],
        },
    )
    return report


# -- history ---------------------------------------------------------------------------------


def _history(
    pkg: AnkiPackage,
    ids: dict[int, str],
    questions: dict[str, str],
    store: Store,
    report: PackageReport,
    today: date,
) -> None:
    reviews = []
    starts = day_starts()
    grades = {int(rating): int(grade) for rating, grade in GRADE_OF.items()}
    for r in pkg.reviews:
        study = ids.get(r.card_id)
        if study is None or not 1 <= r.ease <= 4:
            continue
        at = datetime.fromtimestamp(r.at_ms / 1000, tz=timezone.utc)
        reviews.append(
            AdoptedReview(
                study,
                at.isoformat(timespec="milliseconds"),
                study_day(at.astimezone(), starts),
                grades[r.ease],
                max(r.duration_ms, 0) or None,
                max(r.interval, 0),
                (r.factor // 10) or None,
                r.at_ms,
            )
        )
    report.reviews_read = len(reviews)
    states = [
        s._replace(question=questions.get(s.card_id))
        for c in pkg.cards
        if (s := _state(c, ids, pkg.today, today)) is not None
    ]
    report.reviews_added, report.states_set = store.adopt_anki(reviews, states)


def _state(
    card: AnkiCard, ids: dict[int, str], anki_today: int, today: date
) -> AdoptedState | None:
    """The card's Anki scheduling as a dlcards state, or None for a card that is new in Anki
    and neither suspended nor buried (it is new in dlcards too)."""
    study = ids.get(card.id)
    if study is None:
        return None
    held: date | None = None
    if card.queue == AnkiQueue.SUSPENDED:
        held = SUSPENDED_UNTIL
    elif card.queue in (AnkiQueue.SIBLING_BURIED, AnkiQueue.MANUALLY_BURIED):
        held = today + timedelta(days=1)  # Anki unburies at the next day
    if card.type == AnkiCardType.NEW:
        if held is None:
            return None
        return AdoptedState(study, 0, EF_START, 0, None, 0, held)
    if card.due > _EPOCH_DUE:  # in (re)learning, due at a moment of the day
        due = study_day(datetime.fromtimestamp(card.due))
    else:
        due = today + timedelta(days=card.due - anki_today)
    review = card.type == AnkiCardType.REVIEW
    repetitions = 2 if review and card.interval >= 6 else (1 if review else 0)
    ef = (card.factor // 10) or EF_START
    return AdoptedState(study, repetitions, ef, max(card.interval, 0), due, card.lapses, held)
