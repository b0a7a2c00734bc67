"""Word documents (`.docx`, Google Docs exports), read with mammoth.

mammoth turns the document into clean HTML (headings from Word's heading styles, bold runs,
lists with their nesting, tables, links; no page layout).  A Word paragraph is what a line is
in a text note, so the document is written one paragraph per Markdown paragraph: headings as
Markdown headings, list items as Markdown items (nested ones indented), tables as pipe rows,
bold runs as `**…**`.  Paragraphs are separated by one blank line, and an empty paragraph (a
blank line the author typed) adds a second one.  The card style is then detected on that
text like on any note: plain question and answer paragraphs are segmented as a flat note,
headings, bold questions or numbered lists are read as Markdown.
"""

from __future__ import annotations

import io
import re
import zipfile

from .model import Document, NoteError


def read_docx(data: str | bytes, filename: str = "") -> Document:
    import mammoth

    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogateescape")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise NoteError("not a Word document (not a zip archive)")
    try:
        result = mammoth.convert_to_html(io.BytesIO(data))
    except Exception as exc:  # a damaged archive or document part: any of a dozen errors
        raise NoteError(f"not a readable Word document ({type(exc).__name__})") from None
    return Document(container="docx", text=html_to_lines(result.value))


def html_to_lines(html: str) -> str:
    """mammoth's HTML as one line per paragraph."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(html, "html.parser")
    parts: list[str] = []
    for el in soup.children:
        out: list[str] = []
        if isinstance(el, Tag):
            _block(el, out, "")
        elif str(el).strip():
            out.append(str(el).strip())
        parts.append("\n".join(out))
    while parts and not parts[-1].strip():
        parts.pop()
    # paragraphs are Markdown paragraphs, one blank line apart; an empty paragraph (a blank
    # line the author typed) adds a second one
    return "\n\n".join(p if p.strip() else "" for p in parts).replace("\n\n\n\n", "\n\n\n") + "\n"


def _inline(el: object) -> str:
    from markdownify import MarkdownConverter

    md = MarkdownConverter(
        heading_style="ATX", escape_underscores=False, escape_misc=False, autolinks=True
    ).convert(el.decode_contents())  # type: ignore[attr-defined]
    md = md.replace("\xa0", " ")
    md = re.sub(r"\*\*\s*\*\*", "", md)  # adjacent bold runs of one word processor span
    return " ".join(md.split("\n")).rstrip()


def _block(el: object, out: list[str], indent: str) -> None:
    from bs4 import Tag

    assert isinstance(el, Tag)
    name = el.name
    if name == "p":
        text = _inline(el).strip()
        out.append(indent + text if text else "")
    elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        text = el.get_text(" ", strip=True)
        out.append(f"{'#' * int(name[1])} {text}" if text else "")
    elif name in ("ul", "ol"):
        for k, li in enumerate(el.find_all("li", recursive=False), start=1):
            marker = f"{k}. " if name == "ol" else "- "
            nested = [c for c in li.children if isinstance(c, Tag) and c.name in ("ul", "ol")]
            for c in nested:
                c.extract()
            out.append(indent + marker + _inline(li).strip())
            for c in nested:
                _block(c, out, indent + " " * len(marker))
    elif name == "table":
        rows = el.find_all("tr")
        for r, tr in enumerate(rows):
            cells = [
                " ".join(td.get_text(" ", strip=True).split()) for td in tr.find_all(["td", "th"])
            ]
            out.append("| " + " | ".join(cells) + " |")
            if r == 0:
                out.append("|" + " --- |" * len(cells))
    else:
        text = _inline(el).strip()
        if text:
            out.append(indent + text)
