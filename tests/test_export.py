"""Anki export, proven by importing the package into Anki's own backend (the `anki` package)."""

from __future__ import annotations

import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcards.anki.render import render
from dlcards.cli import main
from dlcards.decks import Card, Deck, write_deck
from dlcards.store import Store
from dlcards.study_days import today as study_day

from .conftest import fuzz_examples

#: The study day, as dlcards and Anki count it (a day starts at 4 am): the calendar date
#: would be a day ahead of both between midnight and 4 am.
TODAY = study_day()


def import_into_anki(collection: Path, package: Path, with_scheduling: bool = False):
    col = Collection(str(collection))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=with_scheduling, merge_notetypes=True)
        log = col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(package), options=options)
        ).log
        notes = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            notes[note.guid] = (
                note.fields[0],
                note.fields[1],
                note.tags,
                col.decks.name(note.cards()[0].did),
                note.cards()[0],
            )
        return log, notes, col.sched.today
    finally:
        col.close()


def make_decks(folder: Path) -> None:
    cards = (
        Card(
            "m1",
            "What is the momentum update?",
            "$v_i = \\beta v_{i-1} + g$ and\n\n$$w = w - \\alpha v$$",
            ("optim",),
        ),
        Card(
            "x1",
            "Is this safe?",
            'Yes <script>alert(1)</script><b onclick="steal()">bold</b> '
            '<a href="javascript:evil()">link</a>\n\n```python\nprint("hi")\n```',
            ("security",),
        ),
        Card("u1", "An unanswered question?", "", ()),
        Card("t1", "A table?", "| a | b |\n|---|---|\n| 1 | 2 |", ("misc tag",)),
    )
    write_deck(Deck("Optimisers", "notes/o.txt", cards), folder / "optimisers.yaml")
    write_deck(
        Deck("Other", "notes/p.txt", (Card("o1", "Capital of Peru?", "Lima"),)),
        folder / "other.yaml",
    )


