"""The command line's grammar: every command, its options and their checks (numbers bounded so
no date arithmetic overflows)."""

from __future__ import annotations

import argparse

from .. import __version__
from ..kinds import QueueOrder, SchedulerKind
from .commands import (
    cmd_due,
    cmd_export,
    cmd_import,
    cmd_log,
    cmd_optimize,
    cmd_orphans,
    cmd_stats,
    cmd_study,
    cmd_sync,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlcards",
        description="Flashcards with SM-2 spaced repetition, built from your own study notes.",
    )
    parser.add_argument("--version", action="version", version=f"dlcards {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--db",
        metavar="FILE",
        help="review database (default: $DLCARDS_DB or the user data folder)",
    )
    folder = argparse.ArgumentParser(add_help=False, parents=[database])
    folder.add_argument(
        "--decks",
        dest="decks_dir",
        metavar="DIR",
        help="decks folder (default: ./decks, else the bundled decks)",
    )

    p = sub.add_parser(
        "import",
        parents=[database],
        help="turn note files or folders into YAML decks",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="note files or folders (recursive), or Anki packages (.apkg, .colpkg)",
    )
    p.add_argument("--out", default="decks", help="folder for the deck files (default: decks/)")
    p.add_argument("--dry-run", action="store_true", help="show the cards, write nothing")
    p.add_argument(
        "--force",
        action="store_true",
        help="when a card was edited both in its deck and in the notes, take the notes",
    )
    p.set_defaults(func=cmd_import)

    common = argparse.ArgumentParser(add_help=False, parents=[folder])
    common.add_argument(
        "deck", nargs="*", metavar="DECK", help="deck names or file stems (default: all decks)"
    )
    common.add_argument("--today", metavar="YYYY-MM-DD", help="study as if it were this day")
    common.add_argument(
        "--scheduler",
        choices=[k.value for k in SchedulerKind],
        help="switch the collection to this scheduler (kept for later commands; default sm2)",
    )
    common.add_argument(
        "--learning-steps",
        metavar="STEPS",
        help="FSRS's learning steps: '15m' (default), '1m 10m' (Anki's), 'none' (kept)",
    )
    common.add_argument(
        "--relearning-steps",
        metavar="STEPS",
        help="FSRS's relearning steps: 'none' (default), '10m' (Anki's) (kept)",
    )
    common.add_argument(
        "--retention",
        type=_retention,
        metavar="R",
        help="FSRS's desired retention, 0.70 to 0.99 (kept; default 0.90)",
    )
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
        choices=[o.value for o in QueueOrder],
        default=QueueOrder.REVIEWS_FIRST.value,
        help="reviews then new cards (default), or new cards spread among reviews",
    )
    p.add_argument("--theme", choices=("dark", "light"), help="colour theme (default: dark)")
    p.add_argument(
        "--all", action="store_true", help="study every deck at once, without the deck list"
    )
    p.add_argument(
        "--no-images",
        action="store_true",
        help="show a card's pictures as their alt text only (also DLCARDS_IMAGES=off)",
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

    p = sub.add_parser(
        "log",
        parents=[database],
        help="the review log as CSV, in the FSRS ecosystem's revlog layout",
    )
    p.add_argument("action", choices=("export", "import"), help="write the log out, or read one in")
    p.add_argument("file", metavar="FILE.csv", help="the revlog file")
    p.set_defaults(func=cmd_log)

    p = sub.add_parser(
        "optimize",
        parents=[database],
        help="fit FSRS's parameters to your own reviews (needs dlcards[fsrs])",
    )
    p.set_defaults(func=cmd_optimize)

    p = sub.add_parser(
        "orphans",
        parents=[folder],
        help="cards with history that left the decks: list them, or --purge them",
    )
    p.add_argument("--purge", action="store_true", help="remove their history (asks first)")
    p.add_argument("--yes", action="store_true", help="with --purge: do not ask")
    p.set_defaults(func=cmd_orphans)

    p = sub.add_parser(
        "sync",
        parents=[database],
        help="keep the reviews in step with other machines through a shared folder",
    )
    p.add_argument(
        "folder", metavar="DIR", help="a folder a sync tool shares (Syncthing, Dropbox, git)"
    )
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("stats", parents=[common], help="progress and review history")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--weeks", type=_weeks, default=16, help="weeks in the heatmap (default 16)")
    p.set_defaults(func=cmd_stats)
    return parser


#: The largest count an option takes: ten thousand years of days, more cards a day than
#: anyone studies; past it, dates and arrays would overflow.
MAX_COUNT = 3_650_000


def _retention(text: str) -> float:
    try:
        value = float(text) if len(text) <= 20 else None
    except ValueError:
        value = None
    if value is None or not 0.70 <= value <= 0.99:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a retention from 0.70 to 0.99")
    return value


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
