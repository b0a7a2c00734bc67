"""The commands: each reads its arguments, calls the UI-free core and prints its report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import cloze
from ..display import visible
from ..locations import BUNDLED_DECKS, EXPORT_CLOCK, default_db
from .console import (
    RICH_TABLE_ROWS,
    UNANSWERED_LISTED,
    _err,
    _out,
    _plain_table,
    shorten,
)

if TYPE_CHECKING:
    from ..decks import Deck
    from ..store import Store


class UserError(Exception):
    """An error the user can fix; printed as one line, exit code 1."""


def decks_dir(arg: str | None) -> Path:
    """--decks, else ./decks when it holds decks, else the decks bundled with the package."""
    if arg:
        path = Path(arg)
        if not path.is_dir():
            raise UserError(f"{path}: no such decks folder")
        return path
    local = Path("decks")
    if local.is_dir() and any(local.glob("*.yaml")):
        return local
    return BUNDLED_DECKS


def db_path(arg: str | None) -> Path:
    """--db, else $DLCARDS_DB, else reviews.sqlite3 in the platform's user data folder."""
    return Path(arg) if arg else default_db()


def open_store(arg: str | None) -> Store:
    """The review store `--db` names; a file that cannot be used is a one-line UserError."""
    from ..store import Store, StoreError

    try:
        return Store(db_path(arg))
    except StoreError as exc:
        raise UserError(str(exc)) from None


# -- import ------------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from ..anki_import import is_package
    from ..importer import run_import
    from ..sources import find_notes

    paths = [Path(p) for p in args.paths]
    for p in paths:
        if not p.exists():
            raise UserError(f"{p}: no such file or folder")
    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"{out_dir}: exists and is not a folder")
    console, err = _out(), _err()
    packages = [p for p in paths if is_package(p)]
    paths = [p for p in paths if p not in packages]
    failed = _import_packages(args, packages, out_dir, console, err) if packages else 0
    if not paths:
        return failed
    notes = find_notes(paths)
    if not notes:
        raise UserError(f"no note files found in {', '.join(str(p) for p in paths)}")
    if console.is_terminal and len(notes) >= 10:
        from rich.progress import Progress

        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("Importing notes", total=len(notes))
            reports = run_import(
                notes,
                out_dir,
                dry_run=args.dry_run,
                force=args.force,
                progress=lambda _p: bar.advance(task),
                roots=paths,
            )
    else:
        reports = run_import(notes, out_dir, dry_run=args.dry_run, force=args.force, roots=paths)

    if args.dry_run:
        _print_dry_run(console, reports)
    return _print_import(console, err, reports, out_dir, dry_run=args.dry_run) or failed


def _import_packages(
    args: argparse.Namespace, packages: list[Path], out_dir: Path, console: Console, err: Console
) -> int:
    """Anki packages: their decks, and their review history into the review database."""
    from ..anki.reader import AnkiReadError
    from ..anki_import import import_package
    from ..store import StoreBusy

    failed = 0
    store = None if args.dry_run else open_store(args.db)
    try:
        for package in packages:
            try:
                report = import_package(
                    package, out_dir, store, force=args.force, dry_run=args.dry_run
                )
            except AnkiReadError as exc:
                raise UserError(str(exc)) from None
            except StoreBusy as exc:
                raise UserError(f"{exc}; the decks were written, the reviews were not") from None
            if args.dry_run:
                _print_dry_run(console, report.decks)
            failed |= _print_import(
                console, err, report.decks, out_dir, dry_run=args.dry_run,
                what=f"Anki decks from {package.name}",
            )  # fmt: skip
            for w in report.warnings:
                err.print(f"dlcards: warning: {package}: {w}", markup=False, highlight=False)
            if not args.dry_run:
                console.print(
                    f"{package.name}: {report.reviews_added} of {report.reviews_read} reviews"
                    f" added to {store.path if store else ''}; {report.states_set} card states"
                    " taken from Anki",
                    markup=False,
                    highlight=False,
                )
    finally:
        if store is not None:
            store.close()
    return failed


