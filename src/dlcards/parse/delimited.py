"""Delimited flashcard files: one card per record, `front<SEP>back[<SEP>more columns]`.

This covers CSV decks (`.csv`, quoted fields with `""` escapes, CRLF, multi-line quoted
fields), tab-separated exports (Anki "Notes in Plain Text", Quizlet) and plain lists typed
with one separator per line (`question; answer`, `term*definition`, `term | definition`).

Rows are read with the csv module, never split by hand, so quoting works as in the programs
that wrote them.  The separator is sniffed from the lines: the candidate that splits nearly
every content line into a front and a back wins.  A header row (`question,answer,tags`,
`Acronym<TAB>Term<TAB>Category`) names the columns; Anki's `#guid column:1`-style header lines
name the metadata columns.  Known column names pick the question, answer, extra back text and
tags; metadata columns (guids, deck names, note types, URLs, categories) are left out.  Fields
that hold HTML (Anki writes it) are converted to Markdown.
"""

from __future__ import annotations

import csv
import io
import re

from . import text as t
from .model import NoteError, RawCard

#: Separators tried for a file that does not say; ',' only where the file name says CSV,
#: since commas fill ordinary sentences.  A dash between spaces ("Mitosis — cell division"),
#: a colon after a short term ("Mitosis: cell division"), an equals sign or an arrow
#: ("osmosis = water crossing a membrane", "Ribosome -> makes proteins") separates a glossary
#: typed as text.
_CANDIDATES = ("\t", ";", "|", "*", " — ", " – ", " -- ", " - ", ": ", " = ", " -> ", " → ", " => ")
#: Separators that also fill ordinary notes: they separate a glossary only once per line.
_LOOSE = (" — ", " – ", " -- ", " - ", ": ", " = ", " -> ", " → ", " => ")
#: Of those, the ones common inside sentences too: only after a short term, each line's own.
_AFTER_A_TERM = (" - ", ": ", " = ", " -> ", " → ", " => ")
_NUMBER_ONLY = re.compile(r"^\s*\(?(?:\d{1,4}|[ivx]{1,5}|[a-z])[.)]?\s*$", re.I)
_HEADER_LINE = re.compile(r"^#([\w ]+):(.*)$")
_TAG = re.compile(r"</?(?:b|i|u|em|strong|div|span|br|p|img|a|ul|ol|li|sub|sup|font)\b[^>]*>", re.I)
_QUESTION_COLS = frozenset({"question", "front", "prompt", "q", "frage", "pregunta"})
_ANSWER_COLS = frozenset(
    {
        "answer",
        "back",
        "definition",
        "meaning",
        "translation",
        "a",
        "response",
        "antwort",
        "description",
        "explanation_of_term",
        "expansion",
        "stands_for",
    }
)
_EXTRA_COLS = frozenset({"explanation", "extra", "notes", "note", "example", "examples", "details"})
_TAG_COLS = frozenset({"tags", "tag", "labels"})
#: Column names that label a record (the program that wrote it, where it came from): metadata.
_META_COLS = frozenset(
    """guid id uid deck notetype note_type model category type source url link paper_title
    paper_url title box level due interval ease created modified hint difficulty topic
    chapter""".split()
)
_NAMING_COLS = frozenset(
    {"term", "word", "concept", "keyword", "acronym", "abbreviation", "expression"}
)
_KNOWN_COLS = _QUESTION_COLS | _ANSWER_COLS | _EXTRA_COLS | _TAG_COLS | _META_COLS | _NAMING_COLS


def _content(lines: list[str]) -> list[str]:
    return [ln for ln in lines if ln.strip() and not _HEADER_LINE.match(ln)]


def split_share(lines: list[str], sep: str) -> float:
    """Share of content lines split by `sep` into a non-empty front and back."""
    content = _content(lines)
    if not content:
        return 0.0
    hits = 0
    for ln in content:
        front, found, back = ln.partition(sep)
        if found and front.strip() and back.strip() and len(front) <= 300:
            if sep in _AFTER_A_TERM and (len(front.split()) > 6 or "?" in front or "://" in ln):
                continue  # "Term: definition" has a short term (and "Note: ..." no card)
            hits += not _NUMBER_ONLY.match(front)  # "1.<TAB>topic" numbers a list
    return hits / len(content)


