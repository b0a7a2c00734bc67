"""AsciiDoc notes (`.adoc`, `.asciidoc`), written as Markdown line for line.

`=`-titles become headings; a line wrapped in single `*` (AsciiDoc's bold, the usual way to
mark a question) becomes a bold line, also when a stray space sits inside its markers;
constrained `*bold*` and `_italic_` become their Markdown forms; `*`/`**` list items become
nested `-` items and `.` items numbered ones; `term:: definition` items become glossary items;
`----` and `....` blocks become code fences (their `[source,lang]` line names the language);
a `.Title` line (a block's title: how AsciiDoc captions an example or a question) becomes a bold
line; the lines of a list item or a description's body (`term::` then its definition below,
and the paragraphs a `+` line attaches) are indented under their item, so they stay its
answer; attribute entries, block attribute lines (`[qanda]`, `[[id]]`), comments and block
delimiters of examples and sidebars become blank lines.  Every line keeps its number, except
inside a `|===` table: its rows (one line each, or a cell per line) become the rows of a Markdown
table at the top of the table's lines, so a `| Term | Definition |` table reads as a glossary.
"""

from __future__ import annotations

import re

from .model import Document

_TITLE = re.compile(r"^(={1,6})\s+(\S.*)$")
_WHOLE_BOLD = re.compile(r"^\s*\*(?![\s*])(.+?)\s*\*\s*$")
_BOLD = re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]+?)(?<!\s)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?![\s_])([^_\n]+?)(?<!\s)_(?![\w_])")
_ITEM = re.compile(r"^(\*{1,5}|\.{1,5}|-)\s+(\S.*)$")
_DESCRIPTION = re.compile(r"^(\S[^:]*?)(:{2,4}|;;)(?:\s+(.*))?$")
_SOURCE = re.compile(r"^\[(?:source|listing)(?:,\s*([\w+#.-]+))?.*\]\s*$")
_ATTRIBUTE = re.compile(r"^:[\w-]+!?:.*$")
_BLOCK_ATTRIBUTES = re.compile(r"^\[[^\]]*\]\]?\s*$")  # "[qanda]", "[[anchor]]", "[#id.role]"
_BLOCK_TITLE = re.compile(r"^\.(?![.\s])(\S.*)$")
_LINK = re.compile(r"(?:link:)?(https?://[^\s\[]+)\[([^\]]*)\]")
_TABLE = "|==="
_HEADER_OPTION = re.compile(r"%header|options\s*=\s*\"?[^\"\]]*header")
_COLS = re.compile(r"cols\s*=\s*\"([^\"]*)\"")
#: A cell's specifier before its "|" ("2*", "a", ".^1l"): how it spans or renders, not text.
_CELL_SPEC = re.compile(r"(?=\S)(?:\d*(?:\.\d+)?[*+])?[<^>]?(?:\.[<^>])?[adehlmsv]?")


def read_asciidoc(data: str | bytes, filename: str = "") -> Document:
    source = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    out: list[str] = []
    title: str | None = None
    fence: str | None = None
    lang = ""
    # inside a list item or a description's body: its next lines are indented under it
    in_item = False
    item_indent = ""
    attached = False  # the line before was a "+" continuation: a blank line does not end it
    source_lines = source.splitlines()
    tables = _tables(source_lines)
    for number, line in enumerate(source_lines):
        if number in tables:
            out.append(tables[number])
            continue
        stripped = line.strip()
        if fence is not None:
            if stripped == fence:
                fence = None
                out.append("```")
            else:
                out.append(line)
            continue
        if not stripped:
            in_item = in_item and attached
            out.append("")
            continue
        if stripped == "+" and in_item:
            attached = True
            out.append("")
            continue
        attached = False
        if stripped in ("----", "....") or (len(stripped) >= 4 and set(stripped) in ({"-"}, {"."})):
            fence = stripped
            out.append(f"```{lang}")
            lang = ""
            continue
        src = _SOURCE.match(stripped)
        if src:
            lang = src.group(1) or ""
            out.append("")
            continue
        if (
            _ATTRIBUTE.match(line)
            or stripped.startswith("//")
            or stripped in ("====", "****", "____", "--")
            or _BLOCK_ATTRIBUTES.match(stripped)
        ):
            out.append("")
            continue
        m = _TITLE.match(line)
        if m:
            level = len(m.group(1))
            if level == 1 and title is None:
                title = m.group(2).strip()
            out.append("#" * level + " " + _inline(m.group(2).strip()))
            in_item = False
            continue
        caption = _BLOCK_TITLE.match(line)
        if caption:
            out.append(f"**{_inline(caption.group(1).strip().strip('*_ ') or '*')}**")
            in_item = False
            continue
        whole = _WHOLE_BOLD.match(line)
        if whole and not _ITEM.match(stripped):
            out.append(f"**{_inline(whole.group(1).strip())}**")
            continue
        item = _ITEM.match(stripped)
        if item and not line.startswith((" ", "\t")):
            mark, text = item.group(1), item.group(2)
            depth = len(mark) - 1 if mark[0] in "*." else 0
            bullet = "1." if mark[0] == "." else "-"
            out.append("  " * depth + f"{bullet} " + _inline(text))
            in_item, item_indent = True, "  " * (depth + 1)
            continue
        desc = _DESCRIPTION.match(line)
        if desc and not line.startswith((" ", "\t")) and "://" not in desc.group(1):
            rest = f" {_inline(desc.group(3))}" if desc.group(3) else ""
            out.append(f"- **{_inline(desc.group(1).strip())}**:{rest}")
            in_item, item_indent = True, "  "
            continue
        if in_item:
            out.append(item_indent + _inline(stripped))
            continue
        out.append(_inline(line))
    return Document(container="asciidoc", text="\n".join(out) + "\n", title=title)