def _print_import(
    console: Console,
    err: Console,
    reports: list,
    out_dir: Path,
    *,
    dry_run: bool = False,
    what: str = "note files",
) -> int:
    """The import's table and summary on `console`, errors and warnings on `err`; 1 when a
    note could not be imported."""
    header = ["note", "format", "cards", "unanswered", "deck", "notes"]
    rows = []
    for r in reports:
        deck = r.deck_path.name if r.deck_path is not None and r.deck_name else ""
        if deck and not dry_run and not r.written:
            deck += " (unchanged)"
        status = r.error or "; ".join(r.warnings)
        rows.append(
            [str(r.note), r.format or "-", str(r.cards), str(len(r.unanswered)), deck, status]
        )
    failed = sum(1 for r in reports if r.error)
    total = sum(r.cards for r in reports)
    unanswered = sum(len(r.unanswered) for r in reports)
    if dry_run:
        verb, written = "would write", sum(1 for r in reports if r.deck_name)
    else:
        verb, written = "wrote", sum(1 for r in reports if r.written)
    summary = (
        f"{len(reports)} {what}, {total} cards ({unanswered} without an answer); "
        f"{verb} {written} decks to {out_dir}"
    )
    title = "dry run: nothing written" if dry_run else "Import"
    if len(rows) > RICH_TABLE_ROWS:  # a Rich table of thousands of rows takes seconds
        footer = ["total", "", str(total), str(unanswered), "", ""]
        _plain_table(title, header, rows, footer, console.file)
    else:
        table = Table(title=title, show_edge=False)
        for col in header:
            table.add_column(col, justify="right" if col in ("cards", "unanswered") else "left")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    console.print(summary)
    if unanswered and not dry_run:
        console.print(
            "Cards without an answer (fill them in the deck file; study and export skip them):"
        )
        listed = [
            (r.deck_path.name if r.deck_path else str(r.note), q)
            for r in reports
            for q in r.unanswered
        ]
        for deck_file, q in listed[:UNANSWERED_LISTED]:
            console.print(f"  {deck_file}: {shorten(q)}", markup=False)
        if len(listed) > UNANSWERED_LISTED:
            console.print(
                f"  … and {len(listed) - UNANSWERED_LISTED} more "
                "(`dlcards due` counts them per deck)"
            )
    for r in reports:
        if r.error:
            err.print(f"dlcards: error: {r.note}: {r.error}")
        for w in r.warnings:
            if not w.startswith(("kept", "card ")):
                err.print(f"dlcards: warning: {r.note}: {w}")
    return 1 if failed else 0


def _print_dry_run(console: Console, reports: list) -> None:
    for r in reports:
        if not r.deck or not r.parsed:
            continue

        head = Text()
        head.append(visible(r.deck.name), style="bold")
        head.append(
            f" ({visible(str(r.note))}) read as {r.parsed.container}, cards marked as {r.format}"
        )
        console.print(head)
        sections = r.parsed.sections
        for section, style, count in sections:
            line = Text("  section ")
            if section:
                line.append(visible(repr(section)))
            else:
                line.append("(whole file)" if len(sections) == 1 else "(before the first heading)")
            line.append(f": {count} card{'s' if count != 1 else ''} by {style}")
            console.print(line)
        for card in r.deck.cards:
            if card.kind == "cloze":
                count = len(cloze.numbers(card.question))
                console.print(
                    f"  {card.line or '-':>4}  cloze ({count} card{'s' if count != 1 else ''}):"
                    f" {shorten(card.question)}",
                    markup=False,
                )
                continue
            answer = shorten(card.answer.splitlines()[0]) if card.answer else "(no answer)"
            more = " …" if card.answer.count("\n") else ""
            console.print(
                f"  {card.line or '-':>4}  Q: {shorten(card.question)}\n        A: {answer}{more}",
                markup=False,
            )
        doubtful = sorted((c for c in r.parsed.cards if c.doubt >= 0.5), key=lambda c: -c.doubt)
        if doubtful:
            console.print("  least sure of (question inferred from the file's rhythm):")
            for c in doubtful[:8]:
                console.print(
                    f"    line {c.line}: {shorten(c.question)!r} (doubt {c.doubt:.2f})",
                    markup=False,
                )


# -- due and stats -------------------------------------------------------------------------------


