"""`dlcards import` of notes in every container and style, from the outside: the real CLI as
a subprocess, decks on disk, warnings on stderr."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml

from .conftest import FIXTURES
from .docx_files import paragraph, write_docx


def dlcards(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dlcards", *args], cwd=cwd, capture_output=True, text=True
    )


def decks_of(folder: Path) -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in folder.glob("*.yaml")}


def test_a_folder_of_every_style_imports_into_one_deck_each(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    shutil.copytree(FIXTURES / "styles", notes)
    write_docx(
        notes / "ecology.docx",
        [
            paragraph(("What is a food web?", True)),
            paragraph("Who eats whom."),
            paragraph(("Why do predators matter?", True)),
            paragraph("They keep grazers in check."),
        ],
    )
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    decks = decks_of(tmp_path / "decks")
    assert len(decks) == len(list(notes.iterdir()))
    counts = {name: len(d["cards"]) for name, d in decks.items()}
    assert counts["cells.yaml"] == 3 and counts["tutorial.yaml"] == 4
    assert counts["drill.yaml"] == 6 and counts["logseq-page.yaml"] == 3
    assert counts["ecology.yaml"] == 2 and counts["details.yaml"] == 2
    ecology = decks["ecology.yaml"]
    assert ecology["source"] == "notes/ecology.docx"
    assert ecology["cards"][1] | {"id": None} == {
        "id": None,
        "question": "Why do predators matter?",
        "answer": "They keep grazers in check.",
        "tags": ["ecology"],
        "line": 5,
    }
    again = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert again.returncode == 0 and decks_of(tmp_path / "decks") == decks


def test_dry_run_names_the_container_and_the_style_of_each_section(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "mixed.md").write_text(
        "# Biology\n\n## Cells\n\n<details><summary>What is a cell?</summary>\n"
        "The unit of life.\n</details>\n\n<details><summary>What is a nucleus?</summary>\n"
        "Where DNA is.\n</details>\n\n## Terms\n\n- **Mitosis** - cell division\n"
        "- **Meiosis** - division into gametes\n",
        encoding="utf-8",
    )
    shutil.copy(FIXTURES / "styles" / "drill.org", notes)
    run = dlcards("import", "notes", "--dry-run", "--out", "decks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "read as markdown" in out and "read as org, cards marked as org cards" in out
    assert "section 'Cells': 2 cards by details blocks" in out
    assert "section 'Terms': 2 cards by glossary" in out
    assert not (tmp_path / "decks").exists()


def test_malformed_notebook_csv_and_docx_warn_naming_the_file_and_others_import(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "broken.ipynb").write_text('{"cells": [ {"cell_type": "mark', encoding="utf-8")
    (notes / "wrong.ipynb").write_text('{"cells": 3, "nbformat": 4}', encoding="utf-8")
    (notes / "notzip.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with zipfile.ZipFile(notes / "empty.docx", "w") as z:
        z.writestr("hello.txt", "a zip without a Word document in it")
    (notes / "ragged.csv").write_bytes(b'front,back\n"open quote, never closed\nx,y\n')
    (notes / "good.txt").write_text("What is osmosis?\nWater crossing a membrane.\n")
    run = dlcards("import", "notes", "--out", "decks", cwd=tmp_path)
    assert "Traceback" not in run.stdout + run.stderr
    assert run.returncode == 0, run.stderr
    err = run.stderr.splitlines()
    for name in ("broken.ipynb", "wrong.ipynb", "notzip.docx", "empty.docx", "ragged.csv"):
        lines = [ln for ln in err if name in ln]
        assert len(lines) == 1 and "skipped" in lines[0], (name, err)
    assert (tmp_path / "decks" / "good.yaml").exists()
    assert not (tmp_path / "decks" / "broken.yaml").exists()
    assert "(invalid JSON at line 1, column 27)" in run.stderr  # where the notebook's JSON breaks
    assert "ragged.csv: skipped: not readable as CSV at line 2" in run.stderr


def test_notebook_is_read_as_cells_not_as_json_text(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "**What is a tensor?**\n\nAn array."},
        {"cell_type": "markdown", "metadata": {}, "source": ["**What is a gradient?**\n"]},
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": 1,
            "source": "x.grad",
            "outputs": [
                {
                    "output_type": "execute_result",
                    "data": {"text/plain": "7"},
                    "metadata": {},
                    "execution_count": 1,
                }
            ],
        },
    ]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (notes / "torch.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    assert dlcards("import", "notes", "--out", "decks", cwd=tmp_path).returncode == 0
    cards = decks_of(tmp_path / "decks")["torch.yaml"]["cards"]
    assert [(c["question"], c["answer"]) for c in cards] == [
        ("What is a tensor?", "An array."),
        ("What is a gradient?", "```\nx.grad\n```"),
    ]
    assert "cell_type" not in (tmp_path / "decks" / "torch.yaml").read_text(encoding="utf-8")
