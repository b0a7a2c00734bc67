"""Org-mode notes (`.org`), read with orgparse.

orgparse gives the outline: each heading's level, title (without TODO keyword, priority and
tags), its own tags, property drawer and body.  Two kinds of Org notes come out of it:

* Review cards of org-drill and org-fc: a heading tagged `:drill:`, `:fc:` or `:card:` is one
  card.  Its body is the question (its title when the body is empty) and its sub-headings'
  bodies ("** Answer", "** Back", "** Svar") the answer; a compact card, without
  sub-headings, asks in its heading and answers in its body.  Such a file gets exactly these
  cards.
  Deletions make a cloze: org-drill's `[text]` / `[text||hint]` (all hidden together, one per
  study card under a `hide1cloze`/`multicloze` card type), org-fc's `{{text}@0}` /
  `{{text}{hint}@0}`; org-drill's `twosided` and org-fc's `double` cards are studied both
  ways.  Drawers (`:PROPERTIES:`, org-fc's `:REVIEW_DATA:`, `:LOGBOOK:`) and planning lines
  (`SCHEDULED:`) are the tools' bookkeeping, never card text.
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
_PLANNING = re.compile(r"^\s*(?:(?:SCHEDULED|DEADLINE|CLOSED):\s*[<\[][^>\]]*[>\]]\s*)+$")
#: org-drill's deletion: "[text]" or "[text||hint]" (not a link "[[...][...]]", a checkbox
#: "[X]", a date "[2026-12-02 Wed]", a footnote "[fn:1]" or a statistics cookie "[2/5]").
_DRILL_CLOZE = re.compile(
    r"(?<![\[\]\w])\[(?![\[\s]|[X-]\]|\d{4}-\d\d-\d\d|\d*[/%]\d*\]|fn:)"
    r"([^\[\]\n|]+?)(?:\|\|([^\[\]\n]*))?\](?![\[(])"
)
#: org-fc's deletion: "{{text}@0}" or "{{text}{hint}@0}".
_FC_CLOZE = re.compile(r"\{\{([^{}]+)\}(?:\{([^{}]*)\})?@(\d+)\}")
#: org-drill card types that hide one deletion per study card.
_ONE_AT_A_TIME = ("hide1cloze", "multicloze", "hide1_firstmore", "show1cloze", "show2cloze")
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
    """A heading's text without keyword lines, planning lines and drawers."""
    raw = node.get_body(format="raw")  # type: ignore[attr-defined]
    return t.clean_answer(_without_drawers(raw.splitlines()))


def _without_drawers(lines: list[str]) -> list[str]:
    """`lines` with keyword and planning lines and every closed drawer blanked."""
    out: list[str] = []
    end = -1
    for k, ln in enumerate(lines):
        if k <= end:
            out.append("")
            continue
        if _DRAWER.match(ln) and ln.strip().lower() != ":end:":
            close = next((j for j in range(k + 1, len(lines)) if _is_end(lines[j])), None)
            if close is not None:
                end = close
                out.append("")
                continue
        out.append("" if _KEYWORD.match(ln) or _PLANNING.match(ln) else ln)
    return out


def _is_end(line: str) -> bool:
    return line.strip().lower() == ":end:"


def _drill_card(node: object) -> RawCard | None:
    tags = {tag.lower() for tag in node.shallow_tags}  # type: ignore[attr-defined]
    if not tags & _CARD_TAGS:
        return None
    props = {str(k).upper(): str(v) for k, v in node.properties.items()}  # type: ignore[attr-defined]
    body = _body(node)
    heading: str = node.heading  # type: ignore[attr-defined]
    sides = [b for b in (_body(c) for c in node.children) if b]  # type: ignore[attr-defined]
    answer = "\n\n".join(sides)
    line = node.linenumber  # type: ignore[attr-defined]
    drill_type = props.get("DRILL_CARD_TYPE", "").strip().lower()
    both_ways = drill_type == "twosided" or props.get("FC_TYPE", "").strip().lower() == "double"
    cloze = _as_cloze(body, drill_type) if body else None
    if cloze is not None:  # the body's deletions make the card (its sub-headings: extra text)
        text = "\n".join(org_inline(q).rstrip() for q in cloze.splitlines())
        return RawCard("\n\n".join(p for p in (text.strip(), answer) if p), "", line, kind="cloze")
    if both_ways and not body and len(sides) >= 2:
        question, answer = sides[0], "\n\n".join(sides[1:])  # org-drill's two sides
    elif not sides and heading.strip() and body:
        # a compact card (no "Back" or "Answer" sub-heading): the heading asks, the body answers
        question, answer = heading, body
    else:
        question = body or heading  # the body asks (the heading is a title), sub-headings answer
    question = "\n".join(org_inline(q).strip() for q in question.splitlines())
    question = t.clean_question(question) if "\n" not in question else question
    return RawCard(question, answer, line, kind="reversed" if both_ways and answer else "basic")


def _as_cloze(text: str, drill_type: str) -> str | None:
    """The text with its deletions in Anki's syntax, or None when it has none."""
    if "@" in text and _FC_CLOZE.search(text):

        def fc(m: re.Match[str]) -> str:
            hint = f"::{m.group(2)}" if m.group(2) else ""
            return f"{{{{c{int(m.group(3)) + 1}::{m.group(1)}{hint}}}}}"

        return _FC_CLOZE.sub(fc, text)
    if "[" not in text or not _DRILL_CLOZE.search(text):
        return None
    count = iter(range(1, 1 << 30))
    one_each = drill_type in _ONE_AT_A_TIME

    def drill(m: re.Match[str]) -> str:
        hint = f"::{m.group(2).strip()}" if m.group(2) and m.group(2).strip() else ""
        return f"{{{{c{next(count) if one_each else 1}::{m.group(1).strip()}{hint}}}}}"

    return _DRILL_CLOZE.sub(drill, text)


def _as_markdown(source: str, nodes: list[object]) -> str:
    """The file as Markdown with the same number of lines."""
    headings = {n.linenumber: n for n in nodes}  # type: ignore[attr-defined]
    lines = source.splitlines()
    drawers = _drawer_starts(lines)
    out: list[str] = []
    in_drawer = False
    in_src = False
    for number, line in enumerate(lines, start=1):
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
        if _DRAWER.match(line) and low != ":end:" and number in drawers:
            in_drawer = True  # (any drawer that closes: properties, logbook, review data)
            out.append("")
            continue
        if _PLANNING.match(line):
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


def _drawer_starts(lines: list[str]) -> set[int]:
    """Line numbers (1-based) of the drawer openings that an `:END:` closes before the next
    heading; an unclosed `:word:` line is text."""
    out: set[int] = set()
    opening: int | None = None
    for number, line in enumerate(lines, start=1):
        if _HEADING.match(line):
            opening = None
        elif _is_end(line):
            if opening is not None:
                out.add(opening)
            opening = None
        elif opening is None and _DRAWER.match(line):
            opening = number
    return out
