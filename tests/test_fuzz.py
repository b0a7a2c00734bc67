"""Property tests: arbitrary text, HTML, Org, notebooks, CSV, Word archives and YAML never
crash the parser or the deck loader (a container that cannot be read is a one-line
NoteError, which the import reports as a warning)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlcards.decks import DeckError, parse_deck
from dlcards.parse import FORMATS, NoteError, parse_note

from .conftest import fuzz_examples

LINE_PIECES = st.sampled_from(
    [
        "What is X?",
        "Why?",
        "- item",
        "–> arrow",
        "Q: q",
        "A: a",
        "::",
        "a::b",
        "?",
        "\t",
        "# Heading",
        "## What now?",
        "**bold?**",
        "```",
        "    code",
        "<p>",
        "</div>",
        "<h2>T</h2>",
        "$x_i$",
        "When it rains, it pours.",
        "",
        " ",
        "Techniques for X",
        "1. one",
        "---",
        "<details>",
        "<summary>Why not?</summary>",
        "</details>",
        "START",
        "Basic",
        "Front:",
        "Back: b",
        "END",
        "- What is it? #card",
        "  card-repeats:: 2",
        "\t- child",
        "- **Term** - definition",
        "**Term:** definition",
        "Q1) first",
        "Ans. it",
        "i. What then?",
        "*bold line*",
        "== Section",
        "=======",
        "#+TITLE: t",
        "* Item :drill:",
        "** Answer",
        ":PROPERTIES:",
        ":END:",
        "  - What is X? ::",
        "#+BEGIN_SRC python",
        "#+END_SRC",
        ".. math::",
        "front;back",
        "q;; a",
        "term*definition",
        '"quoted, field",x',
        "![[img.png]]",
        "<ul>",
        "<li>x</li>",
    ]
)
NOTE_TEXT = st.lists(st.one_of(LINE_PIECES, st.text(max_size=40)), max_size=40).map("\n".join)
SETTINGS = settings(
    max_examples=fuzz_examples(800), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(
    text=NOTE_TEXT,
    fmt=st.sampled_from([None, *FORMATS]),
    name=st.sampled_from(
        ["n.txt", "n.md", "n.html", "n.tsv", "n.csv", "n.org", "n.rst", "n.adoc", "n.ipynb"]
    ),
)
def test_parser_never_crashes_and_every_card_has_a_question(
    text: str, fmt: str | None, name: str
) -> None:
    try:
        note = parse_note(text, name, fmt)
    except NoteError as exc:  # a container that cannot be read: one line, said plainly
        assert name.endswith((".csv", ".ipynb")) and "\n" not in str(exc)
        return
    assert note.name.strip()
    for card in note.cards:
        assert card.question.strip()
        assert isinstance(card.answer, str)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes_any_parser(text: str) -> None:
    for fmt in FORMATS:
        for card in parse_note(text, "x", fmt).cards:
            assert card.question.strip()
    for name in ("x.org", "x.rst", "x.adoc", "x.md", "x.html"):
        for card in parse_note(text, name).cards:
            assert card.question.strip()


def _cards_or_warning(data: str | bytes, name: str) -> None:
    """Either cards with questions, or a NoteError of one line: never another exception."""
    try:
        note = parse_note(data, name)
    except NoteError as exc:
        assert str(exc).strip() and "\n" not in str(exc)
    else:
        assert all(card.question.strip() for card in note.cards)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
CELL = st.fixed_dictionaries(
    {
        "cell_type": st.sampled_from(["markdown", "code", "raw", "other", 3]),
        "source": st.one_of(NOTE_TEXT, st.lists(LINE_PIECES, max_size=6), JSONISH),
        "metadata": st.just({}),
    },
    optional={"outputs": st.lists(JSONISH, max_size=2), "execution_count": st.none()},
)


@SETTINGS
@given(
    cells=st.lists(CELL, max_size=6),
    version=st.sampled_from([3, 4, 5, "4"]),
    junk=JSONISH,
    cut=st.integers(min_value=0, max_value=400),
)
def test_notebook_reader_never_crashes(
    cells: list, version: object, junk: object, cut: int
) -> None:
    import json

    doc = json.dumps(
        {"cells": cells, "metadata": {"x": junk}, "nbformat": version, "nbformat_minor": 2}
    )
    _cards_or_warning(doc, "n.ipynb")
    _cards_or_warning(doc[:cut], "n.ipynb")  # a notebook cut short
    _cards_or_warning(json.dumps(junk), "n.ipynb")


CSV_FIELD = st.one_of(
    st.text(max_size=20),
    st.sampled_from(['"', '""', ",", ";", "\t", "\r\n", "\n", "<b>x</b>", "front", "back"]),
)


@SETTINGS
@given(
    rows=st.lists(st.lists(CSV_FIELD, max_size=5), max_size=8),
    sep=st.sampled_from([",", ";", "\t", "|", "*"]),
    name=st.sampled_from(["d.csv", "d.tsv", "d.txt"]),
)
def test_delimited_reader_never_crashes(rows: list[list[str]], sep: str, name: str) -> None:
    _cards_or_warning("\n".join(sep.join(r) for r in rows), name)


@SETTINGS
@given(
    data=st.binary(max_size=300),
    document=st.one_of(
        st.text(max_size=200),
        HTML_LIKE := st.sampled_from(
            [
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                "<w:body><w:p><w:r><w:t>What is X?</w:t></w:r></w:p></w:body></w:document>",
                "<w:document><w:body>",
                "",
            ]
        ),
    ),
)
def test_docx_reader_never_crashes_on_bytes_or_broken_archives(data: bytes, document: str) -> None:
    import io
    import zipfile

    _cards_or_warning(data, "w.docx")
    _cards_or_warning(b"PK\x03\x04" + data, "w.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
    _cards_or_warning(buf.getvalue(), "w.docx")


HTML = st.recursive(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    lambda inner: st.builds(
        lambda tag, kids, attr: f"<{tag}{attr}>{''.join(kids)}</{tag}>",
        st.sampled_from(
            [
                "p",
                "div",
                "h1",
                "h2",
                "h3",
                "ul",
                "li",
                "pre",
                "code",
                "a",
                "b",
                "sub",
                "blockquote",
                "table",
                "tr",
                "td",
                "script",
                "span",
            ]
        ),
        st.lists(inner, max_size=4),
        st.sampled_from(["", ' class="toc"', ' href="#x"', ' onclick="x()"']),
    ),
    max_leaves=30,
)


@SETTINGS
@given(HTML)
def test_html_never_crashes(html: str) -> None:
    for card in parse_note(f"<html><body>{html}</body></html>", "x.html").cards:
        assert card.question.strip()


@SETTINGS
@given(st.text(max_size=400))
def test_deck_loader_rejects_or_accepts_but_never_crashes(text: str) -> None:
    try:
        deck = parse_deck(text, Path("fuzz.yaml"))
    except DeckError as exc:
        assert str(exc).startswith("fuzz.yaml")
        assert "\n" not in str(exc)
    else:
        assert deck.name.strip()
