"""The `dlcards` command line: argument parsing and printing over the UI-free core.

Exit codes: 0 success, 1 a user error (one line on stderr, no traceback), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__, cloze
from .decks import DeckError
from .display import visible
from .locations import BUNDLED_DECKS, EXPORT_CLOCK, default_db


class UserError(Exception):
    """An error the user can fix; printed as one line, exit code 1."""


class SafeConsole(Console):
    """A console for text that comes from notes, decks and file names: no string it prints
    is read as Rich markup (a deck named "Regex [/x]" is shown as named), and every string
    is rendered through `display.visible`, so control characters are shown, not obeyed.
    Rich renders every string it is given (a printed one, a table cell, a title) through
    `render_str`: this is the one place that needs it."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, highlight=False, soft_wrap=True, **kwargs)  # type: ignore[arg-type]

    def render_str(self, text: str, **kwargs: object) -> Text:
        return super().render_str(visible(text), **kwargs)  # type: ignore[arg-type]


def _out() -> Console:
    return SafeConsole()


def _err() -> Console:
    return SafeConsole(stderr=True)


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


# -- import ------------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from .importer import find_notes, run_import

    paths = [Path(p) for p in args.paths]
    for p in paths:
        if not p.exists():
            raise UserError(f"{p}: no such file or folder")
    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"{out_dir}: exists and is not a folder")
    console, err = _out(), _err()
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
    header = ["note", "format", "cards", "unanswered", "deck", "notes"]
    rows = []
    for r in reports:
        deck = r.deck_path.name if r.deck_path is not None and r.deck_name else ""
        if deck and not args.dry_run and not r.written:
            deck += " (unchanged)"
        status = r.error or "; ".join(r.warnings)
        rows.append(
            [str(r.note), r.format or "-", str(r.cards), str(len(r.unanswered)), deck, status]
        )
    failed = sum(1 for r in reports if r.error)
    total = sum(r.cards for r in reports)
    unanswered = sum(len(r.unanswered) for r in reports)
    if args.dry_run:
        verb, written = "would write", sum(1 for r in reports if r.deck_name)
    else:
        verb, written = "wrote", sum(1 for r in reports if r.written)
    summary = (
        f"{len(reports)} note files, {total} cards ({unanswered} without an answer); "
        f"{verb} {written} decks to {out_dir}"
    )
    title = "dry run: nothing written" if args.dry_run else "Import"
    if len(rows) > RICH_TABLE_ROWS:  # a Rich table of thousands of rows takes seconds
        _plain_table(title, header, rows, ["total", "", str(total), str(unanswered), "", ""])
    else:
        table = Table(title=title, show_edge=False)
        for col in header:
            table.add_column(col, justify="right" if col in ("cards", "unanswered") else "left")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    console.print(summary)
    if unanswered and not args.dry_run:
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


#: How many unanswered questions the import summary lists by name.
UNANSWERED_LISTED = 40
#: The most characters of a note's text a report prints on one line: a note may hold a
#: line of megabytes, which belongs in its deck, not on the terminal.
REPORT_CHARS = 160


def shorten(text: str, limit: int = REPORT_CHARS) -> str:
    """One line of at most `limit` characters, with '…' where text was cut."""
    line = " ".join(text[: 4 * limit].split())  # (a line of megabytes is not split whole)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _print_dry_run(console: Console, reports: list) -> None:
    for r in reports:
        if not r.deck or not r.parsed:
            continue
        from rich.text import Text

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


def open_collection(args: argparse.Namespace):
    """Load the chosen decks, open the review store, and fix today's study day."""
    from .clock import ClockError, today
    from .collection import load_decks
    from .store import Store, StoreError

    folder = decks_dir(args.decks_dir)
    decks = load_decks(folder, getattr(args, "deck", []) or [])
    try:
        day = today(args.today)
    except ClockError as exc:
        raise UserError(str(exc)) from None
    try:
        store = Store(db_path(args.db))
    except StoreError as exc:
        raise UserError(str(exc)) from None
    return decks, store, day


def _limits(args: argparse.Namespace):
    from .queue import Limits

    return Limits(new_per_day=args.new, reviews_per_day=args.limit)


def cmd_due(args: argparse.Namespace) -> int:
    import json

    from . import queue

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
    from .tui.app import StudyApp

    decks, store, day = open_collection(args)
    theme = {"dark": "textual-dark", "light": "textual-light"}.get(args.theme or "")
    with store:
        if not any(d.study_cards for d in decks):
            raise UserError("the chosen decks hold no cards; run dlcards import first")
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
        from .store import StoreError

        if isinstance(app.error, StoreError):
            raise UserError(str(app.error))
        raise app.error
    # 0 when the session ended normally; Textual's 1 after a crash (its traceback shown),
    # 128 + N after signal N (see StudyApp.on_mount)
    return app.return_code or 0


def cmd_export(args: argparse.Namespace) -> int:
    from .anki import export_package, next_mod_time

    out = Path(args.output)
    if out.suffix.lower() != ".apkg":
        raise UserError(f"{out}: the output file must end in .apkg")
    if out.exists() and out.is_dir():
        raise UserError(f"{out}: is a folder")
    decks, store, _ = open_collection(args)
    with store:
        states = store.states() if args.with_progress else None
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


