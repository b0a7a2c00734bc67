"""reStructuredText notes (`.rst`), written as Markdown line for line.

Section titles (a line underlined, and perhaps overlined, with one punctuation character) become
headings, their level given by the order in which each adornment first appears, as docutils
does; a transition line becomes a rule; ``literal`` and `text <url>`_ links become their
Markdown forms; definition list items ("term" with its definition indented below) become
`**term**:` glossary items.  Admonitions (`.. note::`, `.. admonition:: Question`) hold prose:
they become Obsidian-style callouts (`> [!note]`), so one that asks is a card as a callout
is.  Other directives (`.. math::`, `.. code-block::`) and their indented bodies are kept as
they are, the directive line indented so that Markdown reads the whole as code (no line
inside it opens a card).  Every line keeps its number.
"""

from __future__ import annotations

import re

from .model import Document

_ADORNMENT = re.compile(r"^([=\-~^\"'`#*+:._])\1{2,}\s*$")
_LINK = re.compile(r"`([^`<]+?)\s*<([^>`]+)>`__?")
_LITERAL = re.compile(r"``([^`]+)``")
_DIRECTIVE = re.compile(r"^\.\.\s+([\w-]+)::\s*(.*)$")
#: docutils' admonitions, and the generic one with a title of its own: prose, not code.
_ADMONITIONS = frozenset(
    """admonition note tip hint important attention caution danger error warning seealso
    topic sidebar""".split()
)
#: Titles of a generic admonition that say its body asks ("Question", "Exercise 3").
_ASKING_TITLES = ("question", "exercise", "quiz", "faq", "q:", "check yourself")


def read_rst(data: str | bytes, filename: str = "") -> Document:
    source = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    lines = source.splitlines()
    out = list(lines)
    styles: list[tuple[str, bool]] = []  # adornment (char, overlined) in order of appearance
    title: str | None = None
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        over = _ADORNMENT.match(line)
        # overline + title + underline
        if (
            over
            and i + 2 < n
            and lines[i + 1].strip()
            and _ADORNMENT.match(lines[i + 2])
            and lines[i + 2].strip()[0] == line.strip()[0]
        ):
            level = _level(styles, (line.strip()[0], True))
            out[i], out[i + 1], out[i + 2] = "", "#" * level + " " + lines[i + 1].strip(), ""
            title = title or (lines[i + 1].strip() if level == 1 else None)
            i += 3
            continue
        under = i + 1 < n and _ADORNMENT.match(lines[i + 1])
        if (
            line.strip()
            and not line.startswith((" ", "\t"))
            and under
            and not over
            and len(lines[i + 1].strip()) >= len(line.strip()) - 1
        ):
            level = _level(styles, (lines[i + 1].strip()[0], False))
            out[i], out[i + 1] = "#" * level + " " + line.strip(), ""
            title = title or (line.strip() if level == 1 else None)
            i += 2
            continue
        if (
            over
            and (i == 0 or not lines[i - 1].strip() or out[i - 1].startswith((": ", "  ")))
            and (i + 1 >= n or not lines[i + 1].strip())
        ):
            out[i] = "---"  # a transition
        elif line.startswith(".. ") and "::" in line:
            directive = _DIRECTIVE.match(line)
            if directive and directive.group(1).lower() in _ADMONITIONS:
                i = _admonition(lines, out, i, directive.group(1).lower(), directive.group(2))
                continue
            out[i] = "    " + line  # a directive and its indented body: a code block
        elif (
            line.strip()
            and not line.startswith((" ", "\t"))
            and not line.rstrip().endswith("::")
            and (i == 0 or not lines[i - 1].strip() or out[i - 1].startswith((": ", "  ")))
            and i + 1 < n
            and lines[i + 1][:1] in (" ", "\t")
            and lines[i + 1].strip()
        ):
            # a definition list item: the term, its definition indented under it
            out[i] = _inline(line)
            j = i + 1
            while j < n and lines[j].strip() and lines[j][:1] in (" ", "\t"):
                out[j] = (": " if j == i + 1 else "  ") + _inline(lines[j].strip())
                j += 1
            i = j
            continue
        elif not line.startswith((" ", "\t")):
            out[i] = _inline(line)
        i += 1
    return Document(container="rst", text="\n".join(out) + "\n", title=title)


def _admonition(lines: list[str], out: list[str], i: int, kind: str, title: str) -> int:
    """Write the admonition at line i as a callout; return the line after its body."""
    title = title.strip()
    if kind == "admonition" and title.lower().startswith(_ASKING_TITLES):
        kind, title = "question", ""  # the body asks: its first line is the question
    out[i] = f"> [!{kind}] {_inline(title)}".rstrip()
    j = i + 1
    body = []
    while j < len(lines) and (not lines[j].strip() or lines[j][:1] in (" ", "\t")):
        body.append(j)
        j += 1
    while body and not lines[body[-1]].strip():
        body.pop()  # (the blank lines after it end it)
    indent = min(
        (len(lines[k]) - len(lines[k].lstrip()) for k in body if lines[k].strip()), default=0
    )
    for k in body:
        out[k] = f"> {_inline(lines[k][indent:])}".rstrip()
    return body[-1] + 1 if body else i + 1


def _level(styles: list[tuple[str, bool]], style: tuple[str, bool]) -> int:
    if style not in styles:
        styles.append(style)
    return min(6, styles.index(style) + 1)


def _inline(line: str) -> str:
    if "`" not in line:
        return line
    line = _LINK.sub(r"[\1](\2)", line)
    return _LITERAL.sub(r"`\1`", line)
