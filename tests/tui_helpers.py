"""A small collection for the TUI tests: two decks, a temporary store, a fixed day and clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dlcards.collection import load_decks
from dlcards.decks import Card, Deck, write_deck
from dlcards.store import Store
from dlcards.tui.app import StudyApp

TODAY = date(2026, 3, 2)

ALPHA = [
    (
        "What is the SM-2 easiness factor?",
        "A number from 1.3 up, starting at 2.5.\n- higher: longer intervals",
    ),
    (
        "What does the momentum update look like?",
        "$v_i = \\beta v_{i-1} + \\frac{\\partial L}{\\partial w}$",
    ),
    ("Name the four grades", "Again, Hard, Good, Easy"),
    ("What is a lapse?", "A review graded below 3 (a failure)."),
    ("Code for a learning-rate finder", "```python\nlearn.lr_find()\n```"),
]
BETA = [("What is 2 + 2?", "4"), ("Capital of Peru?", "Lima")]


def make_decks(folder: Path) -> list[Deck]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows, prefix in (("Alpha", ALPHA, "a"), ("Beta", BETA, "b")):
        cards = tuple(Card(f"{prefix}{i}", q, a) for i, (q, a) in enumerate(rows))
        write_deck(Deck(name, f"notes/{name.lower()}.txt", cards), folder / f"{name.lower()}.yaml")
    return load_decks(folder)


class FakeClock:
    """Seconds that advance only when told: stable summaries and snapshots."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 7.0
        return self.now


def make_app(
    tmp_path: Path, *, names: list[str] | None = None, theme: str | None = None, **kwargs: object
) -> tuple[StudyApp, Store]:
    decks = make_decks(tmp_path / "decks")
    if names:
        decks = [d for d in decks if d.name in names]
    store = Store(tmp_path / "reviews.sqlite3")
    app = StudyApp(decks, store, TODAY, clock=FakeClock(), choose=not names, theme=theme, **kwargs)  # type: ignore[arg-type]
    return app, store


def png(path: Path, size: tuple[int, int] = (40, 20)) -> None:
    """A picture, red on the left half and blue on the right."""
    path.parent.mkdir(parents=True, exist_ok=True)
    from PIL import Image

    im = Image.new("RGB", size, (220, 30, 30))
    im.paste((30, 30, 220), (size[0] // 2, 0, size[0], size[1]))
    im.save(path)


def picture_app(tmp_path: Path, cards: list[tuple[str, str]]) -> tuple[StudyApp, Store]:
    decks = tmp_path / "decks"
    decks.mkdir(parents=True, exist_ok=True)
    deck = Deck(
        "Anatomy",
        "notes/anatomy.md",
        tuple(Card(f"p{i}", q, a) for i, (q, a) in enumerate(cards)),
    )
    write_deck(deck, decks / "anatomy.yaml")
    store = Store(tmp_path / "reviews.sqlite3")
    return StudyApp(load_decks(decks), store, TODAY, choose=False), store