#: Above this many rows a Rich table takes seconds to lay out; a plain one is printed instead.
RICH_TABLE_ROWS = 80


def _plain_table(title: str, header: list[str], rows: list[list[str]], footer: list[str]) -> None:
    """A fast, aligned text table (first column left, the others right)."""
    widths = [max(len(x[i]) for x in [header, footer, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:]))])

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    out = [title, line(header), rule, *(line(r) for r in rows), rule, line(footer)]
    sys.stdout.write(visible("\n".join(out)) + "\n")


def cmd_stats(args: argparse.Namespace) -> int:
    import json

    from .stats import summarise

    decks, store, day = open_collection(args)
    with store:
        data = summarise(decks, store.states(), store.log(), day, weeks=args.weeks)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    from .stats_view import render

    _out().print(render(data))
    return 0


# -- argument parsing ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlcards",
        description="Flashcards with SM-2 spaced repetition, built from your own study notes.",
    )
    parser.add_argument("--version", action="version", version=f"dlcards {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("import", help="turn note files or folders into YAML decks")
    p.add_argument("paths", nargs="+", metavar="PATH", help="note files or folders (recursive)")
    p.add_argument("--out", default="decks", help="folder for the deck files (default: decks/)")
    p.add_argument("--dry-run", action="store_true", help="show the cards, write nothing")
    p.add_argument(
        "--force",
        action="store_true",
        help="when a card was edited both in its deck and in the notes, take the notes",
    )
    p.set_defaults(func=cmd_import)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "deck", nargs="*", metavar="DECK", help="deck names or file stems (default: all decks)"
    )
    common.add_argument(
        "--decks",
        dest="decks_dir",
        metavar="DIR",
        help="decks folder (default: ./decks, else the bundled decks)",
    )
    common.add_argument(
        "--db",
        metavar="FILE",
        help="review database (default: $DLCARDS_DB or the user data folder)",
    )
    common.add_argument("--today", metavar="YYYY-MM-DD", help="study as if it were this day")
    limits = argparse.ArgumentParser(add_help=False)
    limits.add_argument(
        "--new", type=_count, default=20, metavar="N", help="new cards per day (default 20)"
    )
    limits.add_argument(
        "--limit", type=_count, default=200, metavar="N", help="reviews per day (default 200)"
    )

    p = sub.add_parser("study", parents=[common, limits], help="study in the terminal (Textual)")
    p.add_argument(
        "--cram", action="store_true", help="review cards that are not due yet; changes no schedule"
    )
    p.add_argument(
        "--order",
        choices=("reviews-first", "mixed"),
        default="reviews-first",
        help="reviews then new cards (default), or new cards spread among reviews",
    )
    p.add_argument("--theme", choices=("dark", "light"), help="colour theme (default: dark)")
    p.add_argument(
        "--all", action="store_true", help="study every deck at once, without the deck list"
    )
    p.set_defaults(func=cmd_study)

    p = sub.add_parser("export", parents=[common], help="write the decks as an Anki package")
    p.add_argument("-o", "--output", required=True, metavar="FILE.apkg", help="package to write")
    p.add_argument("--parent", default="dlcards", help="parent deck in Anki (default: dlcards)")
    p.add_argument("--no-parent", action="store_true", help="put the decks at the top level")
    p.add_argument(
        "--with-progress",
        action="store_true",
        help="carry each card's SM-2 schedule (interval, ease, due) into Anki",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("due", parents=[common, limits], help="what is due today, per deck")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_due)

    p = sub.add_parser("stats", parents=[common], help="progress and review history")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--weeks", type=_weeks, default=16, help="weeks in the heatmap (default 16)")
    p.set_defaults(func=cmd_stats)
    return parser


#: The largest count an option takes: ten thousand years of days, more cards a day than
#: anyone studies; past it, dates and arrays would overflow.
MAX_COUNT = 3_650_000


def _count(text: str) -> int:
    try:
        value = int(text) if len(text) <= 20 else None
    except ValueError:
        value = None
    if value is None:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number")
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    if value > MAX_COUNT:
        raise argparse.ArgumentTypeError(f"{text!r} is more than {MAX_COUNT:,}")
    return value


def _weeks(text: str) -> int:
    value = _count(text)
    if not 1 <= value <= 520:
        raise argparse.ArgumentTypeError(f"{text!r} weeks: give 1 to 520 (ten years)")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (UserError, DeckError) as exc:
        _err().print(f"dlcards: error: {exc}", markup=False)
        return 1
    except sqlite3.OperationalError as exc:  # a full disk, a read-only file: not damage
        where = getattr(args, "db", None) or "review database"
        _err().print(f"dlcards: error: {where}: {exc}", markup=False)
        return 1
    except sqlite3.DatabaseError as exc:  # damage found while reading: never written to
        where = getattr(args, "db", None) or "review database"
        _err().print(f"dlcards: error: {where}: database is damaged ({exc})", markup=False)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a folder that is a file, a full disk, /proc: said in one line
        reason = exc.strerror or type(exc).__name__
        if isinstance(exc, FileExistsError):
            reason = "exists and is not a folder"  # (a folder was to be made there)
        where = exc.filename if exc.filename is not None else getattr(args, "db", None)
        message = f"{where}: {reason}" if where else reason
        _err().print(f"dlcards: error: {message}", markup=False)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
