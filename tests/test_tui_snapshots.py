"""Snapshot tests of the study screens (pytest-textual-snapshot), at 80x24.

Update after a deliberate change of the look with `python -m pytest --snapshot-update` and
review the SVGs in tests/__snapshots__/.
"""

from __future__ import annotations

from pathlib import Path

from .tui_helpers import make_app


def test_deck_list(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24))


def test_question(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, names=["Alpha"])
    assert snap_compare(app, terminal_size=(80, 24))


def test_answer_dark(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, names=["Alpha"])
    assert snap_compare(app, press=["space", "3", "space"], terminal_size=(80, 24))


def test_answer_light_large_terminal(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, names=["Alpha"], theme="textual-light")
    assert snap_compare(app, press=["space", "3", "space"], terminal_size=(120, 36))


def test_summary(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, names=["Beta"])
    assert snap_compare(app, press=["space", "3", "space", "1", "q"], terminal_size=(80, 24))


def test_nothing_due(snap_compare, tmp_path: Path) -> None:
    from datetime import timedelta

    from .tui_helpers import TODAY

    app, store = make_app(tmp_path, names=["Beta"])
    for cid in ("b0", "b1"):
        store.grade(cid, 5, TODAY - timedelta(days=1))
        store.grade(cid, 5, TODAY)
    assert snap_compare(app, terminal_size=(80, 24))


def test_question_with_a_picture(snap_compare, tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("textual_image")
    from dlcards.tui import pictures

    from .tui_helpers import picture_app, png

    png(tmp_path / "decks" / "media" / "heart.png", (48, 24))
    app, _ = picture_app(tmp_path, [("Which organ? ![heart](media/heart.png)", "The heart")])
    assert pictures.enable()
    try:
        assert snap_compare(app, terminal_size=(80, 24))
    finally:
        pictures.disable()
