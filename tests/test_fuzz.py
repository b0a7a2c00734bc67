"""Property tests: arbitrary text, HTML and YAML never crash the parser or the deck loader."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlcards.decks import DeckError, parse_deck
from dlcards.parse import FORMATS, parse_note

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
    name=st.sampled_from(["n.txt", "n.md", "n.html", "n.tsv"]),
)
def test_parser_never_crashes_and_every_card_has_a_question(
    text: str, fmt: str | None, name: str
) -> None:
    note = parse_note(text, name, fmt)
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
