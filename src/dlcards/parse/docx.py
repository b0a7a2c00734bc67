"""Word documents (`.docx`, Google Docs exports): mammoth turns them into HTML, then the HTML
reader turns that into Markdown, so a Word file follows the same card rules as an HTML export.

mammoth keeps what a note needs (headings from Word's heading styles, bold runs, lists with
their nesting, tables, links) and drops page layout.
"""

from __future__ import annotations

import io
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
    from .html import read_html

    doc = read_html(f"<html><body>{result.value}</body></html>", filename)
    return doc._replace(container="docx", located=None)
