"""The deck writer: whatever the text, PyYAML's safe loader reads back exactly what was written."""

from __future__ import annotations

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dlcards.decks import Card
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
    text = dump_deck(name, "notes/x.txt", [Card("abc", q, a, tuple(tags), 3)])
    text.encode("utf-8")
    loaded = yaml.safe_load(text)
    expected = dict(card)
    if not tags:
        del expected["tags"]
    assert loaded == {**doc, "cards": [expected]}


def test_multi_line_answers_are_literal_blocks() -> None:
    text = dump_deck("N", "s", [Card("a", "Q?", "- one\n\n- two")])
    assert "  answer: |-\n    - one\n\n    - two\n" in text


@settings(max_examples=fuzz_examples(2000), deadline=None)
@given(st.text(alphabet="0123456789abcdefx._-:+ ", min_size=1, max_size=12))
@example("0b101")  # binary
@example("0017")  # octal
@example("0189")  # neither: text
@example("1e5")  # not a float in YAML 1.1
def test_id_like_scalars_are_judged_like_pyyamls_resolver(value: str) -> None:
    """Card ids skip PyYAML's resolver: the shortcut must agree with it on every such text."""
    import yaml

    from dlcards.yamlout import _resolves_to_text

    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    assert _resolves_to_text(value) == (tag == "tag:yaml.org,2002:str")


@given(st.text())
@example("What is a tensor?")
@example("ends with a space ")
@example("x\u0085y")
def test_the_quick_plain_test_never_passes_what_the_full_one_refuses(value: str) -> None:
    from dlcards.yamlout import _PLAIN, _SIMPLE_PLAIN

    if _SIMPLE_PLAIN.fullmatch(value):
        assert _PLAIN.fullmatch(value)