def import_named_notes(args: argparse.Namespace) -> None:
    """`dlcards study notes/` (and `due`, `export`): an argument naming a note file or folder
    instead of a deck is imported first (unchanged notes are skipped, as `dlcards import`
    skips them) into `--decks` (default ./decks), and the decks it gives are the ones
    chosen.  The import's table goes to stderr, and only when something changed, so a
    `due --json` stays clean; a note that cannot be imported (a hand edit and a note edit of
    the same card) stops the command with the import's own message before anything else."""
    names = getattr(args, "deck", None) or []
    out_dir = Path(args.decks_dir or "decks")
    inside = out_dir.resolve()
    paths: list[Path] = []
    kept: list[str] = []
    for name in names:
        path = Path(name)
        where = path.resolve()
        if path.exists() and inside not in (where, *where.parents):
            paths.append(path)
        else:
            kept.append(name)  # a deck's name (or the decks folder itself)
    if not paths:
        return
    from ..importer import run_import
    from ..sources import find_notes

    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"{out_dir}: exists and is not a folder")
    notes = find_notes(paths)
    if not notes:
        raise UserError(f"no note files found in {', '.join(str(p) for p in paths)}")
    reports = run_import(notes, out_dir, roots=paths)
    changed = [r for r in reports if r.written or r.error]
    if changed:
        err = _err()
        if _print_import(err, err, changed, out_dir):
            raise UserError("the notes were not imported (see above); nothing else was done")
    args.deck = kept + [r.deck_path.stem for r in reports if r.deck_path and r.deck_name]
    args.decks_dir = str(out_dir)


def open_collection(args: argparse.Namespace):
    """Load the chosen decks, open the review store, and fix today's study day (after
    importing any notes named instead of decks: `import_named_notes`)."""
    from ..collection import load_decks
    from ..study_days import ClockError, today

    import_named_notes(args)
    folder = decks_dir(args.decks_dir)
    decks = load_decks(folder, getattr(args, "deck", []) or [])
    try:
        day = today(args.today)
    except ClockError as exc:
        raise UserError(str(exc)) from None
    store = open_store(args.db)
    try:
        _choose_scheduler(args, store)
    except BaseException:
        store.close()
        raise
    return decks, store, day


def _choose_scheduler(args: argparse.Namespace, store: Store) -> None:
    """Switch the collection's scheduler (or FSRS's retention) when the command asks for a
    change: `--scheduler`, else $DLCARDS_SCHEDULER; the choice is kept in the database."""
    import os

    from ..locations import SCHEDULER_ENV

    asked = getattr(args, "scheduler", None) or os.environ.get(SCHEDULER_ENV) or None
    retention = getattr(args, "retention", None)
    options = ("learning_steps", "relearning_steps")
    if asked is None and retention is None and all(getattr(args, o, None) is None for o in options):
        return  # most commands: nothing asked, nothing read (a warm `due` stays as it was)

    from ..fsrs_scheduler import FsrsMissing, engine_module, parse_steps
    from ..kinds import SchedulerKind

    if asked is not None and asked not in ("sm2", "fsrs"):
        raise UserError(f"${SCHEDULER_ENV}={asked!r}: expected sm2 or fsrs")
    steps = {}
    for option, key in (
        ("learning_steps", "--learning-steps"),
        ("relearning_steps", "--relearning-steps"),
    ):
        text = getattr(args, option, None)
        if text is not None:
            try:
                steps[option] = parse_steps(text)
            except ValueError as exc:
                raise UserError(f"{key}: {exc}") from None
    kind = SchedulerKind(asked) if asked else store.scheduler
    now = store.fsrs_settings()
    unchanged = (retention is None or retention == now.retention) and all(
        getattr(now, option) == value for option, value in steps.items()
    )
    if kind == store.scheduler and unchanged:
        return
    if kind == SchedulerKind.FSRS:
        try:
            engine_module()
        except FsrsMissing as exc:
            raise UserError(str(exc)) from None
    n = store.set_scheduler(
        kind,
        retention,
        learning_steps=steps.get("learning_steps"),
        relearning_steps=steps.get("relearning_steps"),
    )
    what = "FSRS" if kind == SchedulerKind.FSRS else "SM-2"
    _err().print(
        f"dlcards: scheduling with {what} from now on ({n} cards' due dates computed from the"
        " review log)",
        markup=False,
        highlight=False,
    )


