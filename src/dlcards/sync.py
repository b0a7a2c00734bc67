"""`dlcards sync DIR`: one learner's reviews kept in step across machines through a folder that
a file-sync tool (Syncthing, Dropbox, a git repository) already shares.

The review database is never put in the shared folder: a sync tool copying a live SQLite file
(its WAL beside it) mid-write makes a damaged copy, and two machines writing one file
overwrite each other.  Instead every database is a *device* (a random id kept in its
settings) that owns one file in the folder, `<host>-<device>.jsonl`, and only ever appends
to it, so the sync tool never sees two writers of one file and never has a conflict to make.

A line is one review, `{"card", "at", "day", "grade", "ms", "cram"}` (the moment to the
millisecond, UTC, and the study day it counted for where it was given), or the undoing of one,
`{"undo": {"card", "at"}}`.  A review is known by its card and moment, so a review read twice
is the same review.  A sync:

1. reads every device's file (a line cut short by a crash mid-append is passed over: its
   device writes it again at its next sync);
2. merges in one transaction: the reviews of all files, less the undone ones, join the
   log of every card they concern, in time order, and each such card's state is computed
   again from its log (`Store.merge_reviews`), as is the state of each card whose reviews
   this sync sends;
3. appends to this device's file each review of this database that no file holds yet, and
   an undo for each review its file holds that this database no longer has (the learner
   pressed `u`) and for each review of any file that `dlcards orphans --purge` removed
   here, flushed to disk before the sync reports done.

The result depends only on the set of lines in the folder, so it is the same whatever order
devices sync in, and a sync repeated changes nothing.  A card graded on two machines the same
day keeps both reviews, in time order: the first is its review of the day, the second
practice, as two grades of one day are in a single session.  A sync killed at any point loses
nothing: what was appended is read again, what was not is appended again, and the database
changes only in its one transaction (killed after it and before the file is written, the
next sync finds the same reviews to send and sends them).

Decks are not synced here: they are text, and travel with the notes (the same folder, or git).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .reviews import SyncedReview

if TYPE_CHECKING:
    from .store import Store

#: The setting that names this database as a device.
DEVICE_SETTING = "sync_device"
SUFFIX = ".jsonl"

Key = tuple[str, int]  # (card id, moment in ms): one review


class SyncError(Exception):
    """A sync that cannot be done; the message names the folder or file."""


@dataclass
class SyncReport:
    """What a sync did."""

    device: str
    sent: int = 0
    undone: int = 0
    received: int = 0
    removed: int = 0
    cards: int = 0
    devices: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Folder:
    """What the shared folder's files hold."""

    reviews: dict[Key, SyncedReview] = field(default_factory=dict)
    undone: set[Key] = field(default_factory=set)
    mine: set[Key] = field(default_factory=set)  # reviews in this device's own file
    mine_ends_cleanly: bool = True
    devices: list[str] = field(default_factory=list)