def sniff(lines: list[str], filename: str = "", text: str | None = None) -> str | None:
    """The separator of a delimited file, or None when the lines are not one card each.
    `text` is the lines' source, when the caller has it (saves joining them)."""
    header = dict(_anki_headers(lines)[0])
    named = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}
    if header.get("separator", "").lower() in named:
        return named[header["separator"].lower()]
    lower = filename.lower()
    candidates: tuple[str, ...] = ("\t", ",", ";") if lower.endswith(".csv") else _CANDIDATES
    if lower.endswith(".tsv"):
        candidates = ("\t",)
    sample = text[:40_000] if text is not None else "\n".join(lines[:400])
    # (a separator's first character is looked for first: single characters are found by
    # the fastest scan, and most notes hold none of "\t;|*—–:" or the rest)
    candidates = tuple(c for c in candidates if c.strip()[:1] in sample and c in sample)
    if not candidates:
        return None  # most notes: none of the separators at all
    content = _content(lines)
    if len(content) < 2:
        return None
    best, best_share = None, 0.0
    for sep in candidates:
        share = split_share(content[:400], sep)
        if sep == "," and lower.endswith(".csv"):
            share = _csv_share(content[:400])
        if share > best_share:
            best, best_share = sep, share
    if best is None:
        return None
    need = 0.6 if best == "\t" or lower.endswith((".csv", ".tsv")) else 0.7 if best == ";" else 0.8
    if best_share < need:
        return None
    if best in ("*", "|", *_LOOSE) and not _consistent(content, best):
        return None
    if best in _AFTER_A_TERM and len({ln.partition(best)[0].strip().lower() for ln in content}) < (
        0.8 * len(content)
    ):
        return None  # "Front: ..." / "Back: ...": the same few labels, not a glossary's terms
    return best


def _csv_share(content: list[str]) -> float:
    """Share of CSV records with two or more fields (quoted commas and newlines allowed)."""
    rows = list(csv.reader(io.StringIO("\n".join(content))))
    return sum(1 for r in rows if len(r) >= 2) / max(1, len(rows))


def _consistent(content: list[str], sep: str) -> bool:
    """A glyph that is also markup ('*' emphasis, '|' tables) separates cards only when each
    line holds it once and it does not open the line (a bullet, a table row)."""
    once = sum(1 for ln in content if ln.count(sep) == 1 and not ln.lstrip().startswith(sep))
    return once >= 0.8 * len(content)


def _anki_headers(lines: list[str]) -> tuple[list[tuple[str, str]], int]:
    """Anki's leading `#key:value` lines and how many lines they take."""
    out: list[tuple[str, str]] = []
    for i, line in enumerate(lines):
        m = _HEADER_LINE.match(line.rstrip("\r\n"))
        if not m:
            return out, i
        out.append((m.group(1).strip().lower(), m.group(2).strip()))
    return out, len(lines)


def _norm(name: str) -> str:
    return re.sub(r"[\s_-]+", "_", name.strip().lower())


def names_term(header: str) -> bool:
    """A column header that names the question or term ("Term", "Front", "Word")."""
    return _norm(header) in _QUESTION_COLS | _NAMING_COLS


def names_answer(header: str) -> bool:
    """A column header that names the answer ("Definition", "Back", "Meaning")."""
    return _norm(header) in _ANSWER_COLS


def column_roles(names: list[str]) -> dict[str, list[int]] | None:
    """Which columns hold the question, answer, extra back and tags, from a header row."""
    low = [_norm(n) for n in names]
    if len(low) < 2 or not all(low) or len(set(low)) != len(low):
        return None
    if not any(n in _KNOWN_COLS for n in low) or any(len(n.split("_")) > 3 for n in low):
        return None
    roles: dict[str, list[int]] = {"question": [], "answer": [], "extra": [], "tags": []}
    free = []
    for i, n in enumerate(low):
        if n in _QUESTION_COLS:
            roles["question"].append(i)
        elif n in _ANSWER_COLS:
            roles["answer"].append(i)
        elif n in _EXTRA_COLS:
            roles["extra"].append(i)
        elif n in _TAG_COLS:
            roles["tags"].append(i)
        elif n not in _META_COLS:
            free.append(i)
    if not roles["question"] and free:
        roles["question"].append(free.pop(0))
    if not roles["answer"] and free:
        roles["answer"].append(free.pop(0))
    return roles if roles["question"] else None


