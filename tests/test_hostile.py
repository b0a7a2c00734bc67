"""Hostile and unlucky input, from the outside (issue #14): the real CLI as a subprocess, with
a time limit, so that a hang fails the test instead of stalling the suite."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml


def dlcards(
    *args: str, cwd: Path, timeout: float = 60, **options: Any
) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess; `options` go to `subprocess.run` (env, preexec_fn)."""
    return subprocess.run(
        [sys.executable, "-m", "dlcards", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        **options,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifos_devices_and_sockets_are_skipped_with_a_warning_and_never_block() -> None:
    # a short folder: a socket's path must fit in 108 bytes
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        root = Path(tmp)
        notes = root / "n"
        notes.mkdir()
        os.mkfifo(notes / "pipe.txt")  # opening it to read would wait for a writer forever
        (notes / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(notes / "sock.md"))
        try:
            (notes / "good.txt").write_text("What is osmosis?\nWater crossing a membrane.\n")
            run = dlcards("import", "n", "--out", "d", cwd=root)
            direct = dlcards("import", "/dev/zero", "--out", "d2", cwd=root)
        finally:
            server.close()
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stdout + run.stderr
        for name, kind in (
            ("pipe.txt", "a FIFO"),
            ("zero.txt", "a character device"),
            ("sock.md", "a socket"),
        ):
            assert f"{name}: not a regular file ({kind}), skipped" in run.stderr
        assert (root / "d" / "good.yaml").exists()
        assert sorted(p.name for p in (root / "d").glob("*.yaml")) == ["good.yaml"]
        assert "zero: not a regular file (a character device), skipped" in direct.stderr


def test_a_note_over_the_size_limit_is_skipped_and_a_huge_line_is_not_printed_whole(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    with open(notes / "dump.txt", "wb") as f:  # 21 MB: a log dump, not a note
        f.truncate(21 * 2**20)
    long_question = "Why " + "very " * 40_000 + "long?"  # 200 KB on one line, no answer
    (notes / "long.txt").write_text(f"{long_question}\n\nWhat is short?\nThis.\n")
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "dump.txt: larger than 20 MB (21 MB), skipped" in run.stderr
    assert not (tmp_path / "decks" / "dump.yaml").exists()
    deck = yaml.safe_load((tmp_path / "decks" / "long.yaml").read_text(encoding="utf-8"))
    assert deck["cards"][0]["question"] == long_question  # the deck keeps the whole text
    assert len(run.stdout) < 4000 and long_question not in run.stdout
    assert "Why very very" in run.stdout and "…" in run.stdout
    dry = dlcards("import", "notes", "--out", "decks", "--dry-run", cwd=tmp_path)
    assert len(dry.stdout) < 4000 and "…" in dry.stdout


HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZWNobyBoaQ==\x07\u202e"


def test_note_text_and_file_names_are_never_markup_nor_control_sequences_in_the_cli(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "regex.txt").write_text(
        "Regex [/x] cheatsheet flashcards\n"
        f"What does [bold red]\\d[/] match?{HOSTILE}\nA digit.\n"
        f"Why is [link=file:///etc/passwd]this[/link] here{HOSTILE}?\n",
        encoding="utf-8",
    )
    (notes / f"title{HOSTILE[:9]}[b].md").write_text("# T\n\n## What is X?\n\nY.\n")
    env_db = {"DLCARDS_DB": str(tmp_path / "r.sqlite3")}
    outputs = []
    for args in (
        ("import", "notes", "--out", "decks"),
        ("import", "notes", "--out", "decks", "--dry-run"),
        ("due", "--decks", "decks"),
        ("stats", "--decks", "decks"),
    ):
        run = dlcards(*args, cwd=tmp_path, env={**os.environ, **env_db})
        assert run.returncode == 0, (args, run.stderr)
        assert "Traceback" not in run.stdout + run.stderr
        outputs.append(run.stdout + run.stderr)
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    imported, dry, due, stats = outputs
    assert "[link=file:///etc/passwd]this[/link]" in imported  # the unanswered one, as text
    assert "Regex [/x] cheatsheet" in due  # shown as named, never read as markup
    assert "[/x]" in stats
    assert "\\x1b]0;pwned\\x07" in dry  # the sequence is shown, written out
    assert "[bold red]" in dry
    deck = yaml.safe_load((tmp_path / "decks" / "regex.yaml").read_text(encoding="utf-8"))
    assert deck["name"] == "Regex [/x] cheatsheet"
    assert HOSTILE in deck["cards"][0]["question"]  # the deck keeps the text as written


def test_a_deck_with_a_duplicate_key_is_refused_naming_both_lines_and_kept(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "bio.txt").write_text("What is osmosis?\nWater crossing a membrane.\n")
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    deck = tmp_path / "decks" / "bio.yaml"
    text = deck.read_text(encoding="utf-8")
    hand = text.replace("  answer: Water crossing a membrane.\n", "  answer: one\n  answer: two\n")
    hand += "cards:\n- id: extra\n  question: Lost?\n"  # a second list YAML would keep alone
    deck.write_text(hand, encoding="utf-8")
    due = dlcards("due", "--decks", "decks", cwd=tmp_path)
    assert due.returncode == 1 and "Traceback" not in due.stderr
    assert due.stderr.count("\n") == 1
    assert (
        "bio.yaml:" in due.stderr and "duplicate key" in due.stderr and "also on line" in due.stderr
    )
    again = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert "existing deck not replaced" in again.stderr and "duplicate key" in again.stderr
    assert deck.read_text(encoding="utf-8") == hand  # nothing of the hand edit is lost


def test_hand_typed_answers_stay_the_text_typed_not_yaml_numbers(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "facts.txt").write_text(
        "Marathon record?\n2:01\nPython version?\n3.12\nFile mode?\n644\nIs it true?\nmaybe\n"
    )
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    deck = tmp_path / "decks" / "facts.yaml"
    text = deck.read_text(encoding="utf-8")
    typed = {"2:01": "1:30", "3.12": "3.10", "644": "0755", "maybe": "yes"}
    for old, new in typed.items():  # the user edits answers by hand, unquoted
        for written in (f'"{old}"', f"'{old}'", old):
            text = text.replace(f"answer: {written}\n", f"answer: {new}\n")
    assert "answer: 1:30\n" in text and "answer: 0755\n" in text
    deck.write_text(text, encoding="utf-8")
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    cards = yaml.load(deck.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["cards"]
    assert [c["answer"] for c in cards] == ["1:30", "3.10", "0755", "yes"]
    from dlcards.decks import parse_deck

    loaded = parse_deck(deck.read_text(encoding="utf-8"), deck)
    assert [c.answer for c in loaded.cards] == ["1:30", "3.10", "0755", "yes"]


def test_huge_numbers_in_decks_and_options_are_one_line_errors(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "big.yaml").write_text(
        "name: T\ncards:\n- id: a\n  question: Q\n  answer: A\n  line: " + "9" * 5000 + "\n"
    )
    due = dlcards("due", "--decks", "decks", cwd=tmp_path)
    assert due.returncode == 1 and "Traceback" not in due.stderr
    assert (
        due.stderr.strip()
        == "dlcards: error: decks/big.yaml:6: card a: 'line' must be a line number"
    )
    (decks / "big.yaml").unlink()
    (decks / "ok.yaml").write_text("name: T\ncards:\n- id: a\n  question: Q\n  answer: A\n")
    for args in (("stats", "--weeks", "99999999999"), ("due", "--new", "9" * 5000)):
        run = dlcards(*args, "--decks", "decks", cwd=tmp_path)
        assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
        assert run.stderr.strip().splitlines()[-1].startswith(f"dlcards {args[0]}: error:")


def test_a_schema_error_deep_in_a_large_deck_names_its_line(tmp_path: Path) -> None:
    from dlcards.decks import DeckError, parse_deck

    cards = "".join(f"- id: c{i}\n  question: Q{i}?\n  answer: A{i}\n" for i in range(5000))
    text = "name: Big\ncards:\n" + cards + "- id: bad\n  question: ''\n"
    with pytest.raises(DeckError) as err:
        parse_deck(text, tmp_path / "big.yaml")
    assert str(err.value).endswith("big.yaml:15004: card bad: 'question' is empty")


@pytest.mark.parametrize(
    "record",
    [
        '{"decks": [1,2',
        "[1, 2]",
        '{"decks": 7}',
        '{"decks": {"bio.yaml": 5}}',
        '{"decks": {"bio.yaml": {"cards": 5, "note": 3}}}',
        '{"decks": {"bio.yaml": {"cards": {"a": 1}, "count": "x", "unanswered": 2}}}',
    ],
)
def test_a_damaged_import_record_is_never_a_traceback(tmp_path: Path, record: str) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "bio.txt").write_text("What is osmosis?\nWater crossing a membrane.\n")
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    deck = (tmp_path / "decks" / "bio.yaml").read_bytes()
    (tmp_path / "decks" / ".dlcards-import.json").write_text(record)
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0 and "Traceback" not in run.stdout + run.stderr, run.stderr
    assert (tmp_path / "decks" / "bio.yaml").read_bytes() == deck
    again = json.loads((tmp_path / "decks" / ".dlcards-import.json").read_text())
    assert set(again["decks"]) == {"bio.yaml"}  # the record is written whole again


def test_os_errors_are_one_line_errors_naming_the_path(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "bio.txt").write_text("What is osmosis?\nWater crossing a membrane.\n")
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    (tmp_path / "afile").write_text("not a folder")
    for args, named in (
        (
            ("due", "--decks", "decks", "--db", "afile/r.sqlite3"),
            "afile: exists and is not a folder",
        ),
        (("export", "--decks", "decks", "-o", "afile/x.apkg"), "afile"),
        (("export", "--decks", "decks", "-o", "/proc/x.apkg"), "/proc/"),
    ):
        run = dlcards(*args, cwd=tmp_path)
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        assert run.stderr.count("\n") == 1 and named in run.stderr, run.stderr


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start_large_import(tmp_path: Path, files: int, **popen: object) -> subprocess.Popen:
    """Write `files` notes of 300 cards and start `dlcards import` of them (long enough to
    be caught while its workers run)."""
    notes = tmp_path / "notes"
    notes.mkdir()
    body = "".join(
        f"What is topic {k}?\nIt is the answer to {k}.\n- a detail\n" for k in range(300)
    )
    for i in range(files):
        (notes / f"n{i:03d}.txt").write_text(f"Lecture {i} Flashcards\n{body}")
    return subprocess.Popen(
        [sys.executable, "-m", "dlcards", "import", "notes", "--out", "decks"],
        cwd=tmp_path,
        **popen,  # type: ignore[call-overload]
    )


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_import_workers_exit_when_the_import_is_killed(tmp_path: Path) -> None:
    import signal
    import time

    proc = _start_large_import(tmp_path, 400, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        workers = [p for p in _children(proc.pid) if _alive(p)]
        if workers:
            break
        time.sleep(0.02)
    if not workers:
        proc.wait(timeout=60)
        pytest.skip("the import finished before its workers could be seen")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.05)
    assert not [p for p in workers if _alive(p)]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_during_a_parallel_import_prints_no_traceback_and_keeps_the_record(
    tmp_path: Path,
) -> None:
    import signal
    import time

    proc = _start_large_import(
        tmp_path,
        600,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal job has
    )
    deadline = time.monotonic() + 30
    decks = tmp_path / "decks"
    while time.monotonic() < deadline and proc.poll() is None:
        if decks.is_dir() and len(list(decks.glob("*.yaml"))) >= 20:
            break
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.skip("the import finished before it could be interrupted")
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the parent and every worker
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    written = {p.name for p in decks.glob("*.yaml")}
    record = json.loads((decks / ".dlcards-import.json").read_text())
    assert written and written <= set(record["decks"])  # every deck written is recorded


def test_same_named_notes_in_two_folders_get_their_own_decks_and_ids(tmp_path: Path) -> None:
    for week, answer in (("week1", "Cells and tissues."), ("week2", "Organs and systems.")):
        (tmp_path / "notes" / week).mkdir(parents=True)
        (tmp_path / "notes" / week / "intro.txt").write_text(
            f"What is this week about?\n{answer}\nWhat should I read first?\nChapter one.\n",
            encoding="utf-8",
        )
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    decks = {
        p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (tmp_path / "decks").glob("*.yaml")
    }
    assert set(decks) == {"week1-intro.yaml", "week2-intro.yaml"}
    ids = [c["id"] for d in decks.values() for c in d["cards"]]
    assert len(ids) == 4 == len(set(ids))  # the same questions, four ids
    for command in (["due"], ["stats"]):
        done = dlcards(*command, "--decks", "decks", "--db", "r.sqlite3", cwd=tmp_path)
        assert done.returncode == 0, done.stderr


def test_a_new_namesake_beside_an_imported_note_leaves_its_deck_and_edits_alone(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "bio.txt").write_text("What is a cell?\nThe unit of life.\n", encoding="utf-8")
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    deck = tmp_path / "decks" / "bio.yaml"
    edited = deck.read_text(encoding="utf-8").replace(
        "The unit of life.", "The unit of life (mine)."
    )
    deck.write_text(edited, encoding="utf-8")
    (notes / "bio.md").write_text("## What is a gene?\nA stretch of DNA.\n", encoding="utf-8")
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert deck.read_text(encoding="utf-8") == edited  # same file, hand edit kept
    assert sorted(p.name for p in (tmp_path / "decks").glob("*.yaml")) == [
        "bio-md.yaml",
        "bio.yaml",
    ]
    again = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert again.returncode == 0 and deck.read_text(encoding="utf-8") == edited


def _notes_folder(root: Path, name: str, questions: int) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for k in range(questions):
        (folder / f"{name}-{k}.txt").write_text(
            f"What is item {k} of {name}?\nIt is number {k}.\n", encoding="utf-8"
        )
    return folder


def test_a_busy_decks_folder_makes_an_import_wait_then_refuse_writing_nothing(
    tmp_path: Path,
) -> None:
    from dlcards.locking import folder_lock

    _notes_folder(tmp_path, "notes", 2)
    env = {**os.environ, "DLCARDS_LOCK_WAIT": "0.3"}
    with folder_lock(tmp_path / "decks", "a test holding it"):
        run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path, env=env)
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert "another dlcards process is writing here" in run.stderr
        assert [p.name for p in (tmp_path / "decks").iterdir()] == [".dlcards.lock"]
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0


def test_two_imports_into_one_folder_at_once_keep_both_records(tmp_path: Path) -> None:
    _notes_folder(tmp_path, "bio", 60)
    _notes_folder(tmp_path, "geo", 60)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "dlcards", "import", name, "--out", "decks"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("bio", "geo")
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    record = json.loads((tmp_path / "decks" / ".dlcards-import.json").read_text())
    assert len(record["decks"]) == 120  # neither import wrote over the other's entries
    again = dlcards("import", "bio", "geo", "--out", "decks", cwd=tmp_path)
    assert again.returncode == 0 and "wrote 0 decks" in again.stdout


def test_exports_at_once_each_get_their_own_later_clock(tmp_path: Path) -> None:
    _notes_folder(tmp_path, "notes", 3)
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dlcards",
                "export",
                "--decks",
                "decks",
                "--db",
                "r.sqlite3",
                "-o",
                f"out{k}.apkg",
            ],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(4)
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0 and "Traceback" not in err, err
    import sqlite3
    import zipfile

    mods = set()
    for k in range(4):
        with zipfile.ZipFile(tmp_path / f"out{k}.apkg") as z:
            (tmp_path / f"c{k}.anki2").write_bytes(z.read("collection.anki2"))
        con = sqlite3.connect(tmp_path / f"c{k}.anki2")
        mods |= {row[0] for row in con.execute("SELECT DISTINCT mod FROM notes")}
        con.close()
    assert len(mods) == 4  # four exports, four distinct note times: each updates in Anki


def test_days_past_the_calendar_and_bad_dates_in_the_database_are_one_line_errors(
    tmp_path: Path,
) -> None:
    import sqlite3

    from dlcards.store import Store

    _notes_folder(tmp_path, "notes", 2)
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    for day in ("9999-12-31", "0001-01-01"):
        for command in ("due", "stats", "study", "export"):
            extra = ["-o", "x.apkg"] if command == "export" else []
            run = dlcards(command, "--db", "r.sqlite3", "--today", day, *extra, cwd=tmp_path)
            assert run.returncode == 1, (command, day, run.stderr)
            assert "Traceback" not in run.stderr and len(run.stderr.splitlines()) == 1
            assert "out of range" in run.stderr
    card = yaml.safe_load((tmp_path / "decks" / "notes-0.yaml").read_text())["cards"][0]["id"]
    with Store(tmp_path / "r.sqlite3") as store:
        store.grade(card, 4, __import__("datetime").date(2026, 1, 1))
    con = sqlite3.connect(tmp_path / "r.sqlite3")
    con.execute("UPDATE card_state SET due = '20x6-13-45'")
    con.commit()
    con.close()
    for command in ("due", "stats", "study"):
        run = dlcards(command, "--db", "r.sqlite3", cwd=tmp_path)
        assert run.returncode == 1 and "Traceback" not in run.stderr, (command, run.stderr)
        assert "database is damaged" in run.stderr and "20x6-13-45" in run.stderr


def _small_disk() -> None:
    """In the child: files may not grow past 4 KB, as on a full disk (writes fail with an
    OSError instead of the signal the limit sends by default)."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.skipif(sys.platform == "win32", reason="needs resource limits")
def test_a_full_disk_during_import_or_export_is_one_line_naming_the_file(tmp_path: Path) -> None:
    _notes_folder(tmp_path, "notes", 2)
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "decks").iterdir()}
    big = tmp_path / "notes" / "notes-0.txt"
    big.write_text("".join(f"What is fact {k}?\nFact {k} holds.\n" for k in range(400)))
    for args, named in (
        (["import", "notes", "--out", "decks"], "notes-0.yaml"),
        (["export", "--decks", "decks", "--db", "r.sqlite3", "-o", "x.apkg"], ""),
    ):
        run = dlcards(*args, cwd=tmp_path, preexec_fn=_small_disk)
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        assert len(run.stderr.splitlines()) == 1 and named in run.stderr, run.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "decks").iterdir()} == before
    assert not (tmp_path / "x.apkg").exists()


def test_a_deck_nested_past_the_yaml_parsers_stack_is_a_one_line_error(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    depth = 100_000  # libyaml's composer alone would crash the process (SIGSEGV) on this
    (decks / "deep.yaml").write_text(
        f"name: Deep\ncards:\n- id: a1\n  question: q\n  answer: {'[' * depth}{']' * depth}\n"
    )
    for command in ("due", "stats", "study"):
        run = dlcards(command, "--decks", "decks", "--db", "r.sqlite3", cwd=tmp_path)
        assert run.returncode == 1, (command, run.returncode, run.stderr)
        assert (
            run.stderr.strip() == "dlcards: error: decks/deep.yaml: nested too deeply to be a deck"
        )
