"""Jupyter notebooks (`.ipynb`): the cells, read as a notebook, never as JSON text.

Markdown cells are Markdown.  A code cell is code: it follows the question before it as (part
of) its answer, in a fence of the notebook's language.  A code cell written only in comments
is the author's prose typed where the notebook let them (`# Q1) ...` / `# Ans--> ...`): its
comment markers are removed and it is read as text.  Outputs and metadata are not notes.
"""

from __future__ import annotations

import json
import re
import warnings as _warnings

from .model import Document, NoteError

_COMMENT = re.compile(r"^\s*#+ ?")


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def read_notebook(data: str | bytes, filename: str = "") -> Document:
    """The notebook's cells as one Markdown text, cells separated by a blank line."""
    import nbformat

    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:  # say where, as an editor would show it
        raise NoteError(
            f"not a readable notebook (invalid JSON at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise NoteError("not a readable notebook (JSON nested too deeply)") from None
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4)
        cells = list(nb.get("cells", []))
    except Exception as exc:  # nbformat raises validation and version errors of many kinds
        reason = f"{type(exc).__name__}: {_first_line(exc)}"
        raise NoteError(f"not a readable notebook ({reason})") from None
    language = ""
    meta = nb.get("metadata") or {}
    info = meta.get("language_info") or meta.get("kernelspec") or {}
    if isinstance(info, dict):
        language = str(info.get("name") or info.get("language") or "")
    language = language if re.fullmatch(r"[\w+#.-]{1,20}", language) else ""
    parts: list[str] = []
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        source = _source(cell).rstrip()
        if not source.strip():
            continue
        kind = cell.get("cell_type")
        if kind == "code":
            lines = source.splitlines()
            if all(_COMMENT.match(ln) or not ln.strip() for ln in lines):
                parts.append("\n".join(_COMMENT.sub("", ln, count=1).rstrip() for ln in lines))
            else:
                fence = "````" if "```" in source else "```"
                parts.append(f"{fence}{language}\n{source}\n{fence}")
        elif kind in ("markdown", "raw"):
            parts.append(source)
    return Document(container="notebook", text="\n\n".join(parts) + "\n")


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    first = lines[0] if lines else ""
    return first if len(first) <= 80 else first[:77] + "..."
