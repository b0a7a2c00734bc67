"""Choose the card style of a note's text (its container was chosen by the registry).

Order matters and goes from the most explicit evidence to the least: cards the author marked
(`Q:`, `::`, `?` lines, one record per line with a separator), then Markdown structure
(headings, bold question lines), and finally the two unmarked kinds, told apart by rhythm:
flat question/answer lines versus prose with a few questions in it.  Text converted from a
structured container (HTML, Word, a notebook) is Markdown unless it marks its cards.
"""

from __future__ import annotations

import itertools
import re

from .anki_blocks import count_blocks
from .delimited import sniff
from .explicit import code_mask, count_markers
from .flat import analyse
from .prose import looks_like_prose

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_MD_BOLD_LINE = re.compile(r"^\s*(\*\*|__)[^*_].*\1\s*$")
#: A line (or list item) that opens with a bold span: "**Answer:** ...", "- **Term** - ..."
_MD_BOLD_LEAD = re.compile(r"^\s*(?:[-*+]\s+|\d{1,3}[.)]\s+)?(\*\*|__)[^*_\n]+\1")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")

FORMATS = ("outline cards", "anki blocks", "explicit", "delimited", "markdown", "flat", "prose")
#: Containers whose text is a conversion with real structure: Markdown unless marked.
_STRUCTURED = frozenset({"html", "org", "rst", "asciidoc"})


def detect(source: str, filename: str = "", container: str = "text") -> str:
    """One of FORMATS for this note's text."""
    from .logseq import has_cards

    if has_cards(source):
        return "outline cards"
    lines = source.splitlines()
    if "START" in source and count_blocks(lines):
        return "anki blocks"
    markers = count_markers(lines, source)
    if markers["qa"] or markers["multi"]:
        return "explicit"
    structured = container in _STRUCTURED
    if not structured and sniff(lines, filename, source) is not None:
        return "delimited"
    if markers["inline"] and (markers["inline"] >= 2 or markers["inline"] * 5 >= len(lines)):
        return "explicit"
    if structured or _has_markdown_structure(source, lines):
        return "markdown"
    _, body, scores = analyse(source)
    return "prose" if looks_like_prose(list(body), list(scores)) else "flat"


def _has_markdown_structure(source: str, lines: list[str]) -> bool:
    """A heading, two bold lines or lines opening in bold, or a setext underline, outside
    code.

    Each kind is looked for only when the text holds the characters it needs: most plain
    notes hold none of them, and are then told apart without a pass over their lines.
    """
    hashes = "#" in source
    stars = "**" in source or "__" in source
    rules = "---" in source or "===" in source  # an underline is at least three long
    if not (hashes or stars or rules):
        return False
    plain = [ln for ln, code in zip(lines, code_mask(lines)) if not code]
    if hashes and any("#" in ln and _MD_HEADING.match(ln) for ln in plain):
        return True
    if stars:
        bold = sum(1 for ln in plain if ("**" in ln or "__" in ln) and _MD_BOLD_LINE.match(ln))
        led = sum(1 for ln in plain if ("**" in ln or "__" in ln) and _MD_BOLD_LEAD.match(ln))
        if bold >= 2 or led >= 2:
            return True
    return rules and any(
        ln.lstrip()[:1] in ("=", "-")
        and prev.strip()
        and _SETEXT.match(ln)
        and len(ln.strip()) >= 3
        for prev, ln in itertools.pairwise(plain)
    )