def test_anki_imports_notes_fields_tags_decks_mathjax_and_sanitised_html(
    tmp_path: Path, capsys
) -> None:
    make_decks(tmp_path / "decks")
    out = tmp_path / "out.apkg"
    assert main(["export", "--decks", str(tmp_path / "decks"), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Exported 2 decks, 4 notes" in printed and "skipped 1 cards without an answer" in printed
    log, notes, _ = import_into_anki(tmp_path / "c.anki2", out)
    assert len(log.new) == 4 and len(notes) == 4
    by_front = {v[0]: v for v in notes.values()}
    _, back, tags, deck, _ = by_front["What is the momentum update?"]
    assert "\\(v_i = \\beta v_{i-1} + g\\)" in back and "\\[w = w - \\alpha v\\]" in back
    assert tags == ["optim"] and deck == "dlcards::Optimisers"
    _, back, _, _, _ = by_front["Is this safe?"]
    assert "<script" not in back and "onclick" not in back and "javascript:" not in back
    assert "<b>bold</b>" in back and "<pre><code" in back
    assert "<table>" in by_front["A table?"][1] and by_front["A table?"][2] == ["misc_tag"]
    assert "An unanswered question?" not in by_front
    with zipfile.ZipFile(out) as z:
        assert set(z.namelist()) == {"collection.anki2", "media"}


def test_reexport_after_an_edit_updates_in_place_even_within_one_second(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    make_decks(decks)
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    assert main(["export", "--decks", str(decks), "-o", str(first)]) == 0
    path = decks / "other.yaml"
    path.write_text(path.read_text().replace("answer: Lima", "answer: Lima (on the coast)"))
    assert main(["export", "--decks", str(decks), "-o", str(second)]) == 0  # same second, surely
    collection = tmp_path / "c.anki2"
    import_into_anki(collection, first)
    log, notes, _ = import_into_anki(collection, second)
    assert len(log.updated) >= 1 and len(log.new) == 0
    assert len(notes) == 4
    assert any("Lima (on the coast)" in v[1] for v in notes.values())


def test_with_progress_carries_the_schedule(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    make_decks(decks)
    db = tmp_path / "r.sqlite3"
    with Store(db) as store:
        store.grade("o1", 5, TODAY - timedelta(days=7))
        store.grade("o1", 5, TODAY - timedelta(days=6))  # interval 6, due today
        store.grade("m1", 4, TODAY)  # interval 1, due tomorrow
        store.grade("m1", 1, TODAY, repeat=True)
        o1 = store.state("o1")
    out = tmp_path / "p.apkg"
    assert (
        main(["export", "--decks", str(decks), "--db", str(db), "--with-progress", "-o", str(out)])
        == 0
    )
    _, notes, today = import_into_anki(tmp_path / "c.anki2", out, with_scheduling=True)
    cards = {v[0]: v[4] for v in notes.values()}
    peru, momentum = cards["Capital of Peru?"], cards["What is the momentum update?"]
    assert (peru.type, peru.ivl, peru.factor, peru.reps) == (2, 6, o1.state.ef_hundredths * 10, 2)
    assert peru.due - today == (o1.state.due - TODAY).days == 0
    assert (momentum.ivl, momentum.due - today, momentum.factor) == (1, 1, 2500)
    assert cards["Is this safe?"].type == 0  # never reviewed: stays new


def test_with_progress_under_fsrs_carries_the_memory_state_into_anki(tmp_path: Path) -> None:
    """Anki's own FSRS goes on where dlcards left off: the imported card has the memory state
    dlcards computed, and the same interval and due day."""
    pytest.importorskip("fsrs_rs_python")
    from dlcards.kinds import SchedulerKind

    decks = tmp_path / "decks"
    make_decks(decks)
    db = tmp_path / "r.sqlite3"
    with Store(db) as store:
        store.grade("o1", 4, TODAY - timedelta(days=20))
        store.grade("o1", 4, TODAY - timedelta(days=12))
        store.grade("o1", 5, TODAY - timedelta(days=3))
        store.set_scheduler(SchedulerKind.FSRS, retention=0.9)
        mine = store.fsrs_state("o1")
        state = store.state("o1")
    assert mine is not None and mine.memory is not None and state is not None
    out = tmp_path / "p.apkg"
    argv = ["export", "--decks", str(decks), "--db", str(db), "--with-progress", "-o", str(out)]
    assert main(argv) == 0
    _, notes, today = import_into_anki(tmp_path / "c.anki2", out, with_scheduling=True)
    peru = {v[0]: v[4] for v in notes.values()}["Capital of Peru?"]
    assert peru.memory_state is not None
    assert peru.memory_state.stability == pytest.approx(mine.memory.stability, abs=1e-3)
    assert peru.memory_state.difficulty == pytest.approx(mine.memory.difficulty, abs=1e-2)
    assert peru.desired_retention == pytest.approx(0.9)
    assert state.state.interval == mine.interval  # the collection's schedule is FSRS's
    assert (peru.type, peru.ivl) == (2, mine.interval)
    assert peru.due - today == (state.state.due - TODAY).days


def test_bad_output_name_is_a_user_error(tmp_path: Path, capsys) -> None:
    make_decks(tmp_path / "decks")
    assert main(["export", "--decks", str(tmp_path / "decks"), "-o", str(tmp_path / "x.zip")]) == 1
    assert "must end in .apkg" in capsys.readouterr().err


HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:x()">a</a>',
        '<svg onload="x()">',
        "<iframe src='https://evil'></iframe>",
        '<div style="x" onmouseover="y">z</div>',
        "<SCRIPT>x</SCRIPT>",
        '<a href="JaVaScRiPt:x">b</a>',
        "<<script>script>x</script>",
        '<form action="javascript:x"><input onfocus="y" autofocus>',
        "`<script>`",
        "$<script>$",
        "<object data='x'></object>",
        '<body onload="x">',
        "<style>*{}</style>",
    ]
)


@settings(max_examples=fuzz_examples(400), deadline=None)
@given(st.lists(st.one_of(HOSTILE, st.text(max_size=20)), max_size=8).map(" ".join))
def test_no_script_or_event_handler_survives_rendering(text: str) -> None:
    soup = BeautifulSoup(render(text), "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in ("script", "iframe", "style", "object", "svg", "form", "input")
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), (tag, attr)
            assert "javascript:" not in str(value).lower().replace(" ", ""), (tag, attr)


@pytest.mark.parametrize(
    ("md", "html"),
    [
        ("costs $5 and $6", "costs $5 and $6"),
        ("`$x$` stays code", "<code>$x$</code>"),
        ("$x^2$", "\\(x^2\\)"),
    ],
)
def test_math_delimiters(md: str, html: str) -> None:
    assert html in render(md)


def test_bundled_decks_export(tmp_path: Path, capsys) -> None:
    out = tmp_path / "user.apkg"
    assert main(["export", "--db", str(tmp_path / "r.sqlite3"), "-o", str(out)]) == 0
    assert "Exported 5 decks, 101 notes" in capsys.readouterr().out
    _, notes, _ = import_into_anki(tmp_path / "c.anki2", out)
    assert len(notes) == 101
    data = yaml.safe_load(
        (Path(__file__).parent.parent / "decks" / "basics-stackedit.yaml").read_text()
    )
    assert data["name"] == "Basics"


@settings(max_examples=fuzz_examples(1000), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "b c",
                " ",
                "\n",
                "\n\n",
                "1",
                ".",
                "?",
                ",",
                "  ",
                "x.",
                "-",
                "é",
                "\t",
                "=",
                "+",
                ">",
                ")",
                '"',
                "'",
            ]
        ),
        max_size=14,
    ).map("".join)
)
def test_fast_path_renders_exactly_like_markdown_it(text: str) -> None:
    from dlcards.anki.render import _markdown

    if text.strip():
        assert render(text) == _markdown().render(text.strip("\n")).strip()


