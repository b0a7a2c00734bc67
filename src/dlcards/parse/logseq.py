"""Outliner pages (Logseq, Roam exports): blocks tagged `#card` or `#flashcard` are cards.

An outliner page is a tree of `- ` blocks indented by tabs (or spaces).  A block's own text is
its first line plus the lines under it that are not blocks themselves; `key:: value` lines are
block properties (review state, ids, colours): metadata, never text.  A block tagged as a card
is a question whose child blocks are the answer, written relative to it (its children as
top-level `- ` items, deeper ones indented as in the page).  The page's other blocks are
notes, not cards: the page marks its cards explicitly.  A card block holding Logseq's
`{{cloze text}}` is a cloze (all its deletions hidden together, as Logseq shows them), and the
page's `title::` property, in the lines before its first block, names the deck.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import text as t
from .model import RawCard

_BULLET = re.compile(r"^(?P<indent>[ \t]*)[-*+] (?P<text>.*)$|^(?P<bare>[ \t]*)[-*+]$")
_PROPERTY = re.compile(r"^\s*[A-Za-z][\w-]*:: ")
_CARD_TAG = re.compile(
    r"(?:\s+#(?:card|flashcard|flashcards)\b|\s+\[\[(?:card|flashcard)\]\])", re.I
)
_TAG = re.compile(r"\s+#[\w/-]+(?=\s|$)")
_WIKILINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]|]*)\]\]")
_CLOZE = re.compile(r"\{\{cloze\s+(.+?)\s*\}\}")
_TITLE = re.compile(r"^title::\s*(\S.*?)\s*$", re.I)


def page_title(source: str) -> str | None:
    """The page's `title::` property, from the lines before its first block."""
    for line in source.splitlines():
        if _BULLET.match(line):
            return None
        m = _TITLE.match(line.strip())
        if m:
            return m.group(1)
    return None


def has_cards(source: str) -> bool:
    """Does the page tag any outline block as a card?"""
    if "#" not in source and "[[card]]" not in source:
        return False  # most notes: no tag at all
    low = source.lower()
    if "#card" not in low and "#flashcard" not in low and "[[card]]" not in low:
        return False
    return any(_BULLET.match(ln) and _CARD_TAG.search(ln) for ln in source.splitlines())


class Node(NamedTuple):
    line: int  # 0-based line of the bullet
    width: int  # indentation, tabs counted as 4
    text: list[str]  # the block's own lines (properties removed), continuation indent removed
    children: list[Node]


def _width(indent: str) -> int:
    return len(indent.expandtabs(4))


def parse_outline(lines: list[str]) -> list[Node]:
    """The page's block tree."""
    roots: list[Node] = []
    stack: list[Node] = []
    for i, line in enumerate(lines):
        m = _BULLET.match(line)
        if m:
            indent = m.group("indent") if m.group("indent") is not None else m.group("bare")
            node = Node(i, _width(indent), [m.group("text") or ""], [])
            while stack and stack[-1].width >= node.width:
                stack.pop()
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
            continue
        if not stack:
            continue
        owner = stack[-1]
        if _PROPERTY.match(line):
            continue
        # a continuation line: drop the block's own indent plus the two columns of "- "
        cut = owner.width + 2
        expanded = line.expandtabs(4) if line[: cut + 1].strip() == "" else line
        owner.text.append(expanded[cut:] if expanded[:cut].strip() == "" else line.strip())
    return roots


def _render(node: Node, depth: int) -> list[str]:
    pad = "\t" * depth
    first, *rest = node.text
    out = [f"{pad}- {first}".rstrip()]
    out += [f"{pad}  {ln}".rstrip() if ln.strip() else "" for ln in rest]
    for child in node.children:
        out += _render(child, depth + 1)
    return out


def _walk(nodes: list[Node]):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def parse_logseq(source: str) -> list[RawCard]:
    """Exactly the card-tagged blocks of the page."""
    lines = source.splitlines()
    cards = []
    for node in _walk(parse_outline(lines)):
        first = node.text[0]
        if not _CARD_TAG.search(first):
            continue
        head = _CARD_TAG.sub("", first)
        head = _TAG.sub("", head)  # other tags on the card line ("#ques1") label it
        head = _WIKILINK.sub(r"\1", head)
        rest = [ln for ln in node.text[1:]]
        while rest and not rest[-1].strip():
            rest.pop()
        question = t.clean_question(head)
        if rest:
            question = "\n".join([question, *(ln.rstrip() for ln in rest)])
        answer_lines: list[str] = []
        for child in node.children:
            answer_lines += _render(child, 0)
        answer = "\n".join(answer_lines).strip("\n")
        if "{{cloze" in question and _CLOZE.search(question):
            text = _CLOZE.sub(r"{{c1::\1}}", question)
            text = "\n\n".join(p for p in (text, answer) if p)  # (children: the extra text)
            cards.append(RawCard(text, "", node.line + 1, kind="cloze"))
            continue
        cards.append(RawCard(question, answer, node.line + 1))
    return [c for c in cards if c.question.strip()]