def _limits(args: argparse.Namespace):
    from ..queue import Limits

    return Limits(new_per_day=args.new, reviews_per_day=args.limit)


def cmd_due(args: argparse.Namespace) -> int:
    import json

    from .. import queue

    decks, store, day = open_collection(args)
    limits = _limits(args)
    with store:
        states = store.states()
        done = store.day_counts(day)
        rows = queue.counts(
            decks,
            states,
            day,
            failed_today=store.failed_on(day),
            done_today=done,
            limits=limits,
        )
    totals = {
        k: sum(getattr(r, k) for r in rows) for k in ("relearn", "review", "total", "unanswered")
    }
    # the daily limits are shared by all decks: the total is capped, not the sum of the rows
    new_left, reviews_left = limits.left(done)
    totals["new"] = min(sum(r.new for r in rows), new_left)
    totals["review"] = min(totals["review"], reviews_left)
    if args.json:
        data = {
            "today": day.isoformat(),
            "decks": [
                {
                    "deck": r.deck,
                    "new": r.new,
                    "relearn": r.relearn,
                    "review": r.review,
                    "total": r.total,
                    "unanswered": r.unanswered,
                    "next_due": r.next_due.isoformat() if r.next_due else None,
                }
                for r in rows
            ],
            "total": totals,
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if len(rows) > RICH_TABLE_ROWS:
        cols = ("new", "relearn", "review", "total", "unanswered")
        body = [[r.deck, *(str(getattr(r, c)) for c in cols)] for r in rows]
        _plain_table(
            f"Due on {day.isoformat()}",
            ["deck", *cols],
            body,
            ["total", *(str(totals[c]) for c in cols)],
        )
        return 0
    table = Table(title=f"Due on {day.isoformat()}", show_footer=True)
    table.add_column("deck", footer="total")
    for col, style in (
        ("new", "blue"),
        ("relearn", "red"),
        ("review", "green"),
        ("total", ""),
        ("unanswered", "dim"),
    ):
        table.add_column(col, justify="right", style=style or None, footer=str(totals[col]))
    for r in rows:
        table.add_row(
            r.deck, str(r.new), str(r.relearn), str(r.review), str(r.total), str(r.unanswered)
        )
    _out().print(table)
    return 0


def cmd_study(args: argparse.Namespace) -> int:
    from ..tui.app import StudyApp

    decks, store, day = open_collection(args)
    theme = {"dark": "textual-dark", "light": "textual-light"}.get(args.theme or "")
    with store:
        if not any(d.study_cards for d in decks):
            raise UserError("the chosen decks hold no cards; run dlcards import first")
        _pictures_if_any(decks, off=args.no_images)
        app = StudyApp(
            decks,
            store,
            day,
            limits=_limits(args),
            cram=args.cram,
            choose=not (args.deck or args.all),
            order=args.order,
            theme=theme,
        )
        app.run()
    if app.error is not None:  # a damaged database, a full disk: said in one line by main
        from ..store import StoreError

        if isinstance(app.error, StoreError):
            raise UserError(str(app.error))
        raise app.error
    # 0 when the session ended normally; Textual's 1 after a crash (its traceback shown),
    # 128 + N after signal N (see StudyApp.on_mount)
    return app.return_code or 0


def _pictures_if_any(decks: list[Deck], *, off: bool) -> None:
    """Load the terminal-graphics part before the app starts, and only for a session with a
    picture it can draw, a file of `media/` (it queries the terminal: see `tui.pictures`;
    a remote image is shown as its alt text and costs nothing)."""
    from .. import media
    from ..tui import pictures

    if not pictures.wanted(off):
        return
    if any(media.referenced(f"{c.question}\n{c.answer}") for d in decks for c in d.study_cards):
        pictures.enable()


def cmd_export(args: argparse.Namespace) -> int:
    from ..anki import export_package, next_mod_time
    from ..kinds import SchedulerKind

    out = Path(args.output)
    if out.suffix.lower() != ".apkg":
        raise UserError(f"{out}: the output file must end in .apkg")
    if out.exists() and out.is_dir():
        raise UserError(f"{out}: is a folder")
    decks, store, _ = open_collection(args)
    with store:
        states = store.states() if args.with_progress else None
        if states is not None and store.scheduler == SchedulerKind.FSRS:
            memory = store.anki_memory()  # Anki's FSRS goes on from dlcards' memory states
            states = {k: v._replace(memory=memory.get(k, "")) for k, v in states.items()}
        db_file = store.path
    parent = None if args.no_parent else args.parent
    mod = next_mod_time(db_file.parent / EXPORT_CLOCK)
    console = _out()
    total = sum(len(d.study_cards) for d in decks)
    if console.is_terminal and total >= 5000:
        from rich.progress import Progress

        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("Exporting", total=total)
            result = export_package(
                decks,
                out,
                parent=parent,
                mod_time=mod,
                states=states,
                progress=lambda n: bar.advance(task, n),
            )
    else:
        result = export_package(decks, out, parent=parent, mod_time=mod, states=states)
    extra = f", {result.with_progress} with their schedule" if args.with_progress else ""
    console.print(
        f"Exported {result.decks} decks, {result.notes} notes to {out}{extra}; "
        f"skipped {result.skipped} cards without an answer."
    )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    import json

    from ..kinds import SchedulerKind
    from ..stats import summarise

    decks, store, day = open_collection(args)
    with store:
        log = store.log()
        data = summarise(decks, store.states(), log, day, weeks=args.weeks)
        data["scheduler"] = store.scheduler.value
        if store.scheduler == SchedulerKind.FSRS:
            from ..stats import fsrs_figures

            ids = {c.id for d in decks for c in d.study_cards}
            data["fsrs"] = fsrs_figures([e for e in log if e.card_id in ids], store.fsrs_settings())
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    from .stats_view import render

    _out().print(render(data))
    return 0


# -- argument parsing ----------------------------------------------------------------------------


# -- the review log as CSV ------------------------------------------------------------------------


def cmd_log(args: argparse.Namespace) -> int:
    """`dlcards log export|import FILE.csv`: see `dlcards.revlog_csv`."""
    from ..fsrs_scheduler import GRADE_OF, Rating
    from ..revlog_csv import (
        RevlogError,
        read_csv,
        rows_of,
        study_day_of,
        write_csv,
    )
    from ..store import StoreError

    path = Path(args.file)
    console = _out()
    if args.action == "import":
        try:
            rows = read_csv(path)  # every row checked before anything is written
        except RevlogError as exc:
            raise UserError(str(exc)) from None
    store = open_store(args.db)
    with store:
        if args.action == "export":
            try:
                n = write_csv(path, rows_of(store.log_rows()))
            except OSError as exc:
                raise UserError(f"{path}: cannot write ({exc.strerror or exc})") from None
            console.print(f"wrote {n} reviews to {path}", markup=False, highlight=False)
            return 0
        reviews = [
            (
                r.card_id,
                r.moment.isoformat(timespec="milliseconds"),
                study_day_of(r),
                int(GRADE_OF[Rating(r.rating)]),
                r.duration,
            )
            for r in rows
        ]
        try:
            added = store.import_reviews(reviews)
        except StoreError as exc:
            raise UserError(str(exc)) from None
    console.print(
        f"{added} reviews added from {path}, {len(rows) - added} already in the log",
        markup=False,
        highlight=False,
    )
    return 0


# -- optimize ------------------------------------------------------------------------------------


def cmd_optimize(args: argparse.Namespace) -> int:
    """`dlcards optimize`: fit FSRS's parameters, score them on later reviews, keep the better."""
    from ..fsrs_scheduler import FsrsMissing
    from ..optimizer import SETTING, TooSmall, fit

    console = _out()
    store = open_store(args.db)
    with store:
        try:
            result = fit(store.log())
        except FsrsMissing as exc:
            raise UserError(str(exc)) from None
        except TooSmall as exc:
            console.print(f"{exc}; nothing changed", markup=False, highlight=False)
            return 0
        table = Table(
            title=(
                f"FSRS parameters: fitted on {result.train_items} predictions, scored on the "
                f"latest {result.test_items} ({result.reviews} reviews)"
            ),
            show_edge=False,
        )
        for col in ("parameters", "log loss", "RMSE (bins)"):
            table.add_column(col, justify="left" if col == "parameters" else "right")
        table.add_row("default", f"{result.default.log_loss:.4f}", f"{result.default.rmse:.4f}")
        table.add_row("fitted", f"{result.fitted.log_loss:.4f}", f"{result.fitted.rmse:.4f}")
        console.print(table)
        if result.better:
            store.set_setting(SETTING, list(result.parameters))
            console.print("kept the fitted parameters: they predict your later reviews better")
        else:
            console.print("kept the previous parameters: the fitted ones predict no better")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from ..store import StoreBusy
    from ..sync import SyncError, sync

    with open_store(args.db) as store:
        try:
            report = sync(store, Path(args.folder))
        except (SyncError, StoreBusy) as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(f"{args.folder}: cannot write ({exc.strerror or exc})") from None
    err = _err()
    for w in report.warnings:
        err.print(f"dlcards: warning: {w}", markup=False, highlight=False)
    others = [d for d in report.devices if d != report.device]
    _out().print(
        f"{report.device}: sent {report.sent} reviews"
        + (f" and {report.undone} undos" if report.undone else "")
        + f", received {report.received}"
        + (f", dropped {report.removed} undone elsewhere" if report.removed else "")
        + f" from {len(others)} other device{'s' if len(others) != 1 else ''}"
        + (f" ({', '.join(others)})" if others else "")
        + f"; {report.cards} cards brought up to date",
        markup=False,
        highlight=False,
    )
    return 0


def cmd_orphans(args: argparse.Namespace) -> int:
    """Cards with history that are in no deck: listed by their last question; one that came
    back under another id (its question in a deck again, on a card with no history) gets its
    history back; `--purge` removes the rest, after confirmation."""
    import sys

    from ..collection import load_decks
    from ..ids import normalise

    folder = decks_dir(args.decks_dir)
    decks = load_decks(folder)
    if not decks:
        raise UserError(f"{folder}: no decks; every card would look orphaned")
    cards = {c.id: c for d in decks for c in d.study_cards}
    console = _out()
    with open_store(args.db) as store:
        store.note_questions((cid, c.question) for cid, c in cards.items())
        found = store.orphans(cards)
        with_history = {cid for cid in store.states() if cid in cards}
        by_text: dict[str, list[str]] = {}
        for cid, c in cards.items():
            by_text.setdefault(normalise(c.question), []).append(cid)
        left = []
        for o in found:
            free = [
                cid
                for cid in by_text.get(normalise(o.question or ""), [])
                if o.question and cid not in with_history
            ]
            if len(free) == 1:  # one card, with no history of its own: it came back
                store.move_history(o.card_id, free[0])
                with_history.add(free[0])
                console.print(
                    f"came back: {shorten(visible(o.question or ''))} ({o.reviews} reviews,"
                    f" now card {free[0]})",
                    markup=False,
                    highlight=False,
                )
            else:
                left.append(o)
        if not left:
            console.print(f"No orphans: every card with history is in a deck of {folder}.")
            return 0
        table = Table(title=f"Cards with history that are in no deck of {folder}")
        for col in ("card", "last question", "reviews", "last review"):
            table.add_column(col, justify="right" if col == "reviews" else "left")
        for o in left:
            question = shorten(visible(o.question)) if o.question else "(never studied here)"
            table.add_row(Text(o.card_id), Text(question), str(o.reviews), o.last_review[:10])
        console.print(table)
        if not args.purge:
            console.print(
                f"{len(left)} orphans; `dlcards orphans --purge` removes their history",
                markup=False,
            )
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError("--purge asks before removing; run it in a terminal or add --yes")
            answer = input(f"Remove the history of these {len(left)} cards for good? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                console.print("Nothing removed.")
                return 0
        removed = store.purge(o.card_id for o in left)
    console.print(f"Removed {removed} reviews of {len(left)} cards.", markup=False)
    return 0