_LIST_LINE = st.tuples(
    st.sampled_from(["- ", "- ", "- ", "", "", "-  ", " ", "+ ", "1. ", "  - ", "-"]),
    st.lists(
        st.sampled_from(
            ["a", "b c", '"q"', "it's", "é", "x.", "1.", "-", "+", ">", "=", "---", " "]
        ),
        min_size=0,
        max_size=4,
    ).map(" ".join),
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_LIST_LINE, min_size=1, max_size=8).map("\n".join))
def test_list_fast_path_renders_exactly_like_markdown_it(text: str) -> None:
    """Lead-in plus "- " bullets, the commonest answer, skips markdown-it: same HTML."""
    from dlcards.anki.render import _markdown

    if text.strip():
        assert render(text) == _markdown().render(text.strip("\n")).strip()


@settings(max_examples=fuzz_examples(1000), deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "b c", " ", ">", "=>", "–>", "-", ".", "?", '"', "'", "1.", "x"]),
        min_size=1,
        max_size=10,
    ).map("".join)
)
def test_one_line_questions_render_exactly_like_markdown_it_inline(text: str) -> None:
    """Questions go out without a paragraph; arrows and quotes as markdown-it escapes them."""
    from dlcards.anki.render import _markdown

    if text.strip():
        assert render(text, inline=True) == _markdown().renderInline(text).strip()


