#!/usr/bin/env python3
"""Benchmarks of dlcards at scale, each figure a ratio to a floor timed in the same run.

    python scripts/bench.py                 # every benchmark, medians of 3 runs
    python scripts/bench.py import --repeat 5
    python scripts/bench.py --files 200 --cards 10000   # a quick, smaller run

The synthetic collection imitates the user's notes (flat question/answer files with titles,
questions without '?', bulleted and wrapped answers, unanswered questions): by default 2,000
note files and 100,000 cards, generated once into bench-out/ with a fixed seed.  Machines here
are noisy, so each figure is the median of several runs and is reported next to its floor.
`mixed` imports a second collection of the same size in every style the importer reads
(Markdown headings, bold and numbered questions, details blocks, glossaries, Logseq cards,
Q/A markers, CSV, Anki's tab-separated text, Org lists and drill cards, notebooks, rST,
AsciiDoc, HTML, and flat notes), against the same floor.  `fsrs` switches a copy of the
review database to FSRS (timed once, when the copy is made) and times `due` and the first
card under FSRS against the same floors as `due` and `tui`.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"

TOPICS = [
    "gradient descent",
    "batch normalization",
    "dropout",
    "attention",
    "convolution",
    "pooling",
    "softmax",
    "cross-entropy",
    "weight decay",
    "momentum",
    "learning rate",
    "transfer learning",
    "data augmentation",
    "residual connections",
    "layer normalization",
    "embedding",
    "tokenizer",
    "beam search",
    "overfitting",
    "regularization",
    "activation function",
    "backpropagation",
]
#: About one question in ten lacks a '?', as in the user's notes.
OPENERS = [
    "What is {t}?",
    "Why use {t}?",
    "How does {t} work?",
    "What problem does {t} solve?",
    "When should you apply {t}?",
    "Which variants of {t} exist?",
    "What is {t} used for?",
    "What are the benefits of {t}?",
    "How is {t} computed?",
    "Techniques related to {t}",
]
ANSWERS = [
    "It rescales the values so that training is more stable",
    "Reduces overfitting by adding noise to the training process.",
    "When the data is small, it helps the model generalize better",
    "computes gradients layer by layer using the chain rule",
    "The model learns faster and is less sensitive to initialization.",
]
BULLETS = [
    "- faster convergence",
    "- fewer parameters",
    "–> less memory",
    "+ better accuracy",
    "- works well with ReLU",
    "=> lower variance",
]


def make_note(rng: random.Random, index: int, cards: int) -> str:
    lines = [f"Lecture {index} Flashcards"] if rng.random() < 0.6 else []
    for k in range(cards):
        topic = rng.choice(TOPICS)
        lines.append(rng.choice(OPENERS).format(t=f"{topic} {k % 7}"))
        shape = rng.random()
        if shape < 0.08:
            continue  # unanswered
        if shape < 0.5:
            lines.append(rng.choice(ANSWERS))
        elif shape < 0.8:
            lines.append(rng.choice(ANSWERS))
            lines.extend(rng.sample(BULLETS, rng.randint(1, 4)))
        else:
            lines.append("The update rule is applied to every")
            lines.append(f"parameter of the {topic} layer, then " + rng.choice(ANSWERS).lower())
    return "\n".join(lines) + "\n"


def _generate(
    name: str, files: int, cards: int, seed: int, note: Callable[[random.Random, int, int], tuple]
) -> Path:
    """Generate (once) bench-out/`name`: `files` notes of cards // files cards, each
    (file name, text) = note(rng, index, cards per file)."""
    folder = OUT / name
    marker = folder / ".complete"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    per_file = max(1, cards // files)
    for i in range(files):
        file_name, text = note(rng, i, per_file)
        (folder / file_name).write_text(text, encoding="utf-8")
    marker.write_text("ok\n")
    return folder


def make_corpus(files: int, cards: int, seed: int = 7) -> Path:
    """Generate (once) the synthetic notes folder for this size."""
    return _generate(
        f"notes-{files}x{cards}",
        files,
        cards,
        seed,
        lambda rng, i, n: (f"lecture-{i:05d}-flashcards.txt", make_note(rng, i, n)),
    )


def _pairs(rng: random.Random, cards: int) -> list[tuple[str, str]]:
    """Questions and answers for one mixed-style note."""
    out = []
    for k in range(cards):
        topic = f"{rng.choice(TOPICS)} {k % 7}"
        question = rng.choice(OPENERS).format(t=topic)
        answer = rng.choice(ANSWERS)
        if rng.random() < 0.3:
            answer += "\n" + "\n".join(rng.sample(BULLETS, 2))
        out.append((question, answer))
    return out


def _md_headings(qa: list[tuple[str, str]]) -> str:
    return "# Notes\n\n" + "".join(f"## {q}\n\n{a}\n\n" for q, a in qa)


def _md_bold_numbered(qa: list[tuple[str, str]]) -> str:
    body = "".join(
        f"{i}. **{q}**\n" + "".join(f"   {ln}\n" for ln in a.splitlines()) + "\n"
        for i, (q, a) in enumerate(qa, 1)
    )
    return "## Questionnaire\n\n" + body


def _md_details(qa: list[tuple[str, str]]) -> str:
    return "# Questions\n\n" + "".join(
        f"<details>\n<summary>{q}</summary><br><b>\n\n{a}\n</b>\n</details>\n\n" for q, a in qa
    )


def _md_glossary(qa: list[tuple[str, str]]) -> str:
    rows = "".join(f"- **Term {i}** - {a.splitlines()[0]}\n" for i, (_, a) in enumerate(qa))
    return "# Glossary\n\n### Terms\n" + rows


def _csv(qa: list[tuple[str, str]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["question", "answer", "tags"])
    w.writerows([q, a, "bench"] for q, a in qa)
    return buf.getvalue()


def _anki_tsv(qa: list[tuple[str, str]]) -> str:
    rows = "".join(f"{q}\t{a.replace(chr(10), '<br>')}\tbench\n" for q, a in qa)
    return "#separator:tab\n#html:true\n#tags column:3\n" + rows


def _org(qa: list[tuple[str, str]]) -> str:
    items = "".join(f"  - {q} ::\n\n       {a.splitlines()[0]}\n\n" for q, a in qa)
    return "#+TITLE: Notes\n\n* Section\n\n" + items


def _org_drill(qa: list[tuple[str, str]]) -> str:
    return "".join(f"* Item :drill:\n{q}\n** Answer\n{a}\n" for q, a in qa)


def _notebook(qa: list[tuple[str, str]]) -> str:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": f"**{q}**\n\n{a}"} for q, a in qa]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def _logseq(qa: list[tuple[str, str]]) -> str:
    return "".join(
        f"- {q} #card\n  card-repeats:: 1\n"
        + "".join(f"\t- {ln.lstrip('-=>+– ')}\n" for ln in a.splitlines())
        for q, a in qa
    )


def _rst(qa: list[tuple[str, str]]) -> str:
    return "=====\nNotes\n=====\n\n" + "".join(
        f"**Term {i}.** {a.splitlines()[0]}\n\n" for i, (_, a) in enumerate(qa)
    )


def _adoc(qa: list[tuple[str, str]]) -> str:
    return "= Notes\n\n== Part\n" + "".join(f"*{q}*\n\n{a}\n\n" for q, a in qa)


def _html(qa: list[tuple[str, str]]) -> str:
    body = "".join(f"<h2>{q}</h2>\n<p>{a.splitlines()[0]}</p>\n" for q, a in qa)
    return f"<!DOCTYPE html><html><head><title>Notes</title></head><body>{body}</body></html>"


def _qa_markers(qa: list[tuple[str, str]]) -> str:
    return "".join(f"Q: {q}\nA: {a}\n\n" for q, a in qa)


#: The mixed collection's styles: (file name ending, writer).
MIXED = [
    (".md", _md_headings),
    (".md", _md_bold_numbered),
    (".md", _md_details),
    (".md", _md_glossary),
    (".md", _logseq),
    (".md", _qa_markers),
    (".csv", _csv),
    (".txt", _anki_tsv),
    (".org", _org),
    (".org", _org_drill),
    (".ipynb", _notebook),
    (".rst", _rst),
    (".adoc", _adoc),
    (".html", _html),
]


def make_mixed_corpus(files: int, cards: int, seed: int = 13) -> Path:
    """Generate (once) a folder of notes in every style the importer reads, plus the flat
    notes of `make_note`, in equal shares."""

    def note(rng: random.Random, i: int, per_file: int) -> tuple[str, str]:
        k = i % (len(MIXED) + 1)
        if k == len(MIXED):
            return f"flat-{i:05d}.txt", make_note(rng, i, per_file)
        suffix, writer = MIXED[k]
        return f"{writer.__name__.strip('_')}-{i:05d}{suffix}", writer(_pairs(rng, per_file))

    return _generate(f"mixed-{files}x{cards}", files, cards, seed, note)


def interleaved(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median wall time of each of fns over `repeat` rounds, each round running every fn
    once in turn: on a machine whose speed drifts by a third over minutes, a figure and
    its floor or peer are then timed under the same conditions."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(ts) for name, ts in times.items()}


# -- floors ----------------------------------------------------------------------------------------


def import_floor(notes: Path, out: Path) -> None:
    """Read every file, split naively into alternating question/answer lines, dump with libyaml."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for path in sorted(p for p in notes.iterdir() if not p.name.startswith(".")):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        cards = [{"question": q, "answer": a} for q, a in zip(lines[::2], lines[1::2])]
        text = yaml.dump(
            {"name": path.stem, "cards": cards},
            Dumper=yaml.CSafeDumper,
            allow_unicode=True,
            sort_keys=False,
        )
        (out / f"{path.stem}.yaml").write_text(text, encoding="utf-8")


