"""The card finder over the block model: which blocks open a card, and where each answer ends.

A block *opens* a card when its shape says it asks, in one of these ways (the `kind`s, named
for the user in STYLE_NAMES):

* ``details``  — a `<details>` block: its summary asks (or, when the summary only says
  "Answer", the line just above it does), its body answers.
* ``bold``     — a paragraph or list item whose first line is all bold (`1. **Why ...?**`),
  a bold question opening its paragraph, a description-list term that asks.  In a file that
  asks in bold paragraphs, every short bold paragraph is one (topic prompts too).
* ``numbered`` — a numbered question: a paragraph opening with a bold number (`**3.** ...`),
  a roman or lettered item (`i. What ...?`), a `Q2)` line, or a numbered item followed by an
  answer label (`Ans.`, `Answer:`).
* ``heading``  — a heading that asks.
* ``item``     — a list item that asks (an outline: the question bullet, its answer after it).
* ``term``     — a glossary entry: `**Term** - definition`, `**Term:** definition`,
  `Term — definition`, a definition list's term, a row of a `| Term | Definition |` table;
  bold and dashed entries count only where most of their section is entries.
* ``topic``    — in a heading-less outline with no questions, a short bullet with nested text.
* ``line``     — one line of a paragraph of questions typed one per line.

The answer of a card runs from the end of its opener to the next opener or heading; an item
with children is answered by its children, a question bullet up to the next item of its
list, a table row or a definition by its own text.  Blocks nested inside an opener's answer
never open cards of their own (a bold term inside an answer is emphasis).  Headings that do
not ask are sections when the file asks questions in any of these ways; tables of contents,
licence and contributing sections, link lists and badges open nothing.  Paragraphs no card
covers that are runs of short lines (a Word document of one-line paragraphs) are segmented
like a flat note.  `find_cards` returns None when nothing opens a card in a headed note, so
that heading-and-prose notes keep the heading rules of `markdown.py`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from . import text as t
from .blocks import ASKING_CALLOUTS, Block, bold_only
from .model import RawCard

_ANSWER_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:(?:ans(?:wer)?|a|definition|def|solution|response)"
    r"\s*(?:\d{1,3})?\s*(?:[.:)]|-+>|=>|→)|ans(?:wer)?\s*-(?=\s))\s*(?:\*\*|__)?\s*",
    re.I,
)
_BOLD_NUMBER = re.compile(
    r"^\s*(?:\*\*|__)\s*(?:Q\s*)?\d{1,3}\s*[.):]?\s*(?:\*\*|__)\s*(\S.*)?$", re.I
)
_ROMAN = re.compile(
    r"^\s*(?:\(?[ivx]{1,5}[.)]|\(?[a-h][.)]|Q\s*\.?\s*\d{1,3}\s*[.):]+)\s+(\S.*)$", re.I
)
_NUMBER_BOLD_TEXT = re.compile(r"^\s*\d{1,3}[.)]\s*(\*\*|__)(.+?)\1\s*(.*)$", re.S)
_TERM_BOLD = re.compile(
    r"^\s*(?P<mark>\*\*|__)(?P<term>[^\n]{1,160}?)\s*(?P<inner>[:.])?\s*(?P=mark)"
    r"\s*(?P<sep>:|-|–|—|=)?\s*(?P<rest>.*)$",
    re.S,
)
_Q_NUMBER = re.compile(r"^\s*Q(?:uestion)?\s*\.?\s*\d{1,3}\s*[.):]+\s*", re.I)
_LEAD_BOLD = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*(\S.*)$")
_TERM_DASH = re.compile(r"^\s*(?P<term>[^\s*_:][^:\n]{0,60}?)\s+(?:—|–|--)\s+(?P<rest>\S.*)$", re.S)
#: A line of links or badges only ("[Intro](#intro) | [Setup](#setup)", "[![CI](…)](…)").
#: A line of links and badges only (a table of contents, a list of resources).  A bare image
#: is content (a figure that answers a question), a linked image a badge.
LINK_LINE = re.compile(r"^\s*(?:(?:\[!\[[^\]]*\]\([^)]*\)\]|\[[^\]]*\])\([^)]*\)\s*[,|·•-]?\s*)+$")
_PLACEHOLDERS = frozenset(
    [
        *"- -- ... … tbd todo to-do tba n/a na ? none wip placeholder".split(),
        *("to do", "to be completed", "to be done", "coming soon", "to be added", "not done yet"),
        *("omitted", "skipped", "略", "（略）", "(略)", "待补充", "待续"),
    ]
)
_QUESTION_KINDS = frozenset({"details", "callout", "bold", "numbered", "heading", "item", "line"})


#: What each kind of opener is called where the user sees it (`import --dry-run`).
STYLE_NAMES = {
    "details": "details blocks",
    "callout": "question callouts",
    "bold": "bold questions",
    "numbered": "numbered questions",
    "heading": "heading questions",
    "item": "question bullets",
    "term": "glossary",
    "topic": "topic bullets",
    "line": "question lines",
}


class Opener(NamedTuple):
    """A block that opens a card: how (`kind`), the question, and where its answer starts."""

    block: Block
    kind: str
    question: str
    answer_start: int  # first line of the answer
    inline_answer: str = ""  # answer text on the opener's own line(s)
    entry: bool = False  # written as a glossary entry ("**Term** - ...", "- X? ::"), asking or not


def is_placeholder(answer: str) -> bool:
    """'TO DO', '-', '...', 'To be completed.': the author has no answer yet."""
    core = (
        " ".join(t.words(answer)).lower()
        if answer.strip() not in ("-", "--", "...", "…", "?")
        else "-"
    )
    return core in _PLACEHOLDERS or answer.strip().lower().rstrip(".!") in _PLACEHOLDERS


def strip_answer_label(answer: str) -> str:
    """'Ans. The risk is ...' -> 'The risk is ...'; '**Answer:** ...' -> '...'."""
    m = _ANSWER_LABEL.match(answer)
    if not m or (not answer[m.end() :].strip() and "\n" not in answer):
        return answer if not m else ""
    return answer[m.end() :].lstrip(" ")


def _has_label(text: str) -> bool:
    m = _ANSWER_LABEL.match(text)
    return bool(m) and not re.match(r"^\s*a\s*[.)]\s", text, re.I)  # "a) item" lists


def _asks(text: str) -> bool:
    """A question: asking wording with a '?', or any clause of three words or more that ends
    with one ("Given a dataset, how would you ...?")."""
    if t.asks(text):
        return True
    plain = t.clean_question(text)
    if t.ends_with_question(plain):
        return len(t.words(plain)) >= 3
    # "What is overfitting? Provide an example.": a question, then a short prompt
    split = t.question_mark_split(plain)
    if not split or "://" in plain:  # (a '?' in a link's query is no question)
        return False
    return len(t.words(split[0])) >= 3 and 0 < len(t.words(split[1])) <= 8


def _first_line(text: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    return first, rest


def _term(text: str) -> tuple[str, str] | None:
    """(term, definition) of a glossary entry, or None."""
    first, rest = _first_line(text)
    m = _TERM_BOLD.match(first)
    if m and (m.group("inner") or m.group("sep")) and m.group("term").strip():
        if m.group("inner") == "." and not m.group("rest").strip():
            return None
        definition = m.group("rest").strip()
        return m.group("term").strip(), "\n".join(p for p in (definition, rest) if p.strip())
    m = _TERM_DASH.match(first)
    if m and len(t.words(m.group("term"))) <= 6 and not _asks(m.group("term")):
        return m.group("term").strip(), "\n".join(p for p in (m.group("rest"), rest) if p.strip())
    return None


def _classify(
    block: Block, lines: list[str], following: Block | None, bold_style: bool = False
) -> Opener | None:
    """The opener this block is, if any.  `bold_style`: the file asks its questions in bold
    paragraphs, so every short bold paragraph is one (topic prompts included)."""
    if block.kind == "details":
        return Opener(block, "details", block.text, block.stop, block.body)
    if block.kind == "callout":
        # "> [!question] Why ...?": a callout that asks, by its type or its title, is a
        # card; a note, a tip or a warning is context
        if block.label in ASKING_CALLOUTS or _asks(block.text):
            return Opener(block, "callout", block.text, block.stop, block.body)
        return None
    if block.kind == "heading":
        if _asks(block.text) or re.match(r"^\s*Q\s*\d{1,3}\s*[.:)]", block.text, re.I):
            return Opener(block, "heading", block.text, block.end)
        return None
    if block.kind not in ("paragraph", "item"):
        return None
    text = block.text
    first, rest = _first_line(text)
    children = _has_children(block, lines)
    nb = _NUMBER_BOLD_TEXT.match(text) if block.kind == "paragraph" else None
    bold = _BOLD_NUMBER.match(first)
    if bold:
        if not bold.group(1):
            return None  # "**2.**" alone numbers a group of sub-questions
        return Opener(block, "numbered", bold.group(1), block.start + 1)
    if bold_only(first) and (
        block.kind == "item" or bold_style or _asks(first) or t.is_prompt(_unbold(first))
    ):
        term = _term(first)
        if term and not _asks(term[0]) and (term[1] or rest.strip()):
            return Opener(block, "term", term[0], block.start + 1, term[1])
        return Opener(block, "bold", _unbold(first), block.start + 1)
    if nb and _asks(nb.group(2)):
        return Opener(block, "bold", nb.group(2), block.start + 1, nb.group(3))
    lead = _LEAD_BOLD.match(first)
    if lead and _asks(lead.group(2)) and block.kind == "paragraph":
        # "**What is DNS?** The system that ...": a bold question opening its paragraph
        return Opener(block, "bold", lead.group(2), block.start + 1, lead.group(3))
    if _Q_NUMBER.match(first) and _Q_NUMBER.sub("", first).strip():
        return Opener(block, "numbered", _Q_NUMBER.sub("", first), block.start + 1)
    if bold_style and block.kind == "paragraph" and not rest and "**" in first:
        # in a file that asks in bold, a line that asks with a bold word in it asks too
        # ("Can you give some **examples of functional interfaces**")
        plain = t.clean_question(first)
        if _asks(plain) or (t.opens_like_question(plain) and len(t.words(plain)) >= 4):
            return Opener(block, "bold", plain, block.start + 1)
    roman = _ROMAN.match(first)
    labelled = (
        following is not None and following.kind == "paragraph" and _has_label(following.text)
    )
    if roman and (_asks(roman.group(1)) or t.is_prompt(roman.group(1)) or labelled):
        return Opener(block, "numbered", roman.group(1), block.start + 1)
    if block.kind == "item" and block.ordered and labelled:
        return Opener(block, "numbered", first, block.start + 1)
    term = _term(first)
    if term and _asks(term[0]) and (children or rest.strip() or term[1].strip()):
        # "- What is X? :: ..." (an Org description item that asks): a bold question
        return Opener(block, "bold", term[0], block.start + 1, term[1], entry=True)
    if term and (term[1].strip() or rest.strip() or children):
        return Opener(block, "term", term[0], block.start + 1, term[1], entry=True)
    plain = t.clean_question(first)
    if (
        block.kind == "item"
        and rest.strip()
        and _has_label(rest)
        and (_line_asks(first) or t.is_prompt(plain))
    ):
        # "3. How can it be prevented?" with "Ans: ..." on the next line (a lazy
        # continuation of the item's paragraph): the question and its labelled answer
        kind = "numbered" if block.ordered else "item"
        return Opener(block, kind, first, block.end, strip_answer_label(rest))
    if (
        block.kind == "item"
        and not rest.strip()
        and (
            _asks(first)
            or (t.starts_with_wh(plain) and t.opens_like_question(plain))  # "Why do ... ."
            or (children and t.is_prompt(plain))
        )
    ):
        return Opener(block, "item", first, block.end)
    return None


def _outside_meta_sections(found: list[Opener], blocks: list[Block]) -> list[Opener]:
    """Drop what opens inside a table of contents, licence or contributing section."""
    headings = [b for b in blocks if b.kind == "heading"]
    if not any(meta_section(h.text) for h in headings):
        return found
    out = []
    for o in found:
        owner = None
        for h in headings:
            if h.start > o.block.start:
                break
            if owner is None or h.level <= owner.level or h.start > owner.start:
                owner = h
        if owner is None or not meta_section(owner.text):
            out.append(o)
    return out


def _question_lines(found: list[Opener], blocks: list[Block], lines: list[str]) -> list[Opener]:
    """A paragraph of questions typed one per line ("What is X?" / "Is it possible to ...")
    holds one card per line: each of its lines after the first opens one (the first too,
    unless it opens the paragraph's card already)."""
    by_start = {o.block.start: o for o in found}
    out = list(found)
    for b in blocks:
        if b.kind != "paragraph" or b.end - b.start < 2:
            continue
        rows = list(range(b.start, b.end))
        marked = [r for r in rows if _Q_NUMBER.match(lines[r])]
        if len(marked) >= 2 or (marked and marked[0] != b.start):
            # "Q1) ...", "Q2) ...": the lines say they are the questions
            for r in marked:
                if r not in by_start:
                    line = Block("line", r, r + 1, r + 1, lines[r].strip())
                    out.append(Opener(line, "numbered", _Q_NUMBER.sub("", lines[r]), r + 1))
            continue
        lead = by_start.get(b.start)
        first = 1 if lead is not None else 0
        asking = [r for r in rows[first:] if _line_asks(lines[r])]
        if len(asking) < 2 or len(asking) < len(rows[first:]) - 1:
            continue
        if lead is None and not _line_asks(lines[b.start]):
            continue
        for r in asking if lead is not None else rows[:1] + [x for x in asking if x != b.start]:
            line = Block("line", r, r + 1, r + 1, lines[r].strip())
            question, answer = _yes_no_hint(lines[r].strip())
            out.append(Opener(line, "line", question, r + 1, answer))
    out.sort(key=lambda o: o.block.start)
    return out


def _topic_bullets(found: list[Opener], blocks: list[Block], lines: list[str]) -> list[Opener]:
    """In notes whose question bullets hold their answers nested under them, a bullet at the
    same depth that names a topic ("Exam 2014, problem 6") with a nested answer and opens a
    section is a card too: the file's own way of writing a card, with a prompt that does not
    ask.  After a question bullet it goes on with that answer ("Deliverable 2: 72.9%."), and
    a bullet whose nested items ask is a group of questions, not one."""
    asked = [o for o in found if o.kind == "item" and _has_children(o.block, lines)]
    if len(asked) < 2:
        return found
    depths = {o.block.depth for o in asked}
    taken = {o.block.start for o in found}
    out = list(found)
    after_question = False  # the last heading or card above opened a card (an answer runs)
    for b in blocks:
        if b.kind == "heading" or b.start in taken:
            after_question = b.kind != "heading"
            continue
        if b.kind != "item" or b.depth not in depths or after_question:
            continue  # (after a question of its section, or nested in one: its answer)
        first, rest = _first_line(b.text)
        if rest.strip() or not 0 < len(t.words(first)) <= 12 or first.rstrip()[-1:] in ".:;":
            continue
        if not _has_children(b, lines) or any(
            _plainly_asks(lines[r]) for r in range(b.end, b.stop)
        ):
            continue
        out.append(Opener(b, "item", first, b.end))
        after_question = True
    out.sort(key=lambda o: o.block.start)
    return out


def _yes_no_hint(line: str) -> tuple[str, str]:
    """(question, answer) of a banked question line: "Is it possible to X - no, Y" holds its
    answer after the dash, since a yes/no question does not go on with a bare phrase ("What
    is X - an example" may: it goes on asking)."""
    head, dash, tail = line.partition(" - ")
    words = t.lower_words_of([head])[0] if dash else []
    if not words or words[0] not in t.AUX_WORDS or len(words) < 3 or "?" in tail:
        return line, ""
    if not 0 < len(t.words(tail)) <= 6:
        return line, ""
    return head.rstrip(), tail.strip()


def _line_asks(line: str) -> bool:
    plain = t.clean_question(line)
    return _asks(plain) or t.opens_like_question(plain)


def _bold_style(blocks: list[Block]) -> bool:
    """Does the file ask its questions as bold paragraphs?  At least two bold paragraphs
    that ask, and most of its bold paragraphs asking."""
    bold = [
        _unbold(_first_line(b.text)[0])
        for b in blocks
        if b.kind == "paragraph" and bold_only(_first_line(b.text)[0])
    ]
    bold = [b for b in bold if len(t.words(b)) <= 25]
    asking = sum(1 for b in bold if _asks(b))
    return asking >= 2 and asking >= 0.5 * len(bold)


def _topic_items(blocks: list[Block], lines: list[str]) -> list[Opener]:
    """Top-level items of a heading-less outline whose short lead names a topic and whose
    nested content (text, code, sub-items) explains it: each is a card, as a heading with
    text of its own is."""
    items = [b for b in blocks if b.kind == "item" and b.depth == 1]
    out = []
    for b in items:
        first, rest = _first_line(b.text)
        short = 0 < len(t.words(first)) <= 10 and not first.rstrip().endswith((".", ":"))
        if short and not rest.strip() and _has_children(b, lines):
            out.append(Opener(b, "topic", first, b.end))
    return out if len(out) >= max(2, len(items) // 2) else []


_DEFINITION = re.compile(r"^:\s+")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    core = line.strip()
    core = core[1:] if core.startswith("|") else core
    core = core[:-1] if core.endswith("|") and not core.endswith("\\|") else core
    return [c.strip() for c in _CELL_SPLIT.split(core)]


def _definition_entries(block: Block, lines: list[str]) -> list[Opener]:
    """A definition list ("Term" lines each followed by ": definition" lines: Pandoc's
    syntax, HTML's <dl> converted, rST's definition lists): one glossary entry per term."""
    rows = list(range(block.start, block.end))
    out: list[Opener] = []
    k = 0
    while k < len(rows):
        term = lines[rows[k]].strip()
        body: list[str] = []
        j = k + 1
        while j < len(rows) and (
            lines[rows[j]].startswith(":") or (body and lines[rows[j]][:1] in (" ", "\t"))
        ):
            body.append(_DEFINITION.sub("", lines[rows[j]].strip(), count=1))
            j += 1
        if not body or not term or term.startswith(":"):
            return []  # not a definition list after all
        line = Block("line", rows[k], rows[k] + 1, rows[j - 1] + 1, term)
        kind = "bold" if _asks(term) else "term"
        out.append(Opener(line, kind, term, rows[j - 1] + 1, "\n".join(body), entry=True))
        k = j
    return out


def _table_entries(block: Block, lines: list[str]) -> list[Opener]:
    """The rows of a table whose header names a term and its definition ("| Term |
    Definition |", "| Question | Answer |"): one glossary entry per row."""
    from .delimited import column_roles, names_answer, names_term

    rows = [ln for ln in lines[block.start : block.end] if ln.strip()]
    if len(rows) < 3:
        return []
    header = _cells(rows[0])
    roles = column_roles(header)
    if roles is None or not roles["answer"]:
        return []
    q, a = roles["question"][0], roles["answer"][0]
    if not (names_term(header[q]) and names_answer(header[a])):
        return []  # a table of anything else ("Name | Topic | Solution") is no glossary
    out = []
    for k, row in enumerate(lines[block.start + 2 : block.end], start=block.start + 2):
        cells = _cells(row)
        if len(cells) > max(q, a) and cells[q]:
            line = Block("line", k, k + 1, k + 1, cells[q])
            out.append(Opener(line, "term", cells[q], k + 1, cells[a], entry=True))
    return out


def _has_children(block: Block, lines: list[str]) -> bool:
    """A list item with content nested under its lead (more than trailing blank lines)."""
    return block.kind == "item" and any(ln.strip() for ln in lines[block.end : block.stop])


def _unbold(text: str) -> str:
    core = text.strip()
    for mark in ("**", "__"):
        if core.startswith(mark) and core.endswith(mark):
            return core[len(mark) : -len(mark)].strip()
    return core


def not_content(block: Block) -> bool:
    """A table of contents entry, a link list, badges: never a card."""
    return block.kind in ("item", "paragraph") and bool(LINK_LINE.match(block.text or "x"))


#: Sections of a README that are about the document, not its subject: never cards.
_META_SECTIONS = re.compile(
    r"^\W*(?:table of contents|contents|toc|index|licen[cs]e|contribut\w*|how to contribute|"
    r"credits|acknowledge?ments?|changelog|support|sponsors?|authors?|about( this repo\w*)?|"
    r"installation|usage|badges?)\W*$",
    re.I,
)


def meta_section(heading_text: str) -> bool:
    """'Table of Contents', 'License', 'Contributing': a heading about the document."""
    return bool(_META_SECTIONS.match(t.clean_question(heading_text)))


def find_cards(lines: list[str], blocks: list[Block], offset: int = 0) -> list[RawCard] | None:
    """The cards opened by question-shaped blocks, or None when no block opens one."""
    bold_style = _bold_style(blocks)
    found: list[Opener] = []
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if following is not None and following.start < block.stop and block.kind == "item":
            following = next((b for b in blocks[i + 1 :] if b.start >= block.stop), None)
        if block.kind == "table":
            found += _table_entries(block, lines)
            continue
        if block.kind == "paragraph" and "\n:" in block.text:
            entries = _definition_entries(block, lines)
            if entries:
                found += entries
                continue
        opener = _classify(block, lines, following, bold_style)
        if opener is not None and opener.kind == "details" and i and not _asks(block.text):
            # "<summary>Answer</summary>": the question is the line or item just above
            above = blocks[i - 1]
            if above.kind in ("paragraph", "item", "heading") and _line_asks(above.text):
                found = [o for o in found if o.block is not above]
                opener = opener._replace(question=_first_line(above.text)[0])
        if opener is not None and not not_content(block):
            found.append(opener)
    found = _outside_meta_sections(found, blocks)
    found = _question_lines(found, blocks, lines)
    found = _topic_bullets(found, blocks, lines)
    glossary = _glossary_terms(found, blocks)
    found = [o for o in found if o.kind != "term" or o.block.start in glossary]
    asking = [o for o in found if o.kind in _QUESTION_KINDS and o.kind != "heading"]
    if len(asking) < 2 and not glossary:
        if any(b.kind == "heading" for b in blocks):
            return None  # headed notes: the heading rules of markdown.py
        topics = _topic_items(blocks, lines)
        if len(topics) < 2:
            runs = line_runs(lines, blocks, offset)
            return runs or None
        found = sorted([*found, *topics], key=lambda o: o.block.start)
    headings = [b for b in blocks if b.kind == "heading"]
    items = [b for b in blocks if b.kind == "item"]
    strong = [o for o in found if o.kind in _STRONG_KINDS]
    if strong:
        # explicit question shapes win: a bullet that asks inside their answers is part of
        # them, and one with nothing to answer it (a list of prompts) is no card
        reach = _reach(_nest(strong), headings, lines, items)
        found = [
            o
            for o in found
            if o.kind != "item"
            or (
                not any(a <= o.block.start < z for a, z in reach)
                and _item_answered(o, found, blocks, lines)
            )
        ]
    kept = _nest(found)
    cards: list[RawCard] = []
    backups: list[RawCard] = []
    covered: list[tuple[int, int]] = []
    starts = [b.start for b in blocks]  # (in document order: regions are found by bisection)
    for k, o in enumerate(kept):
        end = _answer_end(o, kept[k + 1] if k + 1 < len(kept) else None, headings, lines, items)
        release = _asks_below(o, end, blocks, starts, lines)
        if not release:
            covered.append((o.block.start, max(end, o.block.stop)))
        answer_lines = lines[o.answer_start : end] if end > o.answer_start else []
        answer = t.clean_answer(answer_lines)
        if o.inline_answer.strip():
            below = answer_lines
            if answer_lines and not answer_lines[0].strip():
                # a paragraph attached below an item's inline answer loses the item's indent
                # (a nested list keeps it: the nesting is part of the answer)
                rest = t.clean_answer(answer_lines)
                if not t.is_list_item(rest.partition("\n")[0]):
                    below = ["", *rest.splitlines()]
            answer = t.clean_answer([*o.inline_answer.splitlines(), *below])
        answer = _tidy_answer(answer)
        question = t.clean_question(o.question)
        if question:
            style = STYLE_NAMES[o.kind]
            card = RawCard(question, answer, o.block.start + 1 + offset, style=style)
            (backups if release else cards).append(card)
    free = [None if any(a <= b.start < z for a, z in covered) else b for b in blocks]
    segmented = line_runs(lines, free, offset)
    opened = {c.line for c in segmented}
    cards += segmented
    cards += [c for c in backups if c.line not in opened]  # (a run read as prose)
    cards.sort(key=lambda c: c.line)
    return cards


def _asks_below(
    o: Opener, end: int, blocks: list[Block], starts: list[int], lines: list[str]
) -> bool:
    """A bold question followed by plain lines that ask questions of their own (a Word
    document's "**Fixing it:**" prompt, then a bank of typed questions; an AsciiDoc bold
    question, then "how can you ..." lines): the bold line does not answer for them, and
    the stretch is left to the flat segmenter with the rest of its line run (the bold line
    opens a card there too)."""
    if o.kind != "bold" or o.inline_answer.strip() or o.block.kind != "paragraph":
        return False
    region = blocks[bisect.bisect_left(starts, o.block.start) : bisect.bisect_left(starts, end)]
    if any(b.kind != "paragraph" for b in region):
        return False
    return any(_plainly_asks(lines[r]) for b in region[1:] for r in range(b.start, b.end))


def _plainly_asks(line: str) -> bool:
    """A line that asks by its wording alone, wherever it stands."""
    return (
        _line_asks(line)
        or t.asks_in_passing(line)
        or t.names_comparison(line)
        or _chosen_option(line) is not None
    )


def line_runs(lines: list[str], blocks: Sequence[Block | None], offset: int = 0) -> list[RawCard]:
    """Cards of the unstructured line runs among `blocks`: consecutive paragraphs of short
    lines (a Word document or an HTML page whose every line is a paragraph, flat notes typed
    into Markdown) segmented like a flat note.  Prose paragraphs are not runs; a None in
    `blocks` (a block some other card took) ends a run."""
    runs: list[list[Block]] = [[]]
    for b in blocks:
        if b is not None and b.kind == "paragraph":
            runs[-1].append(b)
        elif runs[-1]:
            runs.append([])
    out: list[RawCard] = []
    for run in runs:
        rows = [r for b in run for r in range(b.start, b.end) if not _metadata(lines[r])]
        if len(rows) >= 4:
            out += _segment_run(lines, rows, offset)
    return out


_METADATA = re.compile(
    r"^\s*(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|"  # a date, a timestamp
    r"(?:\[\[[^\]]*\]\]\s*|#[\w/-]+\s*)+|"  # wikilinks or tags alone: a note's tags
    r"[A-Z][\w ]{0,20}:)\s*$"  # "Status:", "Tags:" with nothing after them
)


def _metadata(line: str) -> bool:
    """A note-taking app's header line (created date, 'Status:', 'Tags:', '[[ml]]')."""
    return bool(_METADATA.match(line))


def _segment_run(lines: list[str], rows: list[int], offset: int) -> list[RawCard]:
    from .flat import ANCHOR, Line, score_lines, segment_lines
    from .prose import looks_like_prose

    # paragraphs of one line each (a Word document, an HTML page of <p> lines): a line is a
    # paragraph, and a blank line between cards is an empty paragraph, two blank lines
    spaced = all(b > a + 1 for a, b in itertools.pairwise(rows))
    gap = 2 if spaced else 1
    run = [
        Line(r + 1 + offset, lines[r], r >= gap and not any(x.strip() for x in lines[r - gap : r]))
        for r in rows
    ]
    base = score_lines(run)
    if looks_like_prose(run, base):
        return []
    for i, ln in enumerate(run):
        if bold_only(ln.text) or _chosen_option(ln.text):
            base[i] = max(base[i], 4.0)  # a bold line, a quiz line with its bold answer
            if (
                i + 1 < len(run)
                and run[i + 1].blank_before
                and base[i + 1] < ANCHOR
                and not bold_only(run[i + 1].text)
            ):
                # a bold line stands apart from its answer: the blank line under it is no
                # card break, and the line after it answers it unless it asks itself
                base[i + 1] = min(base[i + 1], -6.0)
    cards = []
    starts = segment_lines(run, base)
    bounds = [i for i, _ in starts] + [len(run)]
    for (i, doubt), end in zip(starts, bounds[1:]):
        text = run[i].text.strip()
        answer = [ln.text for ln in run[i + 1 : end]]
        option = _chosen_option(text)
        if option:
            text, chosen = option
            answer = [chosen, *answer]
        question = t.clean_question(_unbold(text))
        if question:
            cards.append(
                RawCard(question, t.clean_answer(answer), run[i].number, doubt, style="flat lines")
            )
    return cards


_TRAILING_BOLD = re.compile(r"^(?P<q>.*\S)\s+(?:\*\*|__)(?P<a>[^*_]{1,60}?)(?:\*\*|__)\s*$")


def _chosen_option(text: str) -> tuple[str, str] | None:
    """'... then high bias or high variance **High Bias**': a quiz line whose bold ending
    picks one of the options it names; (question, answer)."""
    m = _TRAILING_BOLD.match(text.strip())
    if not m or m.group("q").lstrip().startswith(("**", "__")):
        return None
    q, a = m.group("q"), m.group("a").strip()
    if " or " not in q.lower() or a.lower() not in q.lower():
        return None
    return q, a


#: Bold labels that structure an answer ("**Definition**:", "**Why**:"), never glossary terms.
_LABEL_WORDS = frozenset(
    """definition answer ans example examples note notes see also provenance source sources
    reference references tags tag status summary idea ideas effects effect why how what when
    where who pros cons advantages disadvantages intuition formula result results usage
    output input explanation solution hint tip warning important remember key""".split()
)


def _glossary_terms(found: list[Opener], blocks: list[Block]) -> set[int]:
    """Start lines of the term entries that form a glossary: in their section (between
    headings), at least two entries and most of the section's paragraphs and items.  Entries
    of a glossary's own syntax (a definition list, a Term/Definition table) need no more than
    two of them: nobody writes those for emphasis."""
    terms = [
        o for o in found if o.entry and " ".join(t.words(o.question)).lower() not in _LABEL_WORDS
    ]  # (entries that ask count towards a glossary: a description list mixes both)
    if len(terms) < 2 or not any(o.kind == "term" for o in terms):
        return set()
    explicit = {o.block.start for o in terms if o.block.kind == "line"}
    explicit = explicit if len(explicit) >= 2 else set()
    heads = [b for b in blocks if b.kind == "heading"]
    bounds = [b.start for b in heads]
    starts = {o.block.start for o in terms}
    own = entries = 0  # leaf sections opening with text of their own, with an entry
    for head, nxt in zip(heads, [*bounds[1:], 1 << 30]):
        h = head.start
        first = next((b for b in blocks if h < b.start < nxt and b.kind != "heading"), None)
        if first is not None:
            entries += first.start in starts
            # (a heading that asks is answered by its text: that makes it no term)
            own += (
                first.start not in starts
                and first.kind in ("paragraph", "item")
                and not _asks(head.text)
            )
    if own >= 2 and own > entries:
        return explicit  # the headings are the terms (a heading glossary): entries are emphasis
    out: set[int] = set()
    for o in terms:
        lo = max((h for h in bounds if h <= o.block.start), default=-1)
        hi = min((h for h in bounds if h > o.block.start), default=1 << 30)
        same = [x for x in terms if lo <= x.block.start < hi]
        section = [b for b in blocks if lo < b.start < hi]
        top = min((b.depth for b in section if b.kind == "item"), default=1)
        content = [
            b for b in section if b.kind == "paragraph" or (b.kind == "item" and b.depth == top)
        ]
        # a section of entries: from its first entry on, most of what it holds is entries
        content = [b for b in content if b.start >= same[0].block.start]
        if len(same) >= 2 and len(same) >= 0.6 * len(content):
            out.add(o.block.start)
    return out | explicit


_STRONG_KINDS = frozenset({"details", "callout", "bold", "numbered", "heading"})


def _nest(found: list[Opener]) -> list[Opener]:
    """The openers left when those nested in another opener's item (its answer) go."""
    kept: list[Opener] = []
    for o in found:
        if kept and _inside(o, kept[-1]):
            continue
        kept.append(o)
    return kept


def _reach(
    openers: list[Opener], headings: list[Block], lines: list[str], items: list[Block]
) -> list[tuple[int, int]]:
    """The line ranges the openers' answers cover."""
    out = []
    for k, o in enumerate(openers):
        nxt = openers[k + 1] if k + 1 < len(openers) else None
        out.append((o.block.start, _answer_end(o, nxt, headings, lines, items)))
    return out


def _item_answered(o: Opener, found: list[Opener], blocks: list[Block], lines: list[str]) -> bool:
    """A question bullet with its answer nested under it, or a block other than the next
    item of its list after it (code, a paragraph, a picture)."""
    if _has_children(o.block, lines):
        return True
    nxt = next((b for b in blocks if b.start >= o.block.stop), None)
    if nxt is None or nxt.kind == "heading" or any(x.block is nxt for x in found):
        return False
    return not (nxt.kind == "item" and nxt.depth == o.block.depth)


def _inside(o: Opener, outer: Opener) -> bool:
    b = outer.block
    return b.kind == "item" and b.end <= o.block.start < b.stop


def _answer_end(
    o: Opener, nxt: Opener | None, headings: list[Block], lines: list[str], siblings: list[Block]
) -> int:
    n = len(lines)
    if o.kind in ("details", "callout"):
        return o.block.stop
    if o.entry and o.block.kind == "line":
        return o.answer_start  # a table row, a definition: answered on its own lines
    stop = nxt.block.start if nxt is not None else n
    nested = o.answer_start < o.block.end or _has_children(o.block, lines)
    if o.block.kind == "item" and o.block.stop > o.block.end and o.kind != "item" and nested:
        return min(stop, o.block.stop)  # an item with children: they are its answer
    # (a question bullet of an outline is answered by what follows it up to the next one:
    # its nested items, and the notes and pictures after them)
    for h in headings:
        if h.start >= o.answer_start and h.start < stop and h is not o.block:
            stop = h.start
            break
    if o.kind == "item":
        # a question bullet's answer ends where its list goes on with another item
        # (another bullet glyph starts another list: "  - yes, ..." typed under "* Why ...?"
        # answers it)
        mark = lines[o.block.start].lstrip()[:1]
        sibling = next(
            (
                b
                for b in siblings
                if b.start == o.block.stop
                and b.depth == o.block.depth
                and lines[b.start].lstrip()[:1] == mark
            ),
            None,
        )
        if sibling is not None and sibling.start < stop:
            stop = sibling.start
    if o.block.kind == "item" and o.kind != "item":
        # the next item of the same list ("2. Confidence intervals." grouping the questions
        # after it) is no part of this answer
        sibling = next(
            (b for b in siblings if o.answer_start <= b.start < stop and b.depth <= o.block.depth),
            None,
        )
        if sibling is not None:
            stop = sibling.start
    return stop


_TAGS = re.compile(r"</?(?:b|i|u|em|strong|p|br|span|div|font|mark|center|small)\b[^>]*>", re.I)


def _tidy_answer(answer: str) -> str:
    """Drop an answer label, presentation tags, a placeholder."""
    answer = strip_answer_label(answer)
    if "<" in answer:
        answer = _TAGS.sub("", answer)
        answer = "\n".join(ln.rstrip() for ln in answer.splitlines())
        answer = re.sub(r"\n{3,}", "\n\n", answer).strip()
    answer = t.clean_answer(answer.splitlines())
    return "" if is_placeholder(answer) else answer
