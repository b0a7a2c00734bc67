"""A card's pictures in the study screen (`dlcards.tui.pictures`): drawn under their side
through Pilot, refused with a reason when they cannot be, and drawn by the real `dlcards
study` in a terminal."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dlcards.decks import Card, Deck, write_deck
from dlcards.tui import pictures
from dlcards.tui.app import StudyApp

from .tui_helpers import picture_app, png

Image = pytest.importorskip("PIL.Image")
pytest.importorskip("textual_image")


@pytest.fixture(autouse=True)
def drawn() -> Iterator[None]:
    """Pictures drawn as `dlcards study` draws them off a terminal (half-cells)."""
    assert pictures.enable()
    yield
    pictures.disable()


def side(app: StudyApp, name: str) -> list[object]:
    box = app.screen.query_one(f"#{name}-pictures")
    return list(box.children) if box.display else []


async def test_each_side_draws_its_own_pictures_from_the_media_folder(tmp_path: Path) -> None:
    from textual_image.widget import HalfcellImage

    png(tmp_path / "decks" / "media" / "heart.png")
    png(tmp_path / "decks" / "media" / "valve.png", (30, 30))
    app, _ = picture_app(
        tmp_path,
        [
            ("Which organ? ![heart](media/heart.png)", "The heart ![valve](media/valve.png)"),
            ("Plain question", "plain answer"),
        ],
    )
    async with app.run_test(size=(80, 40)) as pilot:
        (drawn,) = side(app, "question")
        assert isinstance(drawn, HalfcellImage)
        assert side(app, "answer") == []  # the answer's picture waits for the answer
        screen = app.export_screenshot()
        assert "▄" in screen or "▀" in screen  # the picture, in coloured half-cells
        await pilot.press("space")
        assert side(app, "question") == [drawn]  # not drawn again when the answer shows
        (answer_picture,) = side(app, "answer")
        assert isinstance(answer_picture, HalfcellImage)
        await pilot.press("3")
        assert side(app, "question") == [] and side(app, "answer") == []  # the next card


async def test_a_picture_that_cannot_be_drawn_says_why_in_one_line(tmp_path: Path) -> None:
    media = tmp_path / "decks" / "media"
    media.mkdir(parents=True)
    (media / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    (media / "notes.png").write_text("a text file named like a picture")
    big = Image.new("1", (8000, 6000))  # 48 million pixels, a few kB on disk
    big.save(media / "huge.png")
    (tmp_path / "secret.png").write_bytes(b"")
    app, _ = picture_app(
        tmp_path,
        [
            (
                "![a](media/broken.png) ![b](media/notes.png) ![c](media/huge.png)",
                "outside: ![d](media/../secret.png)",
            )
        ],
    )
    async with app.run_test(size=(100, 40)) as pilot:
        lines = [str(w.render()) for w in side(app, "question")]
        assert lines[0].startswith("[picture broken.png: ")
        assert lines[1] == "[picture notes.png: not a picture Pillow reads; o opens it]"
        assert lines[2] == "[picture huge.png: 8000×6000 pixels is too large to draw; o opens it]"
        await pilot.press("space")
        assert side(app, "answer") == []  # a file outside media/ is never read


async def test_without_the_graphics_part_a_picture_is_its_alt_text(tmp_path: Path) -> None:
    png(tmp_path / "decks" / "media" / "heart.png")
    pictures.disable()
    app, _ = picture_app(tmp_path, [("Which organ? ![heart](media/heart.png)", "The heart")])
    async with app.run_test(size=(80, 24)):
        assert side(app, "question") == []


def test_pictures_are_turned_off_by_flag_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pictures.ENV, raising=False)
    assert pictures.wanted() and not pictures.wanted(flag_off=True)
    for off in ("off", "0", "No", "false"):
        monkeypatch.setenv(pictures.ENV, off)
        assert not pictures.wanted()
    monkeypatch.setenv(pictures.ENV, "on")
    assert pictures.wanted()


def test_dlcards_study_in_a_terminal_draws_the_picture(tmp_path: Path) -> None:
    from .test_tui_crash import StudyProcess

    png(tmp_path / "decks" / "media" / "heart.png")
    picture_app(tmp_path, [("Which organ? ![heart](media/heart.png)", "The heart")])
    remote = Deck(
        "Remote", "notes/remote.md", (Card("r0", "Which organ? ![x](https://e.org/x.png)", "A"),)
    )
    write_deck(remote, tmp_path / "decks" / "remote.yaml")
    shown: dict[str, bytes] = {}
    runs = (("on", (24, 80)), ("off", (24, 80)), ("unsized", (0, 0)), ("remote", (24, 80)))
    for mode, size in runs:
        os.environ[pictures.ENV] = "off" if mode == "off" else "on"
        try:
            db = tmp_path / "reviews.sqlite3"
            deck = "Remote" if mode == "remote" else "Anatomy"
            study = StudyProcess(tmp_path, db, deck=deck, size=size)
        finally:
            del os.environ[pictures.ENV]
        try:
            study.wait_for(b"Which organ?", time.monotonic() + 30)
            study.read(1.0)
            shown[mode] = study.screen
        finally:
            study.kill()
    half_cells = ("▄".encode(), "▀".encode())
    assert any(block in shown["on"] for block in half_cells)
    assert not any(block in shown["off"] for block in half_cells)
    assert b"\x1bP" not in shown["on"]  # no Sixel (a DCS string) from dlcards' own screen
    # a pty nobody sized made textual-image's probe divide by zero: the card, as alt text
    assert b"Which organ?" in shown["unsized"]
    # a remote picture is never drawn, so the terminal is not asked what it can draw
    assert b"\x1b_G" not in shown["remote"] and b"\x1b_G" not in shown["off"]
