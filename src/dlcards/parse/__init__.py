"""Note parsers: one reader per container format, a registry choosing among them, and the
card finders that read the text a reader gives.

`parse_note(data, filename)` is the entry point.  The container (text, Markdown, HTML, CSV,
notebook, Org, Word) is chosen from the file name and, for text, from its content; its reader
turns the file into a `Document` (Markdown or plain text, or a delimited deck's cards); the
card style is then detected on that text, per file (`detect.py`), and its finder runs.  Every
finder returns `RawCard`s; stable ids are given later, by the importer, because they depend on
the deck already on disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath
from typing import NamedTuple

from . import cloze
from .detect import FORMATS, detect
from .explicit import code_mask, first_heading, parse_explicit
from .flat import content_lines, deck_title, parse_flat
from .model import Document, NoteError, ParsedNote, RawCard
from .prose import parse_prose

__all__ = [
    "FORMATS",
    "READERS",
    "Document",
    "NoteError",
    "ParsedNote",
    "RawCard",
    "container_for",
    "deck_name_from_file",
    "detect",
    "is_binary",
    "parse_note",
]


class Reader(NamedTuple):
    """A container format: the file name endings that name it, whether its files are binary
    (read as bytes, never decoded as text), and the function that reads one file."""

    name: str
    suffixes: tuple[str, ...]
    binary: bool
    read: Callable[[str | bytes, str], Document]


def _read_text(data: str | bytes, filename: str = "") -> Document:
    text = data if isinstance(data, str) else data.decode("utf-8", errors="replace")
    return Document(container="text", text=text)


#: Obsidian's image embed, `![[Pasted image 2023.png]]` or `![[x.png|200]]`: not Markdown.
_EMBED = re.compile(
    r"!\[\[([^\[\]|]+?\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?))(?:\|[^\[\]]*)?\]\]", re.I
)


def _read_markdown(data: str | bytes, filename: str = "") -> Document:
    """Markdown as it is, with Obsidian's image embeds written as Markdown images (the path
    in pointy brackets, since such names hold spaces) so that answers show and export them."""
    doc = _read_text(data, filename)._replace(container="markdown")
    if "![[" in doc.text:
        doc = doc._replace(text=_EMBED.sub(r"![image](<\1>)", doc.text))
    return doc


def _read_html(data: str | bytes, filename: str = "") -> Document:
    from .html import read_html

    return read_html(data, filename)


def _read_delimited(data: str | bytes, filename: str = "") -> Document:
    from .delimited import parse_delimited

    text = _read_text(data).text
    return Document(
        container="csv", cards=tuple(parse_delimited(text, filename)), style="delimited"
    )


def _read_notebook(data: str | bytes, filename: str = "") -> Document:
    from .notebook import read_notebook

    return read_notebook(data, filename)


def _read_org(data: str | bytes, filename: str = "") -> Document:
    from .org import read_org

    return read_org(data, filename)


def _read_rst(data: str | bytes, filename: str = "") -> Document:
    from .rst import read_rst

    return read_rst(data, filename)


def _read_asciidoc(data: str | bytes, filename: str = "") -> Document:
    from .asciidoc import read_asciidoc

    return read_asciidoc(data, filename)


def _read_docx(data: str | bytes, filename: str = "") -> Document:
    from .docx import read_docx

    return read_docx(data, filename)


#: The container formats, most specific first.  Readers import their libraries (BeautifulSoup,
#: nbformat, orgparse, mammoth) only when a file needs them, so a large import of plain notes
#: does not pay for them in every worker.
READERS: tuple[Reader, ...] = (
    Reader("docx", (".docx",), True, _read_docx),
    Reader("notebook", (".ipynb",), False, _read_notebook),
    Reader("org", (".org",), False, _read_org),
    Reader("rst", (".rst", ".rest"), False, _read_rst),
    Reader("asciidoc", (".adoc", ".asciidoc", ".asc"), False, _read_asciidoc),
    Reader("csv", (".csv", ".tsv", ".tab"), False, _read_delimited),
    Reader("html", (".html", ".htm", ".xhtml"), False, _read_html),
    Reader(
        "markdown", (".md", ".markdown", ".mdown", ".mkd", ".qmd", ".rmd"), False, _read_markdown
    ),
    Reader("text", (), False, _read_text),
)
_BY_NAME = {r.name: r for r in READERS}
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body)", re.I)
_HTML_TAGS = re.compile(r"</?(?:p|div|h[1-6]|ul|ol|li|br|span|table|a)\b[^>]*>", re.I)


def reader_for(filename: str, head: str | bytes = "") -> Reader:
    """The reader of a file: by its name's ending, else by its content (an HTML page saved
    as .txt is still HTML, a tab-separated export is a delimited deck whatever its name)."""
    lower = filename.lower()
    for reader in READERS:
        if lower.endswith(reader.suffixes):
            return reader
    if isinstance(head, str):
        start = head[:2000]
        if _HTML_START.match(start) or (
            len(_HTML_TAGS.findall(start)) >= 5 and start.lstrip().startswith("<")
        ):
            return _BY_NAME["html"]
    return _BY_NAME["text"]


def container_for(filename: str, head: str | bytes = "") -> str:
    """The name of the container format a file is read as."""
    return reader_for(filename, head).name


def is_binary(filename: str) -> bool:
    """Files of this name are read as bytes (a zip archive), never decoded as text."""
    return reader_for(filename).binary


_SMALL_WORDS = frozenset(
    {
        "a",
        "an",
        "as",
        "at",
        "by",
        "in",
        "is",
        "of",
        "on",
        "or",
        "to",
        "vs",
        "and",
        "the",
        "for",
        "with",
    }
)


def deck_name_from_file(filename: str) -> str:
    """'dl-training-optimizations.txt' -> 'DL Training Optimizations'.

    Two-letter words that are not English function words are taken for acronyms (NN, DL, ML).
    """
    stem = PurePath(filename).stem
    parts = [p for p in re.split(r"[-_\s.]+", stem) if p]
    out = []
    for i, part in enumerate(parts):
        low = part.lower()
        if len(part) <= 2 and part.isalpha() and low not in _SMALL_WORDS:
            out.append(part.upper())
        elif low in _SMALL_WORDS and i:
            out.append(low)
        elif part.islower():
            out.append(part.capitalize())
        else:
            out.append(part)
    return deck_title(" ".join(out)) or stem or "Untitled"


def parse_note(
    source: str | bytes, filename: str = "", fmt: str | None = None, *, sections: bool = True
) -> ParsedNote:
    """Parse one note file; `fmt` forces a card style instead of detecting it.  `sections`:
    also say which style each section's cards were found by (for `--dry-run`; an import
    leaves it out).

    Raises NoteError for a file its container reader cannot read.
    """
    if isinstance(source, str):
        if source.startswith("\ufeff"):
            source = source[1:]
        if "\r" in source:  # CRLF (Windows) and lone CR (old Mac) line endings
            source = source.replace("\r\n", "\n").replace("\r", "\n")
    reader = reader_for(filename, source)
    doc = reader.read(source, filename)
    notices: list[str] = []
    title, cards, kind, found = find_cards(doc, fmt, sections, notices)
    cards = [c for c in cards if c.question.strip()]  # markup alone ("1.", "Q:") asks nothing
    name = " ".join(title.split()) if title and title.strip() else deck_name_from_file(filename)
    return ParsedNote(
        name=name,
        format=kind,
        cards=tuple(cards),
        warnings=(*doc.warnings, *notices),
        container=doc.container,
        sections=found,
    )


# -- the card styles: how a document's text marks its cards ---------------------------------------
# Each finder takes the document (its text, and the title its container gave) and returns the
# deck title it found (or None) and the cards.


def _front_title(source: str, fallback: str | None) -> tuple[str | None, str, int]:
    """(the front matter's title or `fallback`, body after the front matter, its lines)."""
    from .markdown import split_front_matter

    meta, body, offset = split_front_matter(source)
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    return title or fallback, body, offset


def _outline_cards(doc: Document) -> tuple[str | None, list[RawCard]]:
    from .logseq import page_title, parse_logseq

    title, body, offset = _front_title(doc.text, doc.title)
    cards = [c._replace(line=c.line + offset) for c in parse_logseq(body)]
    return page_title(body) or title, cards


def _anki_blocks(doc: Document) -> tuple[str | None, list[RawCard]]:
    from .anki_blocks import parse_anki_blocks

    title, body, _ = _front_title(doc.text, doc.title)
    return title or first_heading(body), parse_anki_blocks(doc.text)


def _explicit(doc: Document) -> tuple[str | None, list[RawCard]]:
    title, body, _ = _front_title(doc.text, doc.title)
    return title or first_heading(body), parse_explicit(doc.text)


def _delimited(doc: Document) -> tuple[str | None, list[RawCard]]:
    from .delimited import parse_delimited

    return doc.title, parse_delimited(doc.text)


def _markdown(doc: Document) -> tuple[str | None, list[RawCard]]:
    from .markdown import parse_markdown

    title, cards = parse_markdown(doc.text, title_hint=doc.title)
    return title or doc.title, cards


def _prose(doc: Document) -> tuple[str | None, list[RawCard]]:
    return doc.title, parse_prose(content_lines(doc.text))


def _flat(doc: Document) -> tuple[str | None, list[RawCard]]:
    title, cards = parse_flat(doc.text)
    return title or doc.title, cards


#: Card style (as `detect` names it) -> its finder.
CARD_STYLES: dict[str, Callable[[Document], tuple[str | None, list[RawCard]]]] = {
    "outline cards": _outline_cards,
    "anki blocks": _anki_blocks,
    "explicit": _explicit,
    "delimited": _delimited,
    "markdown": _markdown,
    "flat": _flat,
    "prose": _prose,
}


def find_cards(
    doc: Document,
    fmt: str | None = None,
    sections: bool = True,
    notices: list[str] | None = None,
) -> tuple[str | None, list[RawCard], str, tuple[tuple[str, str, int], ...]]:
    """(deck title or None, cards, card style, sections or ()) of a document; `notices`
    gets the warnings the finders have about the text (an unclosed cloze deletion)."""
    if doc.cards is not None:
        kind = doc.style or "delimited"
        records = list(doc.cards)
        if any("{{c" in c.question for c in records):
            records = list(map(_cloze_record, records))
        found = _sections("", records, kind) if sections else ()
        return doc.title, records, kind, found
    source = doc.text
    clozes: list[RawCard] = []
    mask: list[bool] = []
    if cloze.may_hold(source):
        # cloze paragraphs are taken out first, so no finder reads them (see parse/cloze.py);
        # Anki's syntax before the style is detected (its "::" is no question::answer card)
        mask = code_mask(source.split("\n"))
        source, clozes = cloze.take_clozes(source, False, mask, notices)
    kind = fmt or detect(source, "", container=doc.container)
    finder = CARD_STYLES.get(kind)
    if finder is None:
        raise ValueError(f"unknown note format {kind!r}; expected one of {', '.join(FORMATS)}")
    if "==" in source and (kind in ("explicit", "prose") or cloze.flashcard_note(source)):
        # (blanking paragraphs leaves every fence where it was: the same code mask serves)
        source, more = cloze.take_clozes(source, True, mask, notices)
        clozes = sorted([*clozes, *more], key=lambda c: c.line)
    if source is not doc.text:
        doc = doc._replace(text=source)
    title, cards = finder(doc)
    if clozes:
        cards = sorted([*cards, *clozes], key=lambda c: c.line)
    found = _sections(source, cards, kind) if sections else ()
    if doc.located is not None:
        from .html import locate_cards

        cards = locate_cards(doc.located, cards)
    return title, cards, kind, found


def _cloze_record(card: RawCard) -> RawCard:
    """A delimited deck's record whose first field holds Anki deletions is a cloze (Anki's
    own export of a Cloze note: Text, then Back Extra, which stays as the text's last
    paragraph)."""
    from ..cloze import has_deletions

    if not has_deletions(card.question):
        return card
    text = f"{card.question}\n\n{card.answer}" if card.answer.strip() else card.question
    return card._replace(question=text, answer="", kind="cloze")


_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$")


def _sections(source: str, cards: list[RawCard], kind: str) -> tuple[tuple[str, str, int], ...]:
    """(section heading, card style, cards) runs in document order: what `--dry-run` shows
    of how each part of a note was read.  A card's line numbers refer to `source` here."""
    heads: list[tuple[int, str]] = []
    if "#" in source and kind not in ("flat", "prose", "delimited"):
        from .explicit import code_mask

        lines = source.splitlines()
        for number, (line, code) in enumerate(zip(lines, code_mask(lines)), start=1):
            m = None if code or "#" not in line[:4] else _ATX.match(line)
            if m:
                heads.append((number, " ".join(m.group(2).split())))
    out: list[list] = []
    k = 0
    section = ""
    for card in cards:
        while k < len(heads) and heads[k][0] <= card.line:
            section = heads[k][1]
            k += 1
        style = card.style or kind
        if out and out[-1][0] == section and out[-1][1] == style:
            out[-1][2] += 1
        else:
            out.append([section, style, 1])
    return tuple((a, b, c) for a, b, c in out)
