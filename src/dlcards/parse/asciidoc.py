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
delimiters of examples and sidebars become blank lines.  Every line keeps its number.
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
    for line in source.splitlines():
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
            out.append(f"**{_inline(caption.group(1).strip())}**")
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
