"""Tab-separated `front<TAB>back` files, as Anki ("Notes in Plain Text") and Quizlet export.

Anki's header lines (`#separator:tab`, `#html:true`, `#tags column:3`) are honoured: HTML
fields are converted to Markdown, a tags column becomes the card's tags.  Quoted fields may hold
newlines and tabs, so rows are read with the csv module, not split by hand.
"""

from __future__ import annotations

import csv
import io
import re

from . import text as t
from .model import RawCard

_HEADER_ROWS = {
    ("front", "back"),
    ("question", "answer"),
    ("term", "definition"),
    ("word", "meaning"),
    ("word", "translation"),
    ("q", "a"),
}
_HEADER = re.compile(r"^#([\w ]+):(.*)$")


def tsv_share(lines: list[str]) -> float:
    """Share of content lines that hold a tab with text on both sides."""
    content = [ln for ln in lines if ln.strip() and not _HEADER.match(ln)]
    if not content:
        return 0.0
    tabbed = sum(1 for ln in content if "\t" in ln.strip("\t") and ln.split("\t", 1)[0].strip())
    return tabbed / len(content)


def parse_tsv(source: str) -> list[RawCard]:
    """Cards with their tags from a tab-separated export."""
    headers: dict[str, str] = {}
    body_lines = []
    offset = 0
    for line in source.splitlines(keepends=True):
        m = _HEADER.match(line.rstrip("\r\n"))
        if m and not body_lines:
            headers[m.group(1).strip().lower()] = m.group(2).strip()
            offset += 1
        else:
            body_lines.append(line)
    is_html = headers.get("html", "").lower() == "true"
    tags_col = int(headers["tags column"]) - 1 if headers.get("tags column", "").isdigit() else None
    reader = csv.reader(
        io.StringIO("".join(body_lines)), delimiter="\t", quotechar='"', strict=False
    )
    out = []
    line_no = offset + 1
    for row in reader:
        start = line_no
        line_no = offset + 1 + reader.line_num
        fields = [f.strip() for f in row]
        if len(fields) < 2 or not fields[0]:
            continue
        front, back = fields[0], fields[1]
        if start == offset + 1 and (front.lower(), back.lower()) in _HEADER_ROWS:
            continue  # a column header row, not a card
        if is_html:
            front, back = _html(front), _html(back)
        tags: tuple[str, ...] = ()
        if tags_col is not None and tags_col < len(fields):
            tags = tuple(fields[tags_col].split())
        question = t.clean_question(front)
        if question:
            out.append(RawCard(question, back, start, tags=tags))
    return out


def _html(field: str) -> str:
    from markdownify import markdownify

    md = markdownify(field, heading_style="ATX", bullets="-", escape_underscores=False)
    return re.sub(r"[ \t]+\n", "\n", md).strip()
