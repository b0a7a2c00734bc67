"""The study TUI driven by Textual's Pilot: what the screen shows and what the store holds."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from textual.content import Content
from textual.widgets import Markdown, Static

from dlcards.scheduler import State
from dlcards.tui.app import StudyApp
from dlcards.tui.deck_list_screen import DeckListScreen
from dlcards.tui.nothing_due_screen import NothingDueScreen
from dlcards.tui.review_screen import ReviewScreen
from dlcards.tui.summary_screen import SummaryScreen

from .tui_helpers import TODAY, make_app


def question(app) -> str:
    return app.screen.query_one("#question", Markdown).source


def answer_shown(app) -> bool:
    return bool(app.screen.query_one("#answer", Markdown).display)


def text_of(app) -> str:
    """The text of the screen's Static widgets, markup removed."""
    return "\n".join(Content.from_markup(str(s.content)).plain for s in app.screen.query(Static))


async def test_reveal_grade_and_relearn_in_session(tmp_path: Path) -> None:
    app, store = make_app(tmp_path, names=["Alpha"])
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        assert question(app) == "What is the SM-2 easiness factor?"
        assert not answer_shown(app)
        await pilot.press("1")  # grades do nothing before the answer is shown
        assert store.log() == []
        await pilot.press("space")
        assert answer_shown(app)
        assert "Again · <1d" in str(app.screen.query_one("#grade-again").label)
        assert "Good · 1d" in str(app.screen.query_one("#grade-good").label)
        await pilot.press("1")  # Again: stored at once, comes back in this session
        assert [(e.card_id, e.grade, e.kind) for e in store.log()] == [("a0", 1, "new")]
        assert store.state("a0").state == State(0, 1.96, 1, TODAY + timedelta(days=1))
        assert question(app) == "What does the momentum update look like?"
        await pilot.press("enter")
        md = app.screen.query_one("#answer", Markdown).source
        assert "β" in md and "∂L/∂w" in md and "\\beta" not in md  # LaTeX shown readably
        for key in ("2", "space", "3", "space", "4"):
            await pilot.press(key)
        # a0 is back after three other cards (a1 Hard also comes back later)
        assert question(app) == "What is the SM-2 easiness factor?"
        assert "Again · <1d" in str(app.screen.query_one("#grade-again").label)
        await pilot.press("space")
        assert "Good · 1d" in str(app.screen.query_one("#grade-good").label)  # already scheduled
        await pilot.press("3")  # the repeat: logged as practice, schedule unchanged
        assert store.log()[-1].kind == "relearn"
        assert store.state("a0").state == State(0, 1.96, 1, TODAY + timedelta(days=1))
        assert [e.grade for e in store.log() if e.kind == "new"] == [1, 3, 4, 5]