def _inline(text: str) -> str:
    if "*" in text:
        text = _BOLD.sub(r"**\1**", text)
    if "_" in text:
        text = _ITALIC.sub(r"*\1*", text)
    if "[" in text:
        text = _LINK.sub(lambda m: f"[{m.group(2) or m.group(1)}]({m.group(1)})", text)
    return text


def _tables(lines: list[str]) -> dict[int, str]:
    """The Markdown lines that stand for the lines of each `|===` table, by line index."""
    out: dict[int, str] = {}
    k = 0
    while k < len(lines):
        if lines[k].strip() != _TABLE:
            k += 1
            continue
        end = next((j for j in range(k + 1, len(lines)) if lines[j].strip() == _TABLE), None)
        if end is None:
            return out  # an unclosed table is text
        above = lines[k - 1].strip() if k else ""
        attributes = above if above.startswith("[") else ""
        rows = _table_rows(lines[k + 1 : end], attributes)
        for j in range(k, end + 1):
            out[j] = rows[j - k] if j - k < len(rows) else ""
        k = end + 1
    return out


def _table_rows(body: list[str], attributes: str) -> list[str]:
    """Markdown rows of an AsciiDoc table's body.  The columns are counted from its `cols`
    attribute or its first line; the first row is a header when the attributes say so or
    when a blank line follows it (AsciiDoc's own rule)."""
    cells: list[str] = []
    first_row: int | None = None
    header = bool(_HEADER_OPTION.search(attributes))
    for n, line in enumerate(body):
        stripped = line.strip()
        if not stripped:
            if first_row is None and cells:
                first_row = len(cells)
                header = header or n == 1
            continue
        pieces = stripped.replace("\\|", "\0").split("|")
        lead, rest = pieces[0], pieces[1:]
        if not rest:
            if cells:
                cells[-1] = f"{cells[-1]} {stripped}".strip()  # a cell's text goes on
            continue
        if lead and not _CELL_SPEC.fullmatch(lead) and cells:
            cells[-1] = f"{cells[-1]} {lead}".strip()
        for k, piece in enumerate(rest):
            text = piece.replace("\0", "\\|")
            spec = text.rsplit(None, 1)[-1] if text.strip() else ""
            if k + 1 < len(rest) and not text.endswith(" ") and _CELL_SPEC.fullmatch(spec):
                text = text[: len(text) - len(spec)]  # "a | b 2*| c": "2*" is the next cell's
            cells.append(_inline(text.strip()))
        if n == 0:
            first_row = len(cells)
    columns = _column_count(attributes) or first_row or 1
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    if not rows:
        return []
    rows[-1] += [""] * (columns - len(rows[-1]))
    lines = ["", "| " + " | ".join(rows[0]) + " |", "|" + " --- |" * columns]
    if not header:
        lines = ["", "|" + "  |" * columns, "|" + " --- |" * columns, lines[1]]
    return lines + ["| " + " | ".join(row) + " |" for row in rows[1:]]


def _column_count(attributes: str) -> int:
    """Columns named by a `cols="1,3"` or `cols="3*"` attribute, or 0."""
    m = _COLS.search(attributes)
    if not m:
        return 0
    count = 0
    for spec in m.group(1).split(","):
        times, star, _ = spec.strip().partition("*")
        count += int(times) if star and times.isdigit() else 1
    return count
