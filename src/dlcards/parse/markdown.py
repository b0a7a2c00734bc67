"""Markdown notes: heading sections, bold or heading questions, questions inside paragraphs.

The structure comes from markdown-it-py's block tokens (with their source line maps), so code
blocks, lists and paragraphs are told apart by a real CommonMark parser, and answers are cut
from the source text itself: they keep their Markdown exactly as the user wrote it.

* A heading with text of its own is a card: the heading is the question, its text up to the
  next heading the answer.  A document's single top-level heading is its title, not a card.
* A heading or a bold line that asks a question opens a card whose answer runs to the next
  heading or bold question.  A heading whose section opens with such questions is a chapter:
  its questions are the cards.
* A plain paragraph line that asks ("Why do we need X?") is a card of its own as well, answered
  by the rest of its paragraph, or by the next block when it stands alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from markdown_it.token import Token

from . import text as t
from .blocks import bold_only as emphasis_only
from .finder import LINK_LINE, is_placeholder, meta_section, strip_answer_label
from .model import RawCard

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_LEAD_QUESTION = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*(\S.*)$")


@dataclass(frozen=True)
class Block:
    """A top-level block: kind ('heading', 'paragraph', 'code', 'list', ...), source lines."""

    kind: str
    start: int  # 0-based first line
    end: int  # 0-based line after the block
    text: str  # inline text for headings and paragraphs
    level: int = 0
    bold_only: bool = False


def split_front_matter(source: str) -> tuple[dict, str, int]:
    """(front matter mapping, body, number of lines removed).  Bad front matter is text."""
    m = _FRONT_MATTER.match(source)
    if not m:
        return {}, source, 0
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, source, 0
    if not isinstance(data, dict):
        return {}, source, 0
    return data, source[m.end() :], source[: m.end()].count("\n")


def blocks(tokens: list[Token]) -> list[Block]:
    """Top-level blocks of a Markdown text with their line ranges, from its tokens."""
    out: list[Block] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.level != 0 or tok.map is None:
            i += 1
            continue
        start, end = tok.map
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            out.append(Block("heading", start, end, inline.content, int(tok.tag[1])))
        elif tok.type == "paragraph_open":
            inline = tokens[i + 1]
            one_line = "\n" not in inline.content
            out.append(
                Block(
                    "paragraph",
                    start,
                    end,
                    inline.content,
                    bold_only=one_line and emphasis_only(inline.content, italic=True),
                )
            )
        elif tok.type in ("fence", "code_block"):
            out.append(Block("code", start, end, ""))
        elif tok.type.endswith("_open"):
            out.append(Block(tok.type[: -len("_open")], start, end, ""))
        elif tok.type in ("hr", "html_block"):
            out.append(Block(tok.type, start, end, tok.content))
        i += 1
    return out


def _cut(lines: list[str], start: int, end: int) -> str:
    return t.clean_answer(lines[start:end])


def parse_markdown(source: str, title_hint: str | None = None) -> tuple[str | None, list[RawCard]]:
    """Parse Markdown notes into (deck title or None, cards in document order)."""
    meta, body, offset = split_front_matter(source)
    lines = body.splitlines()
    from .blocks import parse_blocks, tokens

    toks = tokens(body)
    bl = blocks(toks)
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    headings = [b for b in bl if b.kind == "heading"]
    h1 = [b for b in headings if b.level == 1]
    skip_title: Block | None = None
    if headings and (
        (title_hint and t.clean_question(headings[0].text).lower() == title_hint.strip().lower())
        or (len(h1) == 1 and headings[0] is h1[0] and len(headings) > 1)
    ):
        skip_title = headings[0]
        title = title or t.clean_question(headings[0].text)
    if not title and len(h1) == 1 and headings[0] is h1[0]:
        title = t.clean_question(h1[0].text)  # the only heading names the deck too
    title = title or title_hint
    from .finder import find_cards

    shaped = find_cards(lines, parse_blocks(body, toks), offset)
    if shaped is not None:
        return title, shaped

    structural = [
        b
        for b in bl
        if b.kind == "heading" or (b.kind == "paragraph" and b.bold_only and t.asks(b.text))
    ]
    found: list[tuple[int, RawCard]] = []
    for idx, blk in enumerate(structural):
        nxt = len(lines)
        for later in structural[idx + 1 :]:
            if blk.kind == "heading" or later.kind == "heading" or later.bold_only:
                nxt = later.start
                break
        inner = [b for b in bl if blk.end <= b.start < nxt]
        question = t.clean_question(blk.text)
        if blk is skip_title or not question:
            continue
        if blk.kind == "heading" and (meta_section(blk.text) or _only_links(lines, blk.end, nxt)):
            continue  # a table of contents, a licence, a link list: about the notes, not them
        if (
            blk.kind == "heading"
            and not t.asks(blk.text)
            and inner
            and inner[0].kind == "paragraph"
            and _opens_with_question(inner[0], lines)
        ):
            continue  # a chapter of questions: its questions are the cards
        answer = strip_answer_label(_cut(lines, blk.end, nxt))  # "**Answer:** ..." -> "..."
        if is_placeholder(answer):
            answer = ""  # "TODO", "(omitted)": no answer yet
        if blk.kind == "heading" and not answer and not t.asks(blk.text):
            continue  # a heading without text of its own
        style = "heading questions" if t.asks(blk.text) else "headings"
        if blk.kind != "heading":
            style = "bold questions"
        found.append((blk.start, RawCard(question, answer, blk.start + 1 + offset, style=style)))
    for b_i, blk in enumerate(bl):
        if blk.kind != "paragraph" or blk.bold_only:
            continue
        found.extend(_inline_questions(blk, bl[b_i + 1 :], lines, offset))
    found.sort(key=lambda pair: pair[0])
    return title, [
        card if card.style else card._replace(style="inline questions") for _, card in found
    ]


def _only_links(lines: list[str], start: int, end: int) -> bool:
    """The section holds links and badges only (a table of contents, a list of resources)."""
    body = [ln.strip().lstrip("-*+ ").strip() for ln in lines[start:end] if ln.strip()]
    body = [ln for ln in body if not set(ln) <= set("|-: ")]  # table rules
    return bool(body) and all(
        LINK_LINE.match(ln) or ("](" in ln and _LINK_ROW.match(ln)) for ln in body
    )


_LINK_ROW = re.compile(r"^\|?(?:[^|]*\[[^\]]*\]\([^)]*\)[^|]*\||[^|]{0,40}\|)+[^|]*$")


def _opens_with_question(blk: Block, lines: list[str]) -> bool:
    return t.asks(lines[blk.start].strip())


def _flat_paragraph(blk: Block, lines: list[str], offset: int) -> list[tuple[int, RawCard]]:
    """A paragraph written as flat question/answer lines: segmented like a flat note, so
    questions without a '?' are found by the rhythm of the lines around them."""
    from .flat import Line, score_lines, segment_lines

    rows = [Line(r + 1 + offset, lines[r], False) for r in range(blk.start, blk.end)]
    starts = segment_lines(rows, score_lines(rows))
    bounds = [i for i, _ in starts] + [len(rows)]
    out = []
    for (i, doubt), end in zip(starts, bounds[1:]):
        answer = t.clean_answer([ln.text for ln in rows[i + 1 : end]])
        card = RawCard(t.clean_question(rows[i].text), answer, rows[i].number, doubt)
        out.append((blk.start + i, card))
    return out


def _inline_questions(
    blk: Block, following: list[Block], lines: list[str], offset: int
) -> list[tuple[int, RawCard]]:
    """Questions asked on a line of a paragraph, each answered by what follows it."""
    rows = range(blk.start, blk.end)
    lead = _LEAD_QUESTION.match(lines[blk.start])
    if lead and t.asks(lead.group(2)):
        # "**What is DNS?** The system that ...": a bold question opening its paragraph
        rest = [lead.group(3), *lines[blk.start + 1 : blk.end]]
        card = RawCard(
            t.clean_question(lead.group(2)), t.clean_answer(rest), blk.start + 1 + offset
        )
        return [(blk.start, card)]
    marks = [r for r in rows if t.asks(lines[r].strip())]
    if marks and marks[0] == blk.start and len(marks) >= 2 and blk.end - blk.start >= 4:
        return _flat_paragraph(blk, lines, offset)
    out = []
    for k, r in enumerate(marks):
        stop = marks[k + 1] if k + 1 < len(marks) else blk.end
        answer = _cut(lines, r + 1, stop)
        if not answer and k + 1 == len(marks) and following:
            nxt = following[0]
            if nxt.kind in (
                "paragraph",
                "bullet_list",
                "ordered_list",
                "code",
                "blockquote",
            ) and not (
                nxt.kind == "paragraph" and (nxt.bold_only or t.asks(lines[nxt.start].strip()))
            ):
                answer = _cut(lines, nxt.start, nxt.end)
        out.append((r, RawCard(t.clean_question(lines[r]), answer, r + 1 + offset)))
    return out