def dlcards(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "dlcards", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    if proc.returncode != 0:
        raise SystemExit(f"dlcards {' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    return proc


# -- benchmarks ------------------------------------------------------------------------------------


def bench_import(
    notes: Path, repeat: int, out: str = "decks", reimport: bool = True
) -> dict[str, float]:
    """A first import of `notes` into bench-out/`out` (and, with `reimport`, an import of the
    same notes again), timed in rounds with the naive floor."""
    floor_out = OUT / f"floor-{out}"
    decks = OUT / out

    def fresh_import() -> None:
        shutil.rmtree(decks, ignore_errors=True)
        dlcards("import", str(notes), "--out", str(decks))

    fns = {"floor": lambda: import_floor(notes, floor_out), "first": fresh_import}
    if reimport:
        fns["again"] = lambda: dlcards("import", str(notes), "--out", str(decks))
    got = interleaved(fns, repeat)
    cards = sum(
        len(yaml.load(p.read_text(), Loader=yaml.CSafeLoader)["cards"])
        for p in decks.glob("*.yaml")
    )
    figures = {
        "floor_s": got["floor"],
        "import_s": got["first"],
        "import_ratio": got["first"] / got["floor"],
        "cards": cards,
    }
    if reimport:
        figures["reimport_s"] = got["again"]
        figures["reimport_ratio_to_first"] = got["again"] / got["first"]
    return figures


def make_review_db(decks: Path, rows: int, today: str = "2026-06-01") -> Path:
    """A review database for the bench decks: every card studied, `rows` log rows in all."""
    import sqlite3
    from datetime import date, timedelta

    from dlcards.store import Store

    db = OUT / f"reviews-{rows}.sqlite3"
    if db.exists():
        return db
    tmp = db.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    Store(tmp).close()  # the real schema
    ids = [
        c["id"]
        for p in sorted(decks.glob("*.yaml"))
        for c in yaml.load(p.read_text(), Loader=yaml.CSafeLoader)["cards"]
    ]
    rng = random.Random(11)
    end = date.fromisoformat(today)
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    states = []
    for cid in ids:
        interval = rng.choice([1, 3, 6, 15, 38, 95])
        due = end + timedelta(days=rng.randint(-10, interval))
        states.append(
            (cid, 3, rng.choice([180, 230, 250, 270]), interval, due.isoformat(), 0, 10, None, None)
        )
    con.executemany(
        "INSERT INTO card_state (card_id, repetitions, ef, interval, due, lapses, reviews,"
        " last_review, buried_until) VALUES (?,?,?,?,?,?,?,?,?)",
        states,
    )
    log = []
    for i in range(rows):
        day = (end - timedelta(days=rng.randint(0, 365))).isoformat()
        log.append(
            (
                ids[i % len(ids)],
                day + "T12:00:00+00:00",
                day,
                rng.choice([1, 3, 4, 4, 5]),
                "review",
                2,
                3,
                250,
                250,
                6,
                15,
                None,
                None,
                0,
                0,
                4000,
            )
        )
    con.executemany(
        "INSERT INTO review_log (card_id, reviewed_at, day, grade, kind, reps_before, reps_after,"
        " ef_before, ef_after, interval_before, interval_after, due_before, due_after,"
        " lapses_before, was_new, duration_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        log,
    )
    con.commit()
    con.close()
    tmp.rename(db)
    return db


#: Runs a command and reports its wall time, peak resident memory (KB) and exit code.  The
#: command is started by this small process rather than by the bench: a process's ru_maxrss
#: includes the resident size of whatever forked it, up to its exec, and the bench holds every
#: deck by then (hundreds of MB); this launcher holds about ten.
_MEASURE = """
import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak resident memory in MB) of one command."""
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    fields = proc.stdout.split()  # wall, peak KB, exit code; nothing if the launcher failed
    if proc.returncode != 0 or fields[2] != "0":
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr[-2000:]}")
    return float(fields[0]), int(fields[1]) / 1024


def load_all_decks(decks: Path) -> int:
    """The floor for `due`: parse every deck file with libyaml, nothing else."""
    return sum(
        len(yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["cards"])
        for p in sorted(decks.glob("*.yaml"))
    )


def bench_due(decks: Path, repeat: int, log_rows: int) -> dict[str, float]:
    db = make_review_db(decks, log_rows)
    cmd = [
        sys.executable,
        "-m",
        "dlcards",
        "due",
        "--decks",
        str(decks),
        "--db",
        str(db),
        "--today",
        "2026-06-01",
    ]
    peaks: list[float] = []
    got = interleaved(
        {
            "floor": lambda: load_all_decks(decks),
            "due": lambda: peaks.append(run_measured(cmd)[1]),
        },
        repeat,
    )
    return {
        "floor_load_decks_s": got["floor"],
        "due_s": got["due"],
        "due_ratio": got["due"] / got["floor"],
        "due_peak_mb": max(peaks),
        "log_rows": log_rows,
    }


#: The peer of the first-card figures: the least a Textual app showing Markdown can do.
BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Markdown, Static


class Bare(App):
    def compose(self):
        yield Static("deck")
        yield Markdown("What is a question?\\n\\nspace: show answer")
        yield Footer()


Bare().run()
"""


def first_card_time(
    args: list[str],
    env: dict[str, str] | None = None,
    marker: bytes = b"show answer",
    command: list[str] | None = None,
) -> tuple[float, float]:
    """(seconds from launching `dlcards study` (or `command`) in a terminal (a pty) to its
    first card shown, peak memory of the process in MB)."""
    import pty
    import select
    import signal

    master, slave = pty.openpty()
    full_env = {**os.environ, "TERM": "xterm-256color", **(env or {})}
    start = time.perf_counter()
    proc = subprocess.Popen(
        command or [sys.executable, "-m", "dlcards", "study", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=full_env,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    try:
        while marker not in seen:
            if time.perf_counter() - start > 120:
                raise SystemExit("dlcards study showed no card within 120 s")
            if select.select([master], [], [], 0.01)[0]:
                seen = (seen + os.read(master, 65536))[-4096:]
        took = time.perf_counter() - start
        time.sleep(0.5)  # let the first screen settle before reading its memory
        peak_mb = _peak_mb(proc.pid)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        os.wait4(proc.pid, 0)
        proc.returncode = -9
        os.close(master)
    return took, peak_mb


def _peak_mb(pid: int) -> float:
    """A running process's own peak resident memory (VmHWM).  Not ru_maxrss after it ends:
    that counts the bench's own resident size at the fork (see _MEASURE)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no VmHWM in /proc/{pid}/status")


def bench_tui(decks: Path, repeat: int, log_rows: int) -> dict[str, float]:
    db = make_review_db(decks, log_rows)
    tmp_db = OUT / "tui-user.sqlite3"
    for leftover in (tmp_db, *(tmp_db.with_name(tmp_db.name + x) for x in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)  # a killed run leaves its WAL: start from nothing
    bare_app = OUT / "bare_app.py"
    bare_app.write_text(BARE_APP, encoding="utf-8")
    user, big, bare = [], [], []
    for _ in range(repeat):  # interleaved, like `interleaved`: the peer under the same load
        user.append(first_card_time(["--all", "--decks", str(ROOT / "decks"), "--db", str(tmp_db)]))
        big.append(
            first_card_time(
                ["--all", "--decks", str(decks), "--db", str(db), "--today", "2026-06-01"]
            )
        )
        bare.append(first_card_time([], command=[sys.executable, str(bare_app)]))
    return {
        "bare_textual_markdown_app_s": statistics.median(t for t, _ in bare),
        "first_card_user_decks_s": statistics.median(t for t, _ in user),
        "first_card_100k_s": statistics.median(t for t, _ in big),
        "study_peak_mb_100k": max(m for _, m in big),
    }


_SWITCH = """
import sys, time
from dlcards.kinds import SchedulerKind
from dlcards.store import Store
with Store(sys.argv[1]) as store:
    start = time.perf_counter()
    store.set_scheduler(SchedulerKind.FSRS)
    print(time.perf_counter() - start)
"""


def bench_fsrs(decks: Path, repeat: int, log_rows: int) -> dict[str, float]:
    """`due` and the first card under FSRS, on the same collection and log as `due`/`tui`."""
    db = make_review_db(decks, log_rows)
    fsrs_db = OUT / f"reviews-{log_rows}-fsrs.sqlite3"
    figures: dict[str, float] = {}
    if not fsrs_db.exists():
        tmp = fsrs_db.with_suffix(".tmp")
        shutil.copyfile(db, tmp)
        switch = subprocess.run(
            [sys.executable, "-c", _SWITCH, str(tmp)], capture_output=True, text=True, check=True
        )
        figures["switch_s"] = float(switch.stdout)
        tmp.rename(fsrs_db)
    due = [sys.executable, "-m", "dlcards", "due", "--decks", str(decks), "--db", str(fsrs_db),
           "--today", "2026-06-01"]  # fmt: skip
    peaks: list[float] = []
    got = interleaved(
        {
            "floor": lambda: load_all_decks(decks),
            "due": lambda: peaks.append(run_measured(due)[1]),
        },
        repeat,
    )
    study = ["--all", "--decks", str(decks), "--db", str(fsrs_db), "--today", "2026-06-01"]
    first = [first_card_time(study) for _ in range(repeat)]
    return {
        **figures,
        "floor_load_decks_s": got["floor"],
        "due_s": got["due"],
        "due_ratio": got["due"] / got["floor"],
        "due_peak_mb": max(peaks),
        "first_card_100k_s": statistics.median(t for t, _ in first),
        "study_peak_mb_100k": max(m for _, m in first),
    }


def bench_export(decks: Path, repeat: int) -> dict[str, float]:
    """dlcards export vs Anki's own export of the same notes (Collection.export_anki_package)."""
    from anki.collection import (
        Collection,
        ExportAnkiPackageOptions,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )

    ours = OUT / "export.apkg"
    env = {"DLCARDS_DB": str(OUT / "export-reviews.sqlite3")}
    cmd = [sys.executable, "-m", "dlcards", "export", "--decks", str(decks), "-o", str(ours)]
    run_measured(cmd, env)  # the package Anki's collection is made from
    col_path = OUT / "anki-peer" / "collection.anki2"
    shutil.rmtree(col_path.parent, ignore_errors=True)
    col_path.parent.mkdir(parents=True)
    col = Collection(str(col_path))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(ours), options=ImportAnkiPackageOptions(merge_notetypes=True)
            )
        )
        notes = col.note_count()
        options = ExportAnkiPackageOptions(
            with_scheduling=False, with_deck_configs=False, with_media=False, legacy=True
        )
        peer_out = str(OUT / "anki-peer" / "peer.apkg")
        got = interleaved(
            {
                "ours": lambda: run_measured(cmd, env),
                "anki": lambda: col.export_anki_package(
                    out_path=peer_out, options=options, limit=None
                ),
            },
            repeat,
        )
    finally:
        col.close()
    ours_s, peer = got["ours"], got["anki"]
    return {
        "export_s": ours_s,
        "anki_export_s": peer,
        "export_ratio": ours_s / peer,
        "notes": notes,
    }