@settings(max_examples=fuzz_examples(500), deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_note_guids_are_genankis(card_id: str) -> None:
    """Anki matches re-exported notes by GUID: ours must stay genanki's guid_for."""
    import genanki

    from dlcards.anki.identity import note_guid

    assert note_guid(card_id) == genanki.guid_for("dlcards", card_id)


def _package_rows(package: Path) -> dict[str, list[tuple]]:
    import sqlite3

    db = package.with_suffix(".anki2")
    db.write_bytes(zipfile.ZipFile(package).read("collection.anki2"))
    con = sqlite3.connect(db)
    try:
        return {
            t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("notes", "cards", "col")
        }
    finally:
        con.close()


def test_large_exports_made_by_worker_processes_hold_the_same_rows(
    tmp_path: Path, monkeypatch
) -> None:
    """From PARALLEL_FROM cards on, workers write the rows into scratch databases that are
    copied into the package: the same package as rows made in one process, and no scratch
    file left behind."""
    import tempfile

    from dlcards.anki import package as export

    today = date(2026, 3, 2)
    decks = [
        Deck(
            f"Deck {d}",
            f"notes/{d}.txt",
            tuple(
                Card(
                    f"c{d}-{i}",
                    f"Question {d}.{i}?",
                    "" if i % 7 == 3 else f"Answer\n- {i}",
                    ("t x",),
                )
                for i in range(60)
            ),
        )
        for d in range(5)
    ]
    with Store(tmp_path / "r.sqlite3") as store:
        for i in range(0, 60, 4):
            store.grade(f"c1-{i}", 5, today)
        states = store.states()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    monkeypatch.setattr(export, "PARALLEL_FROM", 10**9)
    one = export.export_package(decks, tmp_path / "one.apkg", mod_time=1_700_000_000, states=states)
    monkeypatch.setattr(export, "PARALLEL_FROM", 1)
    steps: list[int] = []
    many = export.export_package(
        decks, tmp_path / "many.apkg", mod_time=1_700_000_000, states=states, progress=steps.append
    )
    assert one == many and (many.notes, many.skipped, many.with_progress) == (255, 45, 13)
    assert _package_rows(tmp_path / "one.apkg") == _package_rows(tmp_path / "many.apkg")
    assert sum(steps) == many.notes and len(steps) > 1  # the bar moves as parts come in
    # where processes cannot fork (Windows, macOS), each worker gets its part pickled
    monkeypatch.setattr(export.mp, "get_all_start_methods", lambda: ["spawn"])
    export.export_package(decks, tmp_path / "sent.apkg", mod_time=1_700_000_000, states=states)
    assert _package_rows(tmp_path / "one.apkg") == _package_rows(tmp_path / "sent.apkg")
    assert list((tmp_path / "scratch").iterdir()) == []


def test_a_failing_worker_leaves_no_package_and_no_scratch_file(
    tmp_path: Path, monkeypatch
) -> None:
    import tempfile

    from dlcards.anki import package as export

    decks = [Deck("D", "notes/d.txt", tuple(Card(f"c{i}", f"Q{i}?", f"A{i}") for i in range(40)))]
    real = export.render

    def render(text: str, *, inline: bool = False) -> str:
        if text == "A33":
            raise RuntimeError("a renderer bug")
        return real(text, inline=inline)

    monkeypatch.setattr(export, "render", render)  # forked workers inherit it
    monkeypatch.setattr(export, "PARALLEL_FROM", 1)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    with pytest.raises(RuntimeError, match="a renderer bug"):
        export.export_package(decks, tmp_path / "out" / "d.apkg", mod_time=1_700_000_000)
    assert list((tmp_path / "scratch").iterdir()) == []
    assert list((tmp_path / "out").iterdir()) == []


def test_control_characters_in_cards_never_break_the_package_anki_reads(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    cards = (
        Card("c1", "Field\x1fseparator in a question?", "an answer with \x1f and \x00 in it"),
        Card("c2", "Escape\x1b[2J sequence?", "bell\x07 and \x85 next line\nsecond line"),
        Card("c3", "Plain?", "Plain."),
    )
    write_deck(Deck("Controls", "notes/c.txt", cards), decks / "controls.yaml")
    out = tmp_path / "c.apkg"
    assert main(["export", "--decks", str(decks), "-o", str(out)]) == 0
    log, notes, _ = import_into_anki(tmp_path / "c.anki2", out)
    assert len(log.new) == 3 and len(notes) == 3  # every note has its two fields
    fronts = {front: back for front, back, *_ in notes.values()}
    assert (
        fronts["Field\\x1fseparator in a question?"]
        == "<p>an answer with \\x1f and \\x00 in it</p>"
    )
    assert "Escape\\x1b[2J sequence?" in fronts
    for front, back in fronts.items():
        assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in front + back)
