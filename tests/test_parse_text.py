"""Line judgements shared by the note parsers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlcards.parse import text as t


@pytest.mark.parametrize(
    ("line", "asks"),
    [
        ("How can we reduce overfitting", True),
        ("Which of these layers has weights", True),
        ("What problem does dropout solve", True),
        ("Is batch norm used at test time", True),
        ("What’s the width of the output", True),  # a curly apostrophe, as editors type it
        ("Why’s the loss flat", True),
        ("WHAT IS A TENSOR", True),
        ("When training the net, use a schedule", False),  # a clause, not a question
        ("Has three layers", False),
        ("Why", False),
        ("The model is small", False),
    ],
)
def test_opens_like_question(line: str, asks: bool) -> None:
    assert t.opens_like_question(line) is asks
    # the scorer passes the words it has already lower-cased: same answer
    assert t.opens_like_question(line, t.words(line.lower())) is asks


words = st.sampled_from(
    ["what", "What", "why’s", "What’s", "is", "Can", "has", "of", "the", "net", "how", "X"]
)


@given(st.lists(words, max_size=6).map(" ".join))
def test_lower_cased_words_give_the_same_answer(line: str) -> None:
    assert t.opens_like_question(line, t.words(line.lower())) == t.opens_like_question(line)


@given(st.lists(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=127)))))
def test_lower_cased_words_of_lines_are_their_words_lower_cased(lines: list[str]) -> None:
    # (ASCII lines take a pattern of their own: it must find the same words)
    assert t.lower_words_of(lines) == [t.words(line.lower()) for line in lines]