def _png(seed: int) -> bytes:
    """A small valid PNG (8x8 RGB) whose pixels, and so whose bytes, depend on `seed`."""
    import struct
    import zlib

    rows = b"".join(
        b"\x00" + bytes((seed * 7 + i * 13 + j) % 256 for j in range(22)) + seed.to_bytes(2, "big")
        for i in range(8)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def bench_images(repeat: int, count: int = 1000) -> dict[str, float]:
    """`dlcards export` of `count` cards, each showing an image of its own (reported)."""
    import hashlib

    from dlcards.decks import Card, Deck, write_deck

    decks = OUT / f"images-{count}"
    shutil.rmtree(decks, ignore_errors=True)
    (decks / "media").mkdir(parents=True)
    cards = []
    for i in range(count):
        data = _png(i)
        name = hashlib.sha1(data).hexdigest()[:16] + ".png"
        (decks / "media" / name).write_bytes(data)
        cards.append(Card(f"img{i:05d}", f"Figure {i}?", f"![figure {i}](media/{name})"))
    write_deck(Deck("Figures", "notes/figures.md", tuple(cards)), decks / "figures.yaml")
    out = decks / "figures.apkg"
    cmd = [sys.executable, "-m", "dlcards", "export", "--decks", str(decks), "-o", str(out)]
    runs = [run_measured(cmd) for _ in range(repeat)]
    return {
        "images": count,
        "export_s": statistics.median(t for t, _ in runs),
        "export_peak_mb": max(m for _, m in runs),
    }


def _anki_package_with_history(decks: Path, reviews_per_card: int = 3) -> Path:
    """(Once) an Anki package of the bench collection with scheduling: our export imported
    into a collection of Anki's, every card given a review state and `reviews_per_card`
    revlog rows over the past year (SQL into Anki's tables), then exported by Anki's own
    backend with its scheduling."""
    from anki.collection import (
        Collection,
        ExportAnkiPackageOptions,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )

    package = OUT / "anki-in" / "studied.apkg"
    if package.exists():
        return package
    plain = OUT / "anki-in" / "plain.apkg"
    col_path = OUT / "anki-in" / "source" / "collection.anki2"
    shutil.rmtree(OUT / "anki-in", ignore_errors=True)
    col_path.parent.mkdir(parents=True)
    env = {"DLCARDS_DB": str(OUT / "anki-in" / "none.sqlite3")}
    run_measured(
        [sys.executable, "-m", "dlcards", "export", "--decks", str(decks), "-o", str(plain)], env
    )
    col = Collection(str(col_path))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(plain), options=ImportAnkiPackageOptions(merge_notetypes=True)
            )
        )
        rng = random.Random(3)
        today = col.sched.today
        now_ms = int(time.time() * 1000)
        cards = col.db.list("SELECT id FROM cards ORDER BY id")
        states, revlog, stamp = [], [], now_ms - 365 * 86_400_000
        for cid in cards:
            ivl = rng.randint(1, 120)
            states.append((ivl, today + rng.randint(-5, ivl), 2500 - 50 * rng.randint(0, 8), cid))
            for _ in range(reviews_per_card):
                stamp += 1 + rng.randint(0, 100)
                revlog.append((stamp, cid, rng.choice((1, 3, 3, 3, 4)), ivl, 2500,
                               rng.randint(2000, 20000)))  # fmt: skip
        col.db.executemany(
            "UPDATE cards SET type = 2, queue = 2, ivl = ?, due = ?, factor = ?, reps = 3"
            " WHERE id = ?",
            states,
        )
        col.db.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
            " VALUES (?, ?, -1, ?, ?, 0, ?, ?, 1)",
            revlog,
        )
        col.export_anki_package(
            out_path=str(package),
            options=ExportAnkiPackageOptions(
                with_scheduling=True, with_deck_configs=True, with_media=True, legacy=False
            ),
            limit=None,
        )
    finally:
        col.close()
    return package


