"""The `dlcards` command line: argument parsing and printing over the UI-free core.

`parser` holds the grammar, `commands` one function per command, `console` the consoles and
report helpers (user text printed as data), `stats_view` the statistics report.

Exit codes: 0 success, 1 a user error (one line on stderr, no traceback), 2 bad usage.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from ..decks import DeckError
from .commands import UserError
from .console import _err
from .parser import build_parser

__all__ = ["main"]


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