def parse_delimited(source: str, filename: str = "", sep: str | None = None) -> list[RawCard]:
    """Cards of a delimited file; `sep` when the caller has sniffed it already."""
    lines = source.splitlines(keepends=True)
    headers, skip = _anki_headers(lines)
    meta = dict(headers)
    named = filename.lower().endswith((".csv", ".tsv"))
    fallback = "," if filename.lower().endswith(".csv") else "\t"
    sep = sep or sniff([ln.rstrip("\r\n") for ln in lines], filename) or fallback
    is_html = meta.get("html", "").lower() == "true"
    body = "".join(lines[skip:])
    quoted = sep in "\t," or named
    reader = csv.reader(
        io.StringIO(body),
        delimiter=sep if len(sep) == 1 else "\t",
        quotechar='"',
        quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE,
        strict=filename.lower().endswith(".csv"),  # a .csv file is held to CSV's rules
    )
    skipped = set()  # Anki's "#guid column:1" headers say which columns are metadata
    tags_cols: list[int] = []
    for key, value in headers:
        if key.endswith(" column") and value.isdigit() and int(value) >= 1:
            if key == "tags column":
                tags_cols.append(int(value) - 1)
            else:
                skipped.add(int(value) - 1)
    roles: dict[str, list[int]] | None = None
    out: list[RawCard] = []
    line_no = skip + 1
    first = True
    rows: list[tuple[int, list[str]]] = []  # (first line, fields) of each record
    if len(sep) > 1:  # a dash between spaces: no quoting, one record a line
        rows = [(k, ln.rstrip("\r\n").split(sep)) for k, ln in enumerate(lines[skip:], skip + 1)]
    try:
        for row in reader if len(sep) == 1 else ():
            rows.append((line_no, row))
            line_no = skip + 1 + reader.line_num
    except csv.Error as exc:
        raise NoteError(f"not readable as CSV at line {line_no} ({exc})") from None
    for start, row in rows:
        if not any(f.strip() for f in row):
            continue
        if first:
            first = False
            roles = column_roles(row) if not skipped else None
            if roles is not None:
                continue  # the header row names the columns; it is no card
        card = _card(row, roles, skipped, tags_cols, sep, is_html, start)
        if card is not None:
            out.append(card)
    return out


def _card(
    row: list[str],
    roles: dict[str, list[int]] | None,
    skipped: set[int],
    tags_cols: list[int],
    sep: str,
    is_html: bool,
    line: int,
) -> RawCard | None:
    if roles is None:
        fields = [f for i, f in enumerate(row) if i not in skipped and i not in tags_cols]
        if not fields:
            return None  # a record of metadata columns only
        if len(fields) == 1 or (len(fields) >= 2 and not fields[1].strip()):
            # a record without its separator: "What is X? It is ..." still asks first
            split = t.question_mark_split(fields[0].strip())
            fields = [split[0], split[1]] if split else [fields[0], ""]
        if sep not in "\t,":
            fields = [fields[0], sep.join(fields[1:])]  # only the first separator splits
        q_text, a_text, extra = fields[0], fields[1] if len(fields) > 1 else "", []
        tag_text = " ".join(row[i] for i in tags_cols if i < len(row))
    else:

        def pick(kind: str) -> list[str]:
            return [row[i] for i in roles[kind] if i < len(row) and row[i].strip()]

        q_text = " ".join(pick("question"))
        a_text = "\n\n".join(pick("answer"))
        extra = pick("extra")
        tag_text = " ".join(pick("tags") + [row[i] for i in tags_cols if i < len(row)])
    html = is_html or bool(_TAG.search(q_text + a_text))
    question = _field(q_text, html)
    answer = "\n\n".join(p for p in [_field(a_text, html), *(_field(x, html) for x in extra)] if p)
    question = t.clean_question(question)  # a card's front is one line
    if not question.strip():
        return None
    return RawCard(question.strip(), answer, line, tags=tuple(tag_text.split()))


def _field(text: str, html: bool) -> str:
    text = text.strip()
    if not html or ("<" not in text and "&" not in text):
        return text
    from markdownify import markdownify

    md = markdownify(text, heading_style="ATX", bullets="-", escape_underscores=False)
    md = md.replace("\xa0", " ")
    md = re.sub(r"[ \t]+\n", "\n", md)
    md = re.sub(r"[ \t]{2,}", " ", md)
    return re.sub(r"\n{3,}", "\n\n", md).strip()