def bench_anki_in(decks: Path, repeat: int) -> dict[str, float]:
    """`dlcards import FILE.apkg` (decks and review history, into an empty decks folder and
    database) vs Anki's own import of the same package into an empty collection, with its
    scheduling."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    package = _anki_package_with_history(decks)
    work = OUT / "anki-in" / "runs"

    def ours() -> float:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        cmd = [sys.executable, "-m", "dlcards", "import", str(package), "--out",
               str(work / "decks"), "--db", str(work / "r.sqlite3")]  # fmt: skip
        return run_measured(cmd)[0]

    def anki() -> float:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        start = time.perf_counter()
        col = Collection(str(work / "collection.anki2"))
        try:
            col.import_anki_package(
                ImportAnkiPackageRequest(
                    package_path=str(package),
                    options=ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=True),
                )
            )
        finally:
            col.close()
        return time.perf_counter() - start

    got = interleaved({"ours": ours, "anki": anki}, repeat)
    ours_s, peer = got["ours"], got["anki"]
    return {"anki_in_s": ours_s, "anki_own_import_s": peer, "anki_in_ratio": ours_s / peer}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "which",
        nargs="*",
        default=["import", "mixed", "due", "tui", "fsrs", "export", "images", "anki-in"],
        help="benchmarks to run: import, mixed, due, tui, fsrs, export, images, anki-in"
        " (default: all)",
    )
    ap.add_argument("--log-rows", type=int, default=1_000_000)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    # Time dlcards as installed: pip compiles an installed package's bytecode, but an editable
    # install under PYTHONDONTWRITEBYTECODE (as on CI machines) would recompile every module of
    # dlcards at every launch, adding ~0.1 s to each command timed here.
    import dlcards

    compileall.compile_dir(Path(dlcards.__file__).parent, quiet=1)
    notes = make_corpus(args.files, args.cards)
    figures: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "files": args.files,
    }
    if "import" in args.which or not (OUT / "decks").exists():
        figures["import"] = bench_import(notes, args.repeat)
    if "mixed" in args.which:
        mixed = make_mixed_corpus(args.files, args.cards)
        figures["mixed"] = bench_import(mixed, args.repeat, "decks-mixed", reimport=False)
    if "due" in args.which:
        figures["due"] = bench_due(OUT / "decks", args.repeat, args.log_rows)
    if "tui" in args.which:
        figures["tui"] = bench_tui(OUT / "decks", args.repeat, args.log_rows)
    if "fsrs" in args.which:
        figures["fsrs"] = bench_fsrs(OUT / "decks", args.repeat, args.log_rows)
    if "export" in args.which:
        figures["export"] = bench_export(OUT / "decks", args.repeat)
    if "images" in args.which:
        figures["images"] = bench_images(args.repeat)
    if "anki-in" in args.which:
        figures["anki-in"] = bench_anki_in(OUT / "decks", args.repeat)
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
