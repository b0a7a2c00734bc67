"""The deck writer: whatever the text, PyYAML's safe loader reads back exactly what was written."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcards.yamlout import dump_deck

from .conftest import fuzz_examples

TRICKY = st.sampled_from(
    [
        "",
        " ",
        "yes",
        "No",
        "null",
        "~",
        "1.5",
        "0x1F",
        "1:20",
        "2001-12-14",
        "<<",
        "=",
        "- item",
        "a: b",
        "a #b",
        "a#b",
        "#x",
        "key:",
        ":",
        "?",
        "'q'",
        '"d"',
        "x\n",
        "\nx",
        "  indented\nx",
        "a\n\n\nb",
        "tab\there",
        "trailing ",
        "line \nnext",
        "|",
        ">",
        "@x",
        "`x`",
        "%x",
        "[a]",
        "{b}",
        "a, b",
        "\u2028",
        "\x85",
        "\ufeff",
        "é\u00a0ü",
        "…",
        "---",
        "...",
        "x\r\ny",
        ".inf",
        "+1",
    ]
)
TEXT = st.one_of(TRICKY, st.text(), st.lists(st.one_of(TRICKY, st.text(max_size=8))).map("".join))
SURROGATE_FREE = TEXT.filter(lambda s: not any("\ud800" <= c <= "\udfff" for c in s))


@settings(max_examples=fuzz_examples(600), deadline=None)
@given(
    q=SURROGATE_FREE.filter(str.strip),
    a=SURROGATE_FREE,
    name=SURROGATE_FREE.filter(str.strip),
    tags=st.lists(SURROGATE_FREE.filter(str.strip), max_size=3),
)
def test_every_string_round_trips(q: str, a: str, name: str, tags: list[str]) -> None:
    card = {"id": "abc", "question": q, "answer": a, "tags": tags, "line": 3}
    doc = {"name": name, "source": "notes/x.txt", "cards": [card]}
    text = dump_deck(doc)
    text.encode("utf-8")
    loaded = yaml.safe_load(text)
    expected = dict(card)
    if not tags:
        del expected["tags"]
    assert loaded == {**doc, "cards": [expected]}


def test_multi_line_answers_are_literal_blocks() -> None:
    text = dump_deck(
        {
            "name": "N",
            "source": "s",
            "cards": [{"id": "a", "question": "Q?", "answer": "- one\n\n- two"}],
        }
    )
    assert "  answer: |-\n    - one\n\n    - two\n" in text
