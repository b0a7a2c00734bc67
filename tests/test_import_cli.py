"""`dlcards import` from the outside: files on disk, exit codes, messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dlcards.cli import main


def run(*args: str) -> int:
    return main(list(args))


def deck(project: Path, name: str) -> dict:
    return yaml.safe_load((project / "decks" / name).read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_import_writes_one_deck_per_note_following_the_schema(project: Path, capsys) -> None:
    assert run("import", "notes") == 0
    names = sorted(p.name for p in (project / "decks").glob("*.yaml"))
    assert names == [
        "basics-stackedit.yaml",
        "dl-training-optimizations.yaml",
        "lecture-nn-architecture.yaml",
        "nn-basics-2-flashcards.yaml",
        "part-1-flashcards.yaml",
    ]
    d = deck(project, "nn-basics-2-flashcards.yaml")
    assert d["name"] == "Neural Network Basics 2"
    assert d["source"] == "notes/nn-basics-2-flashcards.txt"
    first = d["cards"][0]
    assert set(first) == {"id", "question", "answer", "tags", "line"}
    assert first["question"] == "What is data augmentation?" and first["line"] == 2
    assert len(first["id"]) == 12
    out = capsys.readouterr().out
    assert "112 cards (11 without an answer)" in out
    assert "What is Triplet Loss?" in out  # unanswered questions are listed


def test_source_names_the_real_note_behind_symlinks(project: Path) -> None:
    archive = project / "archive"
    archive.mkdir()
    (archive / "real-cards.txt").write_text("What is a tensor?\nAn n-dimensional array.\n")
    (project / "notes" / "linked-cards.txt").symlink_to(archive / "real-cards.txt")
    (project / "shelf").symlink_to(archive, target_is_directory=True)
    assert run("import", "notes", "shelf") == 0
    assert deck(project, "linked-cards.yaml")["source"] == "archive/real-cards.txt"
    assert deck(project, "real-cards.yaml")["source"] == "archive/real-cards.txt"
    assert deck(project, "part-1-flashcards.yaml")["source"] == "notes/part-1-flashcards.txt"


def test_reimport_of_unchanged_notes_is_byte_identical(project: Path) -> None:
    assert run("import", "notes") == 0
    before = snapshot(project / "decks")
    assert run("import", "notes") == 0
    assert snapshot(project / "decks") == before


def test_slight_edits_keep_card_ids(project: Path) -> None:
    assert run("import", "notes") == 0
    old = {c["question"]: c["id"] for c in deck(project, "part-1-flashcards.yaml")["cards"]}
    note = project / "notes" / "part-1-flashcards.txt"
    text = note.read_text(encoding="utf-8")
    text = text.replace("What is Dropout?", "What is dropout ?")  # case and spacing
    text = text.replace("What is model capacity?", "What is a model's capacity?")  # a word
    text = text.replace("add a penalty term to the loss function", "add a penalty to the loss")
    text = text.replace("What is multi-task learning (MTL)?\n", "What is a Hopfield network?\n")
    note.write_text(text, encoding="utf-8")
    assert run("import", "notes") == 0
    new = {c["question"]: c["id"] for c in deck(project, "part-1-flashcards.yaml")["cards"]}
    assert new["What is dropout ?"] == old["What is Dropout?"]
    assert new["What is a model's capacity?"] == old["What is model capacity?"]
    assert (
        new["What is the main idea of regularization in the loss function?"]
        == old["What is the main idea of regularization in the loss function?"]
    )
    assert new["What is a Hopfield network?"] not in old.values()  # a new card, a new id


def test_a_filled_in_answer_survives_reimport(project: Path, capsys) -> None:
    assert run("import", "notes") == 0
    path = project / "decks" / "dl-training-optimizations.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace(
        "question: What is Triplet Loss?\n  answer: ''",
        "question: What is Triplet Loss?\n  answer: A loss on anchor, positive and negative"
        " examples",
    )
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    assert run("import", "notes") == 0
    cards = {c["question"]: c["answer"] for c in deck(project, path.name)["cards"]}
    assert cards["What is Triplet Loss?"] == "A loss on anchor, positive and negative examples"
    assert path.read_text(encoding="utf-8") == edited
    assert "kept hand edit" in capsys.readouterr().out


def test_conflicting_edit_in_deck_and_notes_refuses_unless_forced(project: Path, capsys) -> None:
    assert run("import", "notes") == 0
    path = project / "decks" / "nn-basics-2-flashcards.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "answer: learn.lr_find()", "answer: learn.lr_find() -- my own note"
        ),
        encoding="utf-8",
    )
    note = project / "notes" / "nn-basics-2-flashcards.txt"
    note.write_text(
        note.read_text(encoding="utf-8").replace("learn.lr_find()", "learn.lr_find(start_lr=1e-7)"),
        encoding="utf-8",
    )
    before = path.read_bytes()
    assert run("import", "notes") == 1
    err = capsys.readouterr().err
    assert "edited in the deck and in the notes" in err and "--force" in err
    assert path.read_bytes() == before  # nothing overwritten
    assert run("import", "notes", "--force") == 0
    answers = [c["answer"] for c in deck(project, path.name)["cards"]]
    assert "learn.lr_find(start_lr=1e-7)" in answers


def test_dry_run_writes_nothing_and_flags_doubtful_splits(project: Path, capsys) -> None:
    assert run("import", "notes", "--dry-run") == 0
    assert not (project / "decks").exists()
    out = capsys.readouterr().out
    assert "Q: Techniques to improve model perfomance" in out
    assert "least sure of" in out and "Code for learning rate finder" in out


def test_unreadable_inputs_warn_and_the_rest_is_imported(project: Path, capsys) -> None:
    notes = project / "notes"
    (notes / "scan.dat").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (notes / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")  # a note's attachment
    (notes / "latin.txt").write_bytes(
        "Qu'est-ce qu'un réseau?\nUne fonction paramétrée très générale\n".encode("cp1252")
    )
    (notes / "empty.txt").write_bytes(b"")
    assert run("import", "notes") == 0
    captured = capsys.readouterr()
    assert "scan.dat: binary" in captured.err
    assert "figure.png" not in captured.err + captured.out  # pictures are media, not notes
    assert "latin.txt: not UTF-8; decoded as" in captured.err
    latin = deck(project, "latin.yaml")
    assert latin["cards"][0]["question"] == "Qu'est-ce qu'un réseau?"
    assert latin["cards"][0]["answer"] == "Une fonction paramétrée très générale"
    assert (project / "decks" / "part-1-flashcards.yaml").exists()


def test_broken_existing_deck_is_reported_and_not_overwritten(project: Path, capsys) -> None:
    assert run("import", "notes") == 0
    path = project / "decks" / "part-1-flashcards.yaml"
    path.write_text("name: [broken\n", encoding="utf-8")
    assert run("import", "notes") == 1
    err = capsys.readouterr().err
    assert f"{Path('decks') / 'part-1-flashcards.yaml'}:" in err and "not replaced" in err
    assert path.read_text(encoding="utf-8") == "name: [broken\n"
    assert (project / "decks" / "nn-basics-2-flashcards.yaml").exists()


def test_usage_and_user_errors_have_exit_codes_and_one_line(project: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dlcards", "import", "nowhere"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == "dlcards: error: nowhere: no such file or folder"
    proc = subprocess.run(
        [sys.executable, "-m", "dlcards", "import"], capture_output=True, text=True
    )
    assert proc.returncode == 2


@pytest.mark.parametrize("bad_title", ["../../x", "a/b\\c", "..", "<script>"])
def test_deck_files_stay_in_the_output_folder(project: Path, bad_title: str) -> None:
    notes = project / "evil"
    notes.mkdir()
    (notes / "evil.md").write_text(f"# {bad_title}\n\n## Q one\n\nanswer\n", encoding="utf-8")
    assert run("import", "evil", "--out", "out") == 0
    written = [p.relative_to(project).as_posix() for p in project.rglob("*.yaml")]
    assert written == ["out/evil.yaml"]


def test_import_in_a_terminal_shows_progress_and_imports_every_note(tmp_path: Path) -> None:
    """In a terminal, from 10 notes on, the import shows a progress bar: the same notes must
    be imported as without one (it once passed the folders themselves on)."""
    import os
    import pty
    import select

    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(12):
        (notes / f"topic-{i}.txt").write_text(f"What is {i}?\nIt is {i}.\n", encoding="utf-8")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dlcards", "import", str(notes), "--out", str(tmp_path / "d")],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"},
    )
    os.close(slave)
    seen = b""
    while select.select([master], [], [], 30)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed: the command is done
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.wait(timeout=30) == 0, seen.decode(errors="replace")[-800:]
    assert b"Importing notes" in seen  # the bar was shown
    assert sorted(p.name for p in (tmp_path / "d").glob("*.yaml")) == sorted(
        f"topic-{i}.yaml" for i in range(12)
    )


def _card_by_id(project: Path, name: str) -> dict[str, dict]:
    return {c["id"]: c for c in deck(project, name)["cards"]}


def test_a_question_rewritten_by_hand_survives_reimport_with_its_id(project: Path, capsys) -> None:
    assert run("import", "notes") == 0
    path = project / "decks" / "nn-basics-2-flashcards.yaml"
    before = _card_by_id(project, path.name)
    cid, card = next(
        (i, c) for i, c in before.items() if c["question"] == "What is data augmentation?"
    )
    text = path.read_text(encoding="utf-8")
    edited = text.replace(
        "question: What is data augmentation?",
        "question: Which trick grows a training set from the images it already has?",
    )
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert run("import", "notes") == 0
    assert "kept hand edit" in capsys.readouterr().out
    after = _card_by_id(project, path.name)
    assert (
        after[cid]["question"] == "Which trick grows a training set from the images it already has?"
    )
    assert after[cid]["answer"] == card["answer"] and set(after) == set(before)
    assert path.read_text(encoding="utf-8") == edited  # nothing else moved


def test_a_rewritten_question_whose_notes_changed_too_is_a_conflict(project: Path, capsys) -> None:
    assert run("import", "notes") == 0
    path = project / "decks" / "nn-basics-2-flashcards.yaml"
    cid = next(i for i, c in _card_by_id(project, path.name).items() if "lr_find" in c["answer"])
    question = _card_by_id(project, path.name)[cid]["question"]
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            f"question: {question}", "question: How do I find a good learning rate in fastai?"
        ),
        encoding="utf-8",
    )
    note = project / "notes" / "nn-basics-2-flashcards.txt"
    note.write_text(
        note.read_text(encoding="utf-8").replace("learn.lr_find()", "learn.lr_find(start_lr=1e-7)"),
        encoding="utf-8",
    )
    before = path.read_bytes()
    assert run("import", "notes") == 1
    err = capsys.readouterr().err
    assert f"card {cid}" in err and "edited in the deck and in the notes" in err
    assert path.read_bytes() == before
    assert run("import", "notes", "--force") == 0
    forced = _card_by_id(project, path.name)[cid]  # the notes' version, under the same id
    assert forced["question"] == question and "start_lr=1e-7" in forced["answer"]
