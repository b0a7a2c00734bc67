"""Org-mode notes (`.org`), read with orgparse.

orgparse gives the outline: each heading's level, title (without TODO keyword, priority and
tags), its own tags, property drawer and body.  Two kinds of Org notes come out of it:

* Review cards of org-drill and org-fc: a heading tagged `:drill:`, `:fc:` or `:card:` is one
  card.  Its body is the question (its title when the body is empty) and its sub-headings'
  bodies ("** Answer", "** Back", "** Svar") the answer.  Such a file gets exactly these cards.
* Any other Org file is turned into Markdown, line for line, so that every card keeps its
  line number and the Markdown card finder reads it like any outline: headings stay headings,
  `#+begin_src` blocks become fences, `term :: definition` items (Org's description lists)
  become `**term**: definition` glossary items, and keyword lines (`#+TITLE:`), comments and
  property drawers become blank lines.
"""

from __future__ import annotations

import re

from . import text as t
from .model import Document, NoteError, RawCard

_CARD_TAGS = frozenset({"drill", "fc", "card", "flashcard", "flashcards"})
_HEADING = re.compile(r"^\*+\s")
_KEYWORD = re.compile(r"^\s*#\+(\w+)(?:\[.*\])?:?(.*)$", re.I)
_COMMENT = re.compile(r"^\s*#(?:\s|$)")
_DRAWER = re.compile(r"^\s*:[\w-]+:\s*$")
_DESCRIPTION = re.compile(r"^(\s*)(?:[-+]|\d+[.)])\s+(.*?)\s+::(?:\s+(.*))?$")
_ORG_EMPHASIS = re.compile(r"(?<![\w/*=~])([/*=~+_])(?=\S)(.+?)(?<=\S)\1(?![\w/*=~])")


def org_inline(text: str) -> str:
    """Org emphasis as Markdown: /italic/ *bold* =verbatim= ~code~ (+strike+ and _underline_
    lose their marks); links [[url][text]] keep their text."""
    text = re.sub(r"\[\[([^\]]+)\]\[([^\]]+)\]\]", r"[\2](\1)", text)
    text = re.sub(r"\[\[([^\]]+)\]\]", r"\1", text)

    def emph(m: re.Match[str]) -> str:
        mark, inner = m.group(1), m.group(2)
        return {"/": f"*{inner}*", "*": f"**{inner}**", "=": f"`{inner}`", "~": f"`{inner}`"}.get(
            mark, inner
        )

    return _ORG_EMPHASIS.sub(emph, text)


def read_org(data: str | bytes, filename: str = "") -> Document:
    import orgparse

    source = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    try:
        root = orgparse.loads(source)
    except Exception as exc:  # orgparse raises plain ValueErrors and others on odd input
        raise NoteError(f"not readable as Org ({type(exc).__name__})") from None
    try:
        title = root.get_file_property("TITLE")
    except RuntimeError:  # several #+TITLE lines (orgparse refuses them): the first one
        title = next(
            (
                m.group(2)
                for m in map(_KEYWORD.match, source.splitlines())
                if m and m.group(1).lower() == "title"
            ),
            None,
        )
    title = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    try:
        nodes = list(root[1:])
        cards = [c for c in (_drill_card(n) for n in nodes) if c is not None]
    except Exception as exc:  # an outline orgparse builds but cannot walk
        raise NoteError(f"not readable as Org ({type(exc).__name__})") from None
    if cards:
        return Document(container="org", title=title, cards=tuple(cards), style="org cards")
    return Document(container="org", text=_as_markdown(source, nodes), title=title)


def _body(node: object) -> str:
    raw = node.get_body(format="raw")  # type: ignore[attr-defined]
    lines = [ln for ln in raw.splitlines() if not _KEYWORD.match(ln)]
    return t.clean_answer(lines)


def _drill_card(node: object) -> RawCard | None:
    tags = {tag.lower() for tag in node.shallow_tags}  # type: ignore[attr-defined]
    if not tags & _CARD_TAGS:
        return None
    question = _body(node) or node.heading  # type: ignore[attr-defined]
    answer = "\n\n".join(b for b in (_body(c) for c in node.children) if b)  # type: ignore[attr-defined]
    question = "\n".join(org_inline(q).strip() for q in question.splitlines())
    question = t.clean_question(question) if "\n" not in question else question
    return RawCard(question, answer, node.linenumber)  # type: ignore[attr-defined]


def _as_markdown(source: str, nodes: list[object]) -> str:
    """The file as Markdown with the same number of lines."""
    headings = {n.linenumber: n for n in nodes}  # type: ignore[attr-defined]
    out: list[str] = []
    in_drawer = False
    in_src = False
    for number, line in enumerate(source.splitlines(), start=1):
        low = line.strip().lower()
        lead = line[: len(line) - len(line.lstrip())]  # a block inside an item stays in it
        if in_src:
            if low.startswith(("#+end_src", "#+end_example")):
                in_src = False
                out.append(lead + "```")
            else:
                out.append(line)
            continue
        if in_drawer:
            in_drawer = low != ":end:"
            out.append("")
            continue
        node = headings.get(number)
        if node is not None and _HEADING.match(line):
            out.append("#" * min(6, node.level) + " " + org_inline(node.heading))  # type: ignore[attr-defined]
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            name = keyword.group(1).lower()
            if name in ("begin_src", "begin_example"):
                lang = keyword.group(2).split()[0] if keyword.group(2).split() else ""
                in_src = True
                out.append(f"{lead}```{lang if name == 'begin_src' else ''}")
            else:
                out.append("")  # #+TITLE, #+OPTIONS, #+begin_quote ...: not note text
            continue
        if _COMMENT.match(line):
            out.append("")
            continue
        if _DRAWER.match(line) and low in (":properties:", ":logbook:"):
            in_drawer = True
            out.append("")
            continue
        item = _DESCRIPTION.match(line)
        if item:
            # the term is written bold: its own emphasis marks go (a term is a question)
            term = _ORG_EMPHASIS.sub(lambda m: m.group(2), item.group(2))
            indent, definition = item.group(1), item.group(3)
            out.append(f"{indent}- **{term.strip()}**:" + (f" {definition}" if definition else ""))
            continue
        out.append(line)
    return "\n".join(out) + "\n"