async def test_undo_restores_state_log_and_card(tmp_path: Path) -> None:
    app, store = make_app(tmp_path, names=["Beta"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "4")
        assert store.state("b0") is not None and question(app) == "Capital of Peru?"
        await pilot.press("u")
        assert store.state("b0") is None and store.log() == []
        assert question(app) == "What is 2 + 2?" and not answer_shown(app)
        await pilot.press("u")  # nothing left to undo: no change, no crash
        assert question(app) == "What is 2 + 2?"


async def test_edit_saves_to_the_deck_file_keeping_the_id(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, names=["Beta"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "e")
        area = app.screen.query_one("#edit-answer")
        area.text = "Four (4)"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.query_one("#answer", Markdown).source == "Four (4)"
    doc = yaml.safe_load((tmp_path / "decks" / "beta.yaml").read_text(encoding="utf-8"))
    assert doc["cards"][0] == {"id": "b0", "question": "What is 2 + 2?", "answer": "Four (4)"}


async def test_bury_hides_the_card_until_tomorrow(tmp_path: Path) -> None:
    app, store = make_app(tmp_path, names=["Beta"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert store.state("b0").buried_until == TODAY + timedelta(days=1)
        assert question(app) == "Capital of Peru?"
        await pilot.press("space", "3")
        assert isinstance(app.screen, SummaryScreen)  # b0 did not come back
        text = text_of(app)
        assert "Buried           1" in text and "Cards reviewed   1" in text


async def test_summary_after_quitting(tmp_path: Path) -> None:
    app, store = make_app(tmp_path, names=["Alpha"])
    store.grade("b0", 4, TODAY)  # due tomorrow too, but in a deck not studied: not counted
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "3", "space", "1", "q")
        assert isinstance(app.screen, SummaryScreen)
        text = text_of(app)
        assert "Cards reviewed   2" in text and "Correct          50%" in text
        assert "Due tomorrow     2" in text and "Time spent       0:" in text
        await pilot.press("q")
    assert len(store.log()) == 3  # b0 above, and the two grades of the session


async def test_nothing_due_is_a_friendly_screen(tmp_path: Path) -> None:
    app, store = make_app(tmp_path, names=["Beta"])
    for cid in ("b0", "b1"):
        store.grade(cid, 5, TODAY - timedelta(days=1))  # due today... then once more
        store.grade(cid, 5, TODAY)
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, NothingDueScreen)
        text = text_of(app)
        assert "nothing is due" in text and "on 2026-03-08" in text  # 6 days after today


async def test_deck_list_when_several_decks_are_due(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, DeckListScreen)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert question(app) == "What is 2 + 2?"  # the Beta deck


async def test_deck_list_a_studies_all(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        assert app.session is not None and len(app.session.queue) == 7


async def test_help_overlay_lists_every_key(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, names=["Beta"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        text = text_of(app)
        for key in ("space / enter", "undo", "edit", "bury", "end the session"):
            assert key in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_cram_changes_no_schedule(tmp_path: Path) -> None:
    app, store = make_app(tmp_path, names=["Beta"], cram=True)
    store.grade("b0", 5, TODAY)
    before = store.state("b0")
    async with app.run_test(size=(80, 24)) as pilot:
        assert question(app) == "What is 2 + 2?"
        await pilot.press("space", "1", "space", "4")
    assert store.state("b0") == before
    assert [e.kind for e in store.log()] == ["new", "cram", "cram"]


async def test_bundled_decks_are_not_edited_in_place(tmp_path: Path) -> None:
    from dlcards.collection import load_decks
    from dlcards.locations import BUNDLED_DECKS
    from dlcards.store import Store
    from dlcards.tui.app import StudyApp

    decks = load_decks(BUNDLED_DECKS, ["nn-basics-2-flashcards"])
    before = (BUNDLED_DECKS / "nn-basics-2-flashcards.yaml").read_bytes()
    app = StudyApp(decks, Store(tmp_path / "r.sqlite3"), TODAY, choose=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "e")
        assert isinstance(app.screen, ReviewScreen)  # no editor over a packaged file
    assert (BUNDLED_DECKS / "nn-basics-2-flashcards.yaml").read_bytes() == before


async def test_progress_line_shows_the_share_of_the_session_done(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, names=["Beta"])
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.screen.query_one("#progress")
        assert str(bar.render()).endswith("   0%") and bar.render().cell_len == bar.size.width
        await pilot.press("space", "3")
        assert str(bar.render()).endswith("  50%")


async def test_saving_an_unchanged_multi_line_question_leaves_the_deck_as_it_was(
    tmp_path: Path,
) -> None:
    from dlcards.collection import load_decks
    from dlcards.decks import Card, Deck, write_deck
    from dlcards.store import Store
    from dlcards.tui.app import StudyApp

    folder = tmp_path / "decks"
    question_text = "Given the table below,\nwhich column is the key?"
    write_deck(
        Deck("Gamma", "notes/g.md", (Card("g0", question_text, "The first one."),)),
        folder / "gamma.yaml",
    )
    before = (folder / "gamma.yaml").read_bytes()
    app = StudyApp(load_decks(folder), Store(tmp_path / "r.sqlite3"), TODAY, choose=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert app.screen.query_one("#edit-question").text == question_text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert question(app) == question_text
    assert (folder / "gamma.yaml").read_bytes() == before  # not flattened, not rewritten


async def test_a_save_while_an_import_holds_the_folder_keeps_the_editor_open(
    tmp_path: Path,
) -> None:
    from dlcards.locking import folder_lock
    from dlcards.tui.edit_screen import EditScreen

    app, _ = make_app(tmp_path, names=["Beta"])
    deck_file = tmp_path / "decks" / "beta.yaml"
    before = deck_file.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "e")
        app.screen.query_one("#edit-answer").text = "Four (4)"
        with folder_lock(tmp_path / "decks", "a test import"):
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, EditScreen)  # the typed text is still there
            assert app.screen.query_one("#edit-answer").text == "Four (4)"
            assert deck_file.read_bytes() == before
            assert any("another dlcards process" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+s")  # the import is done: saved now
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert "Four (4)" in deck_file.read_text(encoding="utf-8")


async def test_a_very_long_answer_is_revealed_cut_with_a_note_of_what_is_left(
    tmp_path: Path,
) -> None:
    from dlcards.collection import load_decks
    from dlcards.decks import Card, Deck, write_deck
    from dlcards.store import Store
    from dlcards.tui.app import StudyApp
    from dlcards.tui.widgets.review.card_view import SHOWN_LINES

    folder = tmp_path / "decks"
    answer = "\n".join(f"- point {i} of the long answer" for i in range(20_000))
    write_deck(
        Deck("Long", "notes/l.md", (Card("l0", "List everything.", answer),)), folder / "l.yaml"
    )
    app = StudyApp(load_decks(folder), Store(tmp_path / "r.sqlite3"), TODAY, choose=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert not app.screen.query_one("#answer", Markdown).display
        long = app.screen.query_one("#answer-long", Static)
        assert long.display
        shown, note = long.content.renderables  # type: ignore[attr-defined]
        assert shown.markup.count("\n") + 1 == SHOWN_LINES  # the first part, drawn by Rich
        assert f"{20_000 - SHOWN_LINES:,} more lines not shown" in str(note)
        await pilot.press("3")  # graded as usual
        assert app.store.state("l0") is not None


async def test_a_grade_while_another_process_holds_the_database_waits_visibly(
    tmp_path: Path,
) -> None:
    import sqlite3

    app, store = make_app(tmp_path, names=["Beta"])
    blocker = sqlite3.connect(tmp_path / "reviews.sqlite3", isolation_level=None)
    async with app.run_test(size=(80, 24)) as pilot:
        blocker.execute("BEGIN IMMEDIATE")  # another process's long write
        await pilot.press("space", "3")
        await pilot.pause()
        busy = app.screen.query_one("#busy", Static)
        assert busy.display and "database is busy" in str(busy.content)
        assert question(app) == "What is 2 + 2?"  # the card stays until its grade is saved
        await pilot.press("4")  # the grade changed while waiting: the new one is kept
        blocker.execute("COMMIT")  # the other process is done
        await pilot.pause(1.2)  # the retry saves it
        assert not busy.display and question(app) == "Capital of Peru?"
    blocker.close()
    assert [(e.card_id, e.grade) for e in store.log()] == [("b0", 5)]


async def test_ending_a_session_while_the_database_is_busy_keeps_the_grade_for_later(
    tmp_path: Path,
) -> None:
    import sqlite3

    from dlcards.store import Store

    app, store = make_app(tmp_path, names=["Beta"])
    blocker = sqlite3.connect(tmp_path / "reviews.sqlite3", isolation_level=None)
    async with app.run_test(size=(80, 24)) as pilot:
        blocker.execute("BEGIN IMMEDIATE")
        await pilot.press("space", "3")
        await pilot.pause()
        await pilot.press("q")  # ends the session: the grade goes beside the database
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert store.pending_path.exists() and store.log() == []
    blocker.execute("ROLLBACK")
    blocker.close()
    with Store(tmp_path / "reviews.sqlite3") as again:  # the next command opens the store
        assert [(e.card_id, e.grade) for e in again.log()] == [("b0", 4)]
        assert again.state("b0") is not None
    assert not store.pending_path.exists()
    with Store(tmp_path / "reviews.sqlite3") as third:  # replayed once, never twice
        assert len(third.log()) == 1


async def test_a_full_disk_while_grading_keeps_the_grade_and_says_why(
    tmp_path: Path, monkeypatch
) -> None:
    import sqlite3

    from dlcards.store import Store

    app, store = make_app(tmp_path, names=["Beta"])
    real = Store.grade
    failures = iter([True, True, True])

    def full_disk(self, *args, **kwargs):  # the disk fills up for the first three tries
        if next(failures, False):
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "grade", full_disk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "3")
        await pilot.pause()
        busy = app.screen.query_one("#busy", Static)
        assert busy.display and "disk is full" in str(busy.content)
        assert question(app) == "What is 2 + 2?"
        await pilot.pause(1.6)  # retried until the disk has room again
        assert not busy.display and question(app) == "Capital of Peru?"
    assert [(e.card_id, e.grade) for e in store.log()] == [("b0", 4)]


async def test_under_fsrs_the_buttons_show_fsrs_intervals_and_steps_come_back(
    tmp_path: Path,
) -> None:
    pytest.importorskip("fsrs_rs_python")
    from dlcards.fsrs_scheduler import ANKI_LEARNING_STEPS, ANKI_RELEARNING_STEPS
    from dlcards.kinds import SchedulerKind

    app, store = make_app(tmp_path, names=["Beta"])
    store.set_scheduler(
        SchedulerKind.FSRS,
        learning_steps=ANKI_LEARNING_STEPS,
        relearning_steps=ANKI_RELEARNING_STEPS,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        assert question(app) == "What is 2 + 2?"
        await pilot.press("space")
        assert button_spans(app) == ["1m", "6m", "10m", "8d"]
        await pilot.press("3")  # Good: the first learning step, so it comes back
        assert question(app) == "Capital of Peru?"
        await pilot.press("space", "4")  # Easy graduates at once
        assert question(app) == "What is 2 + 2?"  # back for its second step
        await pilot.press("space")
        assert str(app.screen.query_one("#grade-good").label).endswith("d")
        await pilot.press("3")
        assert [e.kind for e in store.log()] == ["new", "new", "relearn"]
        fsrs_state = store.fsrs_state("b0")
        assert fsrs_state is not None and fsrs_state.interval >= 1


def button_spans(app: StudyApp) -> list[str]:
    """The interval each of the four study buttons shows."""
    return [
        str(app.screen.query_one(f"#grade-{n}").label).split("·")[-1].strip()
        for n in ("again", "hard", "good", "easy")
    ]


async def test_under_fsrs_default_steps_a_failed_new_card_comes_back_once(tmp_path: Path) -> None:
    pytest.importorskip("fsrs_rs_python")
    from dlcards.kinds import SchedulerKind

    app, store = make_app(tmp_path, names=["Beta"])
    store.set_scheduler(SchedulerKind.FSRS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        assert button_spans(app) == ["15m", "22m", "2d", "8d"]
        await pilot.press("1")  # Again: back on its one 15-minute step
        assert question(app) == "Capital of Peru?"
        await pilot.press("space", "3")  # Good on a new card graduates at once
        assert question(app) == "What is 2 + 2?"  # only the failed card is left: learn-ahead
        await pilot.press("space")
        assert all(span.endswith("d") for span in button_spans(app)[2:])
        await pilot.press("3")
        assert [e.kind for e in store.log()] == ["new", "new", "relearn"]
