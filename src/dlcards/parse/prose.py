"""Prose lecture notes: paragraphs of statements, with a few explicit questions among them.

Only explicit questions become cards: a sentence ending in '?', or a clause whose wording asks
("Which of the following ...", "Given X, what's the width ...").  The answer is what follows
the question mark on the same line; a question standing alone (a quiz question the student
could not answer) is kept with an empty answer for the user to fill in.  Following lines are
not taken as its answer: in prose they continue the lecture, not the question.
"""

from __future__ import annotations

import re
import statistics

from . import text as t
from .flat import ANCHOR, Line, score_lines
from .model import RawCard

_SENTENCE_END = re.compile(r"(?<=[.!:;])\s+(?=\S)")
_CLAUSE = re.compile(r"[,;]\s+")


def looks_like_prose(lines: list[Line], scores: list[float] | None = None) -> bool:
    """Prose has few question lines, long multi-sentence lines, and starts with statements."""
    n = len(lines)
    if n < 3:
        return False
    if scores is None:
        scores = score_lines(lines)
    anchors = [i for i in range(n) if scores[i] >= ANCHOR]
    share = len(anchors) / n
    median_len = statistics.median(len(ln.text) for ln in lines)
    head = anchors[0] if anchors else n
    sentences = sum(1 for ln in lines if ln.text.rstrip().endswith((".", "!"))) / n
    long_lines = median_len > 60  # prose is written in long lines; Q/A notes in short ones
    signals = (head >= max(3, 0.2 * n)) + (sentences > 0.3)
    return long_lines and ((signals >= 1 and share < 0.35) or share < 0.08)


def find_question(line: str) -> tuple[str, str] | None:
    """The explicit question in a prose line, as (question, same-line answer), or None."""
    split = t.question_mark_split(line)
    if split:
        head, rest = split
        # the question starts at the last sentence boundary before its '?'
        parts = _SENTENCE_END.split(head)
        question = parts[-1]
        if len(t.words(question)) >= 2:
            return question, rest
    if t.opens_like_question(line) or t.is_prompt(line):
        return line.strip(), ""
    for clause in _CLAUSE.split(line)[1:]:
        if t.opens_like_question(clause):
            return line.strip(), ""
    return None


def parse_prose(lines: list[Line]) -> list[RawCard]:
    cards = []
    for ln in lines:
        found = find_question(ln.text.strip())
        if found:
            question, answer = found
            cards.append(RawCard(t.clean_question(question), answer.strip(), ln.number, 0.2))
    return cards
