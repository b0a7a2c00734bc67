"""Plain-text notes whose layout marks the cards, read before the flat segmentation.

* Records: cards separated by runs of two or more blank lines (as Anki's and some apps'
  plain exports write them), each record's front and back split by its one blank line, or
  else its first line the front.  HTML list fragments inside (`<ul>`, `<li>…</li>`) become
  `- ` items.
* Numbered questions: a text whose questions are numbered in one running sequence
  (`1.`, `2)`, `Q3.`), each followed by its answer lines (an `Ans:` label dropped) or by
  nothing (a question bank: every question is kept with an empty answer).  A short line just
  before a `1.` that restarts the numbering ("PySpark -") labels a section and is no card.

Both return None when the text is not laid out so, and the flat segmentation reads it.
"""

from __future__ import annotations

import itertools
import re

from . import text as t
from .model import RawCard

_NUMBERED = re.compile(
    r"^\s{0,3}(?:Q(?:uestion)?\s*\.?\s*)?(\d{1,4})\s*(?:[.):]+|\s-)\s*(\S.*)$", re.I
)
_Q_MARK = re.compile(r"^\s{0,3}Q(?:uestion)?\s*\.?\s*\d{1,4}\s*[.):]", re.I)
_ANS = re.compile(r"^\s*(?:a|ans|answer)\s*\d{0,3}\s*(?:[:.)]|-+>|=>)\s*", re.I)
_LI = re.compile(r"^\s*<li>(.*?)(?:</li>)?\s*$", re.I)
_LIST_TAG = re.compile(r"^\s*</?(?:ul|ol)>\s*$", re.I)


def _html_lines(lines: list[str]) -> list[str]:
    out = []
    for ln in lines:
        if _LIST_TAG.match(ln):
            continue
        m = _LI.match(ln)
        out.append(f"- {m.group(1).strip()}" if m else ln)
    return out


def records(source: str) -> list[RawCard] | None:
    """Cards of a text whose records are separated by two or more blank lines."""
    raw = source.splitlines()
    groups: list[tuple[int, list[str]]] = []  # (first line number, lines with single blanks)
    current: list[str] = []
    start = 0
    blank = 0
    single = double = 0
    for i, line in enumerate(raw, start=1):
        if not line.strip():
            blank += 1
            continue
        if current and blank >= 2:
            groups.append((start, current))
            current = []
            double += 1
        elif current and blank == 1:
            current.append("")
            single += 1
        if not current:
            start = i
        current.append(line.rstrip())
        blank = 0
    if current:
        groups.append((start, current))
    if len(groups) < 3 or double < 2:
        return None
    splits = sum(1 for _, g in groups if "" in g)
    if single > len(groups) or splits < 0.5 * len(groups):
        return None  # single blank lines separate more than fronts from backs: not records
    cards = []
    for number, group in groups:
        group = _html_lines(group)
        if "" in group:
            cut = group.index("")
            front, back = group[:cut], group[cut + 1 :]
        else:
            front, back = group[:1], group[1:]
        question = "\n".join(front).strip() if len(front) > 1 else t.clean_question(front[0])
        cards.append(RawCard(question, t.clean_answer(back), number))
    return [c for c in cards if c.question]


def numbered(source: str) -> list[RawCard] | None:
    """Cards of a text whose questions are numbered in one running sequence."""
    raw = source.splitlines()
    marks = []
    for i, line in enumerate(raw):
        m = _NUMBERED.match(line)
        if m and not line.startswith((" ", "\t")):
            marks.append((i, int(m.group(1)), m.group(2)))
    content = [ln for ln in raw if ln.strip()]
    asked = [m for m in marks if _Q_MARK.match(raw[m[0]])]
    if len(asked) >= 2 and all(b[1] > a[1] for a, b in itertools.pairwise(asked)):
        marks = asked  # "Q1)", "Q.2)": the questions say so; other numbers number answers
    elif len(marks) < 3 or len(marks) < 0.3 * len(content):
        return None
    # one running sequence: each number follows the one before (a restart at 1 opens a section)
    steps = sum(1 for a, b in itertools.pairwise(marks) if b[1] == a[1] + 1)
    restarts = sum(1 for a, b in itertools.pairwise(marks) if b[1] == 1)
    if marks is not asked and (
        steps + restarts < 0.8 * (len(marks) - 1)
        or restarts > max(2, len(marks) // 4)
        # answers: the lines between two questions (far more lines than questions, and
        # the numbers are a list inside answers rather than the questions)
        or len(content) - len(marks) > 8 * len(marks)
    ):
        return None
    labels = {a - 1 for a, n, _ in marks if n == 1 and a > 0}
    cards = []
    bounds = [i for i, _, _ in marks] + [len(raw)]
    for (i, _, question), end in zip(marks, bounds[1:]):
        body = raw[i + 1 : end]
        # a section label standing just before the next "1."
        if body and (len(body) - 1 + i + 1) in labels and body[-1].strip():
            body = body[:-1]
        if body and body[0].strip() and _ANS.match(body[0]):
            body = [_ANS.sub("", body[0], count=1), *body[1:]]
        cards.append(RawCard(t.clean_question(question), t.clean_answer(body), i + 1))
    return [c for c in cards if c.question]