def sync(store: Store, folder: Path) -> SyncReport:
    """Sync `store` with the shared `folder` (see the module's description)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SyncError(f"{folder}: no such folder")
    if _inside(store.path, folder):
        raise SyncError(
            f"{store.path}: the review database is inside the shared folder {folder}; keep it"
            " outside (a sync tool copying a live SQLite file damages it): use --db"
        )
    device = _device(store)
    own = folder / f"{device}{SUFFIX}"
    report = SyncReport(device)
    shared = _read_folder(folder, own, report)
    report.devices = shared.devices
    local = {r.key: r for r in store.synced_reviews()}

    outgoing = [r for k, r in local.items() if k not in shared.reviews and k not in shared.undone]
    forgotten = store.forgotten()  # purged here (`orphans --purge`), wherever they came from
    undos = sorted(
        k
        for k in shared.reviews
        if k not in local and k not in shared.undone and (k in shared.mine or k in forgotten)
    )
    undone = shared.undone | set(undos)
    add = [r for k, r in shared.reviews.items() if k not in undone and k not in local]
    remove = {k for k in local if k in undone}
    # the cards of the reviews sent are computed again too: their state here came from
    # `grade`, elsewhere it comes from the log, and both must agree.  The database is merged
    # before the file is appended to: killed in between, the next sync finds the same reviews
    # to send, and computes their cards again
    touched = {r.card_id for r in add} | {c for c, _ in remove} | {r.card_id for r in outgoing}
    report.cards = store.merge_reviews(add, remove, touched)
    report.received, report.removed = len(add), len(remove)
    lines = [_review_line(r) for r in sorted(outgoing, key=lambda r: (r.moment_ms, r.card_id))]
    lines += [_undo_line(shared.reviews[k]) for k in undos]
    if lines:
        _append(own, lines, clean=shared.mine_ends_cleanly)
    report.sent, report.undone = len(outgoing), len(undos)
    if forgotten:
        store.clear_forgotten(forgotten)  # (now undone in the folder, or never sent)
    return report


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _device(store: Store) -> str:
    """This database's device name, made (host name and a random id) at its first sync."""
    name = store.setting(DEVICE_SETTING)
    if isinstance(name, str) and re.fullmatch(r"[\w-]{1,80}", name):
        return name
    host = re.sub(r"[^a-z0-9-]+", "-", socket.gethostname().lower()).strip("-")[:30] or "device"
    name = f"{host}-{secrets.token_hex(4)}"
    store.set_setting(DEVICE_SETTING, name)
    return name


def _read_folder(folder: Path, own: Path, report: SyncReport) -> _Folder:
    shared = _Folder()
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SyncError(f"{path}: cannot read ({exc.strerror or exc})") from None
        is_own = path.name == own.name
        shared.devices.append(path.stem)
        lines = data.split(b"\n")
        if is_own:
            shared.mine_ends_cleanly = not data or data.endswith(b"\n")
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            entry = _parse(raw)
            if entry is None:
                if number < len(lines):  # (the last line cut short is a crash mid-append)
                    report.warnings.append(f"{path.name}: line {number} is not a review; skipped")
                continue
            if not isinstance(entry, SyncedReview):  # (a review is a named tuple too)
                shared.undone.add(entry)
                continue
            shared.reviews.setdefault(entry.key, entry)
            if is_own:
                shared.mine.add(entry.key)
    return shared


def _parse(raw: bytes) -> SyncedReview | Key | None:
    from .store import stamp_ms

    try:
        e = json.loads(raw)
        if "undo" in e:
            u = e["undo"]
            return (str(u["card"]), stamp_ms(str(u["at"])))
        grade = int(e["grade"])
        ms = e.get("ms")
        review = SyncedReview(
            str(e["card"]),
            str(e["at"]),
            date.fromisoformat(str(e["day"])),
            grade,
            int(ms) if ms is not None else None,
            bool(e.get("cram")),
            stamp_ms(str(e["at"])),
        )
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None
    if not 0 <= grade <= 5 or not review.card_id:
        return None
    return review


def _review_line(r: SyncedReview) -> str:
    entry = {"card": r.card_id, "at": r.reviewed_at, "day": r.day.isoformat(), "grade": r.grade}
    if r.duration_ms is not None:
        entry["ms"] = r.duration_ms
    if r.cram:
        entry["cram"] = True
    return json.dumps(entry, ensure_ascii=False)


def _undo_line(r: SyncedReview) -> str:
    return json.dumps({"undo": {"card": r.card_id, "at": r.reviewed_at}}, ensure_ascii=False)


def _append(path: Path, lines: Iterable[str], *, clean: bool) -> None:
    """Append the lines to this device's file and flush them to disk (a line left cut short
    by an earlier crash is ended first, so the new lines stay whole)."""
    text = ("" if clean else "\n") + "".join(f"{line}\n" for line in lines)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(fd, data) :]
        os.fsync(fd)
    finally:
        os.close(fd)
