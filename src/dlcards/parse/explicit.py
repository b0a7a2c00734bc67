"""Notes that mark their cards explicitly: `Q:`/`A:` pairs, `question::answer` lines, and
multi-line cards split by a line holding only `?` (the Obsidian Spaced Repetition habits).

A file that marks its cards gets exactly the marked cards: headings and prose around them are
context.  Code never makes or splits a card: fenced and indented code blocks are skipped and a
`::` inside inline code or between two identifiers (`std::vector`) is not a separator.
"""

from __future__ import annotations

import re
import textwrap

from . import text as t
from .model import RawCard

#: "Q:", "Question 3:", "Front:", "Term:", "**Q:**", "**Q** ...", and "Q." / "Q1." (a dot
#: after Q is as plain a marker).
_Q = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:[*_]{0,2}(?:q\s*\d{0,3}[*_]{0,2}\s*[:.]|(?:question|front|term)\s*\d{0,3}"
    r"[*_]{0,2}\s*:)[*_]{0,2}|\*\*q\*\*(?=\s))\s?(.*)$",
    re.I,
)
#: "A:", "Answer:", "Back:", "Definition:", "A." (not "A)": that is an option of a
#: multiple-choice question).
_A = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:[*_]{0,2}(?:a\s*\d{0,3}[*_]{0,2}\s*[:.]|(?:answer|back|definition)\s*"
    r"\d{0,3}[*_]{0,2}\s*:)[*_]{0,2}|\*\*a\*\*(?=\s))\s?(.*)$",
    re.I,
)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
#: An answer marker inside a question's line: "Q: Is it stable? A: Yes." (after the end of the
#: question) or "**Q:** ... **A:** ..." (in bold, wherever it stands).
_INLINE_A = re.compile(
    r"(?:(?<=[?.!)])\s+(?:[*_]{2})?|\s+(?=[*_]{2}))(?:[*_]{2})?(?:a|ans|answer)(?:[*_]{2})?\s*:"
    r"(?:[*_]{2})?\s+(?=\S)",
    re.I,
)
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
#: `question::answer` (Obsidian Spaced Repetition's default, `:::` for a reversed card),
#: `question;;answer` (a separator its users often choose instead) and `front >> back`
#: (RemNote's).
_SEP = re.compile(r"(?<!:):{2,3}(?!:)|(?<!;);;(?!;)| >> ")
_QA_DOT = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?[*_]{0,2}[QqAa][ \t]*\d{0,3}[*_]{0,2}[ \t]*\.", re.M)
_CARD_LABEL = re.compile(r"^\s*(?:flashcard|flash card|card|fc)\s*:\s*", re.I)
_IDENT_END = re.compile(r"[A-Za-z_][\w.]*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_TAGS_ONLY = re.compile(r"^\s*(#[\w/-]+\s*)+$")
_SEPARATOR_LINES = ("?", "??")


def code_mask(lines: list[str]) -> list[bool]:
    """True for lines inside fenced code blocks (fences included)."""
    joined = "\n".join(lines)
    if "```" not in joined and "~~~" not in joined:
        return [False] * len(lines)  # no fence at all: most notes
    mask = []
    fence: str | None = None
    for line in lines:
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
            mask.append(True)
        elif fence is not None:
            mask.append(True)
            if line.strip().startswith(fence):
                fence = None
        else:
            mask.append(False)
    return mask


def inline_separator(line: str) -> tuple[str, str] | None:
    """Split `question::answer` at the first real `::` (not in code, not `std::vector`)."""
    if "::" not in line and ";;" not in line and " >> " not in line:
        return None
    masked = _INLINE_CODE.sub(lambda m: "\0" * len(m.group(0)), line)
    for m in _SEP.finditer(masked):
        left, right = line[: m.start()], line[m.end() :]
        if not left.strip() or not right.strip():
            continue
        glued = (left[-1:].isalnum() or left[-1:] == "_") and m.group(0) != ":::"
        if (
            glued
            and _IDENT_END.search(left.strip())
            and " " not in left.strip()
            and right[:1].isalnum()
        ):
            continue  # an identifier path like std::vector or Foo::bar
        return left.strip(), right.strip()
    return None


def _reversed_inline(line: str, question: str) -> bool:
    """`question:::answer`: the Obsidian Spaced Repetition plugin's card studied both ways."""
    if ":::" not in line:
        return False
    at = line.find(question.strip()) + len(question.strip())
    return line[at:].lstrip().startswith(":::")


def first_heading(source: str) -> str | None:
    """The text of the first top-level (`# `) heading outside code, for the deck name."""
    lines = source.splitlines()
    for line, code in zip(lines, code_mask(lines)):
        if not code and line.startswith("# ") and line[2:].strip():
            return t.clean_question(line)
    return None


def count_markers(lines: list[str], source: str | None = None) -> dict[str, int]:
    """How many cards of each explicit kind the lines mark (outside code).  `source` is the
    lines' text, when the caller has it."""
    mask = code_mask(lines)
    qa = inline = multi = 0
    seen_q = False
    # "Q. ..." / "A. ...": looked for line by line only in a text that has such a line at all
    text = source if source is not None else "\n".join(lines)
    dots = "Q." in text and _QA_DOT.search(text) is not None  # (an "A." needs a "Q." first)
    for i, line in enumerate(lines):
        if mask[i] or line.startswith(("    ", "\t")):
            continue
        marked = ":" in line or ";;" in line or " >> " in line
        if not marked and "?" not in line and not dots:
            continue  # no marker of any kind can be on this line
        if marked or "." in line:  # (Q:, A., ::, ;; and >> need one; a "?" line has none)
            q = _Q.match(line)
            if q and _inline_answer(q.group(1)) is not None:
                qa += 1  # "Q: ... A: ..." on one line
                seen_q = False
            elif q:
                seen_q = True
            elif _A.match(line) and seen_q:
                qa += 1
                seen_q = False
            elif inline_separator(line):
                inline += 1
        elif (
            line.strip() in _SEPARATOR_LINES
            and 0 < i < len(lines) - 1
            and lines[i - 1].strip()
            and lines[i + 1].strip()
        ):
            multi += 1
    return {"qa": qa, "inline": inline, "multi": multi}


def parse_explicit(source: str) -> list[RawCard]:
    """All explicitly marked cards of a note, in order."""
    lines = source.splitlines()
    mask = code_mask(lines)
    cards: list[RawCard] = []
    i = 0
    n = len(lines)
    consumed_until = 0  # first line a multi-line card's front may start at
    while i < n:
        line = lines[i]
        if mask[i] or (line.startswith(("    ", "\t")) and not _Q.match(line)):
            i += 1
            continue
        q = _Q.match(line)
        if q:
            i = _take_qa(lines, mask, i, q.group(1), cards)
            consumed_until = i
            continue
        if line.strip() in _SEPARATOR_LINES and 0 < i < n - 1 and lines[i - 1].strip():
            start = i
            while (
                start > consumed_until
                and lines[start - 1].strip()
                and not _HEADING.match(lines[start - 1])
                and not _TAGS_ONLY.match(lines[start - 1])
            ):
                start -= 1
            end = i + 1
            while end < n and lines[end].strip() and not _HEADING.match(lines[end]):
                end += 1
            front = " ".join(ln.strip() for ln in lines[start:i])
            kind = "reversed" if line.strip() == "??" else "basic"  # (the plugin's reversed mark)
            answer = t.clean_answer(lines[i + 1 : end])
            cards.append(RawCard(t.clean_question(front), answer, start + 1, kind=kind))
            i = consumed_until = end
            continue
        split = inline_separator(line)
        if split:
            question, answer = split
            question = _CARD_LABEL.sub("", question, count=1)
            kind = "reversed" if _reversed_inline(line, question) else "basic"
            cards.append(RawCard(t.clean_question(question), answer, i + 1, kind=kind))
            consumed_until = i + 1
        i += 1
    return [c for c in cards if c.question]


def _inline_answer(text: str) -> tuple[str, str] | None:
    """(question, answer) of a question line that holds its answer marker too."""
    if ":" not in text:
        return None
    m = _INLINE_A.search(text)
    if m is None or not text[: m.start()].strip():
        return None
    return text[: m.start()].rstrip(), text[m.end() :].strip()


def _take_qa(lines: list[str], mask: list[bool], i: int, first: str, cards: list[RawCard]) -> int:
    """Read one Q:/A: card starting at line i; return the line after it."""
    n = len(lines)
    start = i
    question = [first]
    answer: list[str] = []
    in_answer = False
    both = _inline_answer(first)
    if both is not None:  # "Q: ... A: ..." on one line: the answer may go on below
        question, answer, in_answer = [both[0]], [both[1]], True
    i += 1
    while i < n:
        line = lines[i]
        if not mask[i]:
            if _Q.match(line) or _HEADING.match(line) or line.strip() in ("---", "***", "___"):
                break
            a = _A.match(line)
            if a and not in_answer:
                in_answer = True
                answer.append(a.group(1))
                i += 1
                continue
            if not line.strip():
                nxt = next((ln for ln in lines[i + 1 :] if ln.strip()), "")
                if not in_answer and _A.match(nxt):
                    i += 1  # a blank line between the question and its answer
                    continue
                continued = nxt.startswith((" ", "\t")) or t.is_bullet(nxt) or _FENCE.match(nxt)
                if not in_answer or not continued or _Q.match(nxt):
                    break
        (answer if in_answer else question).append(line)
        i += 1
    text = " ".join(q.strip() for q in question if q.strip())
    if both is not None and len(answer) > 1:
        # the lines below an answer begun on the question's line lose their common indent
        answer = [answer[0], *textwrap.dedent("\n".join(answer[1:])).split("\n")]
    cards.append(RawCard(t.clean_question(text), t.clean_answer(answer), start + 1))
    return i
