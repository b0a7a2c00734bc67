"""The shared block model: a Markdown text as a flat list of blocks with their source lines.

Every structured container ends up here (Markdown itself; HTML, Word and notebooks converted
to Markdown; Org written as Markdown line for line), so one card finder reads them all.  The
structure comes from markdown-it-py's tokens, so code, lists and paragraphs are told apart by
a real CommonMark parser; `<details>` blocks are found first, on the lines, because their
content is Markdown that markdown-it splits into several blocks.

A block's `start`/`end` cover its own text (a list item: its first paragraph, the "lead");
`stop` covers what is nested under it too (a list item's children).  Lines are 0-based.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: Block structure only: the inline rule is off (an inline token keeps its source text as
#: `content`, which is all the finders read), which makes parsing three times faster.
_MD = MarkdownIt("commonmark").enable("table").disable("inline")
_DETAILS_OPEN = re.compile(r"^\s*<details\b[^>]*>", re.I)
_DETAILS_ANY = re.compile(r"<details\b", re.I)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.I)
_SUMMARY = re.compile(r"<summary\b[^>]*>(.*?)</summary\s*>", re.I | re.S)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
#: An Obsidian callout's first line: "> [!question]- Title" (the sign folds it).
_CALLOUT = re.compile(r"^\s{0,3}>\s*\[!([\w-]+)\][+-]?\s*(.*)$")
_QUOTE_MARK = re.compile(r"^\s{0,3}> ?")
#: Callout types that ask: their title (or first line) is a question, their body the answer.
ASKING_CALLOUTS = frozenset({"question", "faq", "help", "quiz", "flashcard", "card", "q"})
#: Callout types that hold the answer when nested in an asking one.
_ANSWER_CALLOUTS = frozenset({"answer", "success", "check", "done", "solution", "a", "ans"})


class Block(NamedTuple):
    """One block of a document.

    kind: heading, paragraph, item (a list item), details, callout (Obsidian's "> [!type]"),
    code, table, html, hr, quote.
    text: the inline text (heading, paragraph, an item's lead, a details block's summary, a
    callout's title).
    level: a heading's level.  depth: list nesting (1 for a top-level item, 0 outside lists).
    ordered: an item of a numbered list.  body: a details block's content after its summary,
    a callout's lines after its title.
    """

    kind: str
    start: int
    end: int
    stop: int
    text: str
    level: int = 0
    depth: int = 0
    ordered: bool = False
    body: str = ""
    label: str = ""  # a callout's type ("question", "note")


def _details(lines: list[str]) -> list[Block]:
    """`<details><summary>…</summary>…</details>` regions outside code fences."""
    out: list[Block] = []
    fence: str | None = None
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        m = _FENCE.match(line)
        if m:
            fence = None if fence == m.group(1) else (fence or m.group(1))
        if fence is None and _DETAILS_OPEN.match(line):
            j = i
            depth = 0
            while j < n:
                depth += len(_DETAILS_ANY.findall(lines[j])) - len(_DETAILS_CLOSE.findall(lines[j]))
                if depth <= 0 and _DETAILS_CLOSE.search(lines[j]):
                    break
                j += 1
            if j >= n:
                break  # never closed: not a details block
            chunk = "\n".join(lines[i : j + 1])
            summary = _SUMMARY.search(chunk)
            head = summary.group(1) if summary else ""
            rest = chunk[summary.end() :] if summary else chunk[_DETAILS_OPEN.match(chunk).end() :]  # type: ignore[union-attr]
            rest = _DETAILS_CLOSE.split(rest)[0] if _DETAILS_CLOSE.search(rest) else rest
            out.append(Block("details", i, j + 1, j + 1, head, body=rest))
            i = j + 1
            continue
        i += 1
    return out


def tokens(source: str) -> list[Token]:
    """markdown-it's block tokens of a text (with source line maps)."""
    return _MD.parse(source)


def parse_blocks(source: str, toks: list[Token] | None = None) -> list[Block]:
    """The blocks of a Markdown text, in document order (list items at every depth);
    `toks` when the caller has parsed the text already."""
    lines = source.splitlines()
    details = _details(lines) if "<details" in source.lower() else []
    taken = [False] * (len(lines) + 1)
    for d in details:
        for k in range(d.start, d.stop):
            taken[k] = True
    tokens = toks if toks is not None else _MD.parse(source)
    out: list[Block] = list(details)
    lists: list[bool] = []  # the open lists, ordered or not
    pending_item: tuple[int, int, int, bool] | None = None  # an item waiting for its lead
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(tok.type == "ordered_list_open")
            continue
        if tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            continue
        if tok.map is None:
            continue
        start, end = tok.map
        if taken[start]:
            continue
        if tok.type == "list_item_open":
            if pending_item is not None:  # an item with no paragraph of its own (empty)
                s, stop, depth, ordered = pending_item
                out.append(Block("item", s, s + 1, stop, "", depth=depth, ordered=ordered))
            pending_item = (start, end, len(lists), lists[-1] if lists else False)
            continue
        inline = tokens[i + 1] if i + 1 < len(tokens) else None
        text = inline.content if inline is not None and inline.type == "inline" else ""
        if pending_item is not None:
            s, stop, depth, ordered = pending_item
            pending_item = None
            if tok.type == "paragraph_open" and start == s:
                out.append(Block("item", s, end, stop, text, depth=depth, ordered=ordered))
                continue
            lead_end = start if start > s else s + 1
            out.append(
                Block("item", s, lead_end, stop, _lead(lines, s), depth=depth, ordered=ordered)
            )
        if tok.level != 0 and not lists:
            continue
        in_list = bool(lists)
        if tok.type == "heading_open" and not in_list:
            out.append(Block("heading", start, end, end, text, level=int(tok.tag[1])))
        elif tok.type == "paragraph_open" and not in_list and tok.level == 0:
            out.append(Block("paragraph", start, end, end, text))
        elif in_list:
            continue  # an item's further content: part of the item
        elif tok.type in ("fence", "code_block"):
            out.append(Block("code", start, end, end, ""))
        elif tok.type == "table_open":
            out.append(Block("table", start, end, end, ""))
        elif tok.type == "html_block":
            out.append(Block("html", start, end, end, tok.content))
        elif tok.type == "hr":
            out.append(Block("hr", start, end, end, ""))
        elif tok.type == "blockquote_open":
            out.append(_callout(lines, start, end) or Block("quote", start, end, end, ""))
    if pending_item is not None:
        s, stop, depth, ordered = pending_item
        out.append(Block("item", s, s + 1, stop, _lead(lines, s), depth=depth, ordered=ordered))
    out.sort(key=lambda b: (b.start, -b.stop))
    return out


def _callout(lines: list[str], start: int, end: int) -> Block | None:
    """An Obsidian callout as a details block: its title (the type's name when it has none)
    the summary, its lines without their quote marks the body.  A callout nested inside
    that holds the answer ("> > [!answer]-", folded) gives its lines as the body; the lines
    above it go on with the question."""
    m = _CALLOUT.match(lines[start])
    if not m:
        return None
    kind, title = m.group(1).lower(), m.group(2).strip()
    body = [_QUOTE_MARK.sub("", ln, count=1) for ln in lines[start + 1 : end]]
    if not title and kind in ASKING_CALLOUTS:
        while body and not body[0].strip():
            body.pop(0)
        title, body = (body[0].strip(), body[1:]) if body else ("", body)
    for k, line in enumerate(body):
        nested = _CALLOUT.match(line)
        if nested and nested.group(1).lower() in _ANSWER_CALLOUTS:
            # the lines above it go on with the question; the nested callout's lines answer
            above = " ".join(ln.strip() for ln in body[:k] if ln.strip())
            title = f"{title} {above}".strip() if above else title
            label = nested.group(2).strip()
            own = [label] if label and label.lower().rstrip(":") not in _ANSWER_CALLOUTS else []
            body = own + [_QUOTE_MARK.sub("", ln, count=1) for ln in body[k + 1 :]]
            break
    return Block("callout", start, end, end, title, body="\n".join(body), label=kind)


_ITEM_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s?")


def _lead(lines: list[str], start: int) -> str:
    return _ITEM_MARK.sub("", lines[start], count=1).strip() if start < len(lines) else ""


def bold_only(text: str, italic: bool = False) -> bool:
    """The whole inline text is one bold span (or, with `italic`, an italic one):
    `**Why ...?**`."""
    core = text.strip()
    for mark in ("**", "__", "*", "_") if italic else ("**", "__"):
        if core.startswith(mark) and core.endswith(mark) and len(core) > 2 * len(mark):
            inner = core[len(mark) : -len(mark)]
            return mark not in inner and inner.strip() == inner.strip(" ") and bool(inner.strip())
    return False
