"""`dlcards due` and `dlcards stats` from the outside, on fixed dates and a temporary database."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

from dlcards.cli import main
from dlcards.store import Store

DAY = date(2026, 3, 2)


def ids(project: Path, deck: str) -> list[str]:
    doc = yaml.safe_load((project / "decks" / deck).read_text(encoding="utf-8"))
    return [c["id"] for c in doc["cards"] if c["answer"]]


def test_due_counts_new_learning_and_reviews(project: Path, capsys) -> None:
    assert main(["import", "notes"]) == 0
    nn = ids(project, "nn-basics-2-flashcards.yaml")
    with Store(project / "reviews.sqlite3") as store:
        for cid in nn[:5]:
            store.grade(cid, 4, DAY - timedelta(days=1))  # due on DAY
        store.grade(nn[5], 1, DAY)  # failed today: learning
    capsys.readouterr()
    assert main(["due", "--today", DAY.isoformat(), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = {r["deck"]: r for r in data["decks"]}
    nb = rows["Neural Network Basics 2"]
    assert (nb["review"], nb["relearn"], nb["total"]) == (5, 1, 15)
    assert rows["DL Training Optimizations"]["unanswered"] == 7
    assert data["total"]["new"] == 19  # 20 a day, one new card already graded today
    assert main(["due", "--today", DAY.isoformat(), "part-1-flashcards"]) == 0
    out = capsys.readouterr().out
    assert "Part 1" in out and "Basics" not in out


def test_due_with_bundled_decks_from_any_folder(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dlcards", "due", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"DLCARDS_DB": str(tmp_path / "db.sqlite3"), "PATH": "/usr/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"]["total"] == 112


def test_stats_heatmap_retention_forecast(project: Path, capsys) -> None:
    assert main(["import", "notes"]) == 0
    cards = ids(project, "part-1-flashcards.yaml")
    with Store(project / "reviews.sqlite3") as store:
        for k, cid in enumerate(cards[:10]):
            store.grade(cid, 5 if k % 5 else 2, DAY - timedelta(days=k % 3))
    capsys.readouterr()
    assert main(["stats", "--today", DAY.isoformat(), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviews_30d"] == 10 and data["retention_30d"] == 0.8
    days = {d["day"]: d["reviews"] for d in data["heatmap"]["days"]}
    assert days[DAY.isoformat()] == 4 and days[(DAY - timedelta(days=1)).isoformat()] == 3
    assert (
        sum(d["due"] for d in data["forecast_7d"]) == 10
    )  # every graded card is due within 7 days
    assert data["ef_distribution"]["2.6-3.0"] == 8
    part1 = next(d for d in data["decks"] if d["deck"] == "Part 1")
    assert part1["studied"] == 10 and part1["retention_30d"] == 0.8
    assert main(["stats", "--today", DAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Retention over 30 days: 80% of 10 reviews" in out and "Mon" in out


def test_bad_database_and_bad_date_are_one_line_errors(project: Path, capsys) -> None:
    (project / "bad.sqlite3").write_bytes(b"garbage" * 1000)
    assert main(["due", "--db", "bad.sqlite3"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("dlcards: error: bad.sqlite3: not a usable dlcards database")
    assert main(["due", "--today", "2026-13-01"]) == 1
    assert "not a date" in capsys.readouterr().err


def test_progress_follows_card_ids_and_removed_cards_keep_history(project: Path, capsys) -> None:
    assert main(["import", "notes"]) == 0
    note = project / "notes" / "nn-basics-2-flashcards.txt"
    cards = yaml.safe_load((project / "decks" / "nn-basics-2-flashcards.yaml").read_text())["cards"]
    softmax = next(c["id"] for c in cards if c["question"] == "What is softmax?")
    augment = next(c["id"] for c in cards if c["question"] == "What is data augmentation?")
    with Store(project / "reviews.sqlite3") as store:
        store.grade(softmax, 5, DAY - timedelta(days=3))
        store.grade(augment, 5, DAY - timedelta(days=3))
    text = note.read_text(encoding="utf-8")
    text = text.replace("What is softmax?", "What is the softmax?")  # edited: same id
    text = text.replace("What is data augmentation?\n", "").replace(  # removed from the notes
        "Technique used to artificially increase the size and diversity of a training dataset by"
        " applying transformations to the existing data. This helps improve the model’s"
        " performance, generalization, and robustness without collecting new data.\n",
        "",
    )
    note.write_text(text, encoding="utf-8")
    assert main(["import", "notes"]) == 0
    cards = yaml.safe_load((project / "decks" / "nn-basics-2-flashcards.yaml").read_text())["cards"]
    ids = {c["question"]: c["id"] for c in cards}
    assert ids["What is the softmax?"] == softmax and augment not in ids.values()
    capsys.readouterr()
    assert main(["due", "--today", DAY.isoformat(), "--json", "nn-basics-2-flashcards"]) == 0
    row = json.loads(capsys.readouterr().out)["decks"][0]
    assert (row["review"], row["total"]) == (1, 14)  # the edited card is due; the removed one gone
    with Store(project / "reviews.sqlite3") as store:
        assert store.state(augment) is not None  # its history is kept, not shown
        assert {e.card_id for e in store.log()} == {softmax, augment}
