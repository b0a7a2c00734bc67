"""Anki's own backend for the export tests: a collection with a package imported into it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any


@contextlib.contextmanager
def imported_into_anki(
    collection: Path, package: Path, *, with_scheduling: bool = False
) -> Iterator[Any]:
    """The Anki collection at `collection` (created if new) after importing `package`, as
    Anki's importer does it (note types merged); closed when the block ends."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(collection))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=with_scheduling, merge_notetypes=True)
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(package), options=options)
        )
        yield col
    finally:
        col.close()


#: A one-pixel PNG (the studied collection's image).
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63f8cfc0f01f0005000201e2a1ed5a0000000049454e44ae426082"
)


def studied_collection(folder: Path, *, reviews: int = 300, days: int = 60) -> Path:
    """An Anki collection studied with Anki's own scheduler: two decks (`Physics` and the
    nested `Spanish::Verbs`), Basic, Basic-and-reversed, optional-reversed (one with and one
    without its reverse card), Cloze and type-in notes, one image; `reviews` grades spread
    over `days` days (each day passes by moving the collection's creation time, its revlog
    and its learning due times back a day, as Anki's own tests move time), the answer time
    of each review set; then one card suspended, one buried, one lapsed today (so it is in
    learning), and five notes never studied.  Returns the collection's path."""
    import random
    import time

    from anki.collection import Collection

    path = str(folder / "collection.anki2")
    col = Collection(path)
    physics = col.decks.id("Physics")
    verbs = col.decks.id("Spanish::Verbs")

    def add(model: str, deck: Any, **fields: str) -> None:
        note = col.new_note(col.models.by_name(model))
        for key, value in fields.items():
            note[key] = value
        col.add_note(note, deck)

    for i in range(20):
        add("Basic", physics, Front=f"Which law is number {i}?", Back=f"<b>Law</b> {i}<br>proof")
    for i in range(5):
        add("Basic (and reversed card)", verbs, Front=f"verbo {i}", Back=f"verb {i}")
    optional = "Basic (optional reversed card)"
    add(optional, verbs, Front="hablar", Back="to speak", **{"Add Reverse": "y"})
    add(optional, verbs, Front="comer", Back="to eat")
    text = "The {{c1::electron}} carries {{c2::-e::a charge}}."
    add("Cloze", physics, Text=text, **{"Back Extra": "See <i>Millikan</i>."})
    (folder / "dot.png").write_bytes(PIXEL_PNG)
    name = col.media.add_file(str(folder / "dot.png"))
    add("Basic", physics, Front=f'Which shape is this? <img src="{name}">', Back="A dot")
    add("Basic (type in the answer)", physics, Front="The speed of light?", Back="c")
    col.close()

    rng = random.Random(5)
    given = 0
    for day in range(days):
        col = Collection(path)
        for top in ("Physics", "Spanish"):
            col.decks.select(col.decks.id(top))
            while given < reviews and day < days - 3:
                card = col.sched.getCard()
                if card is None:
                    break
                card.timer_started = time.time() - rng.uniform(1.5, 25.0)
                col.sched.answerCard(card, rng.choices([1, 2, 3, 4], [2, 1, 5, 1])[0])
                given += 1
        col.db.execute("UPDATE col SET crt = crt - 86400")
        col.db.execute("UPDATE revlog SET id = id - 86400000")
        col.db.execute("UPDATE cards SET due = due - 86400 WHERE queue IN (1, 4)")
        col.close()
    col = Collection(path)
    for i in range(5):
        add("Basic", physics, Front=f"Unstudied question {i}?", Back=f"Answer {i}")
    due = col.find_cards("deck:Physics is:due")
    col.decks.select(physics)
    card = col.get_card(due[2])
    card.start_timer()
    col.sched.answerCard(card, 1)  # a lapse: relearning, due again in minutes
    col.sched.deck_due_tree()  # Anki unburies when it first counts a new day: before burying
    col.sched.suspend_cards([due[0]])
    col.sched.bury_cards([due[1]])
    col.close()
    return Path(path)


def anki_due_counts(collection: Path) -> dict[str, tuple[int, int]]:
    """Per deck with cards of its own: (new, learning + review) as Anki's deck list shows
    them today."""
    from anki.collection import Collection

    col = Collection(str(collection))
    try:
        out: dict[str, tuple[int, int]] = {}

        def walk(node: Any, prefix: str) -> None:
            for child in node.children:
                name = f"{prefix}{child.name}"
                if col.db.scalar("SELECT COUNT(*) FROM cards WHERE did = ?", child.deck_id):
                    out[name] = (child.new_count, child.learn_count + child.review_count)
                walk(child, f"{name}::")

        walk(col.sched.deck_due_tree(), "")
        return out
    finally:
        col.close()


def export_packages(collection: Path, folder: Path) -> dict[str, Path]:
    """The collection as Anki exports it: a current `.apkg`, a legacy one, a `.colpkg`."""
    from anki.collection import Collection, ExportAnkiPackageOptions

    col = Collection(str(collection))
    out = {name: folder / name for name in ("deck.apkg", "legacy.apkg", "whole.colpkg")}
    try:
        for name, legacy in (("deck.apkg", False), ("legacy.apkg", True)):
            col.export_anki_package(
                out_path=str(out[name]),
                options=ExportAnkiPackageOptions(
                    with_scheduling=True, with_media=True, with_deck_configs=True, legacy=legacy
                ),
                limit=None,
            )
        col.export_collection_package(str(out["whole.colpkg"]), include_media=True, legacy=False)
    finally:
        col.close()
    return out
