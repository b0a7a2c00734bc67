"""Flat question/answer notes: a question line, then zero or more answer lines, repeated.

Nothing marks where a card starts: questions may lack a '?', answers may start with "When",
sub-questions ("Why?") sit inside answers, and some questions have no answer at all.  Deciding
line by line gets these wrong, so the file is segmented as a whole:

* every line gets a score, the log-odds that it opens a card, from its own shape (question
  mark, interrogative opening, bullet, arrow, colon label, wrapped continuation, code, length);
* the file's own rhythm is learned: how many answer lines its cards usually have, estimated
  from the cards it marks plainly and re-estimated from the segmentation (a few EM rounds);
* dynamic programming picks the split into cards that maximises line scores plus the
  log-probability of each card's answer length under that rhythm.

So "Techniques to improve model performance" becomes a question in a file whose answers are one
line long, while a short heading-like line inside a long bulleted answer stays in the answer.

The speed tricks here are explained in PERFORMANCE.md, *Import*.
"""

from __future__ import annotations

import collections
import functools
import itertools
import math
import re
from typing import NamedTuple

from . import text as t
from .model import RawCard

#: A line scoring at least this is a plainly marked question ("anchor").
ANCHOR = 2.0
#: Lines scoring above this could open a card; answer length counts them.
PLAUSIBLE = -2.0
#: Most candidate lines one card may span in the segmentation (bounds it to O(n * MAX_WINDOW)).
MAX_WINDOW = 20
_TITLE_WORDS = ("flashcards", "flash cards", "cards", "deck", "questions", "quiz", "q&a")


_ANSWER_LABEL = re.compile(r"^\s*(?:a|ans|answer)\s*\d{0,3}\s*[:.)]\s+", re.I)
_NUMBERED = re.compile(r"^\s*\(?\d{1,3}[.)]\s")
_BANNER_CHARS = "=*-#~_+"
#: The banners worth a scan of the text: each substring test scans it whole, so only the
#: common ones are looked for (a line of '#' or '~' is rarer than a line of '=' or '*').
_BANNERS = ("===", "***", "---", "___")
_BANNER = re.compile(r"^([=*\-#~_+])\1{2,}\s*$")


def _may_number(source: str) -> bool:
    """Could the text number its questions?  A numbered list starts at 1 ("1.", "1)",
    "Q1"); a few substring tests pass most notes over (each test scans the whole text, so
    they are few, and single characters come first: those scans are the fastest)."""
    return "1" in source and ("1." in source or "1)" in source or "Q1" in source)


class Line(NamedTuple):
    """A named tuple rather than a frozen dataclass: every line of every note is one, and
    tuples are built twice as fast."""

    number: int  # 1-based line in the source file
    text: str
    blank_before: bool


def content_lines(source: str) -> list[Line]:
    """Non-blank lines with their numbers, remembering which followed a blank line."""
    out: list[Line] = []
    blank = False
    banners = any(b in source for b in _BANNERS)
    for i, raw in enumerate(source.splitlines(), start=1):
        if raw.strip() and not (banners and raw[:1] in _BANNER_CHARS and _BANNER.match(raw)):
            out.append(Line(i, raw.rstrip(), blank))
            blank = False
        else:
            blank = True  # (a banner line of '=' or '*' separates like a blank line)
    return out


def _nested_under(lines: list[Line] | tuple[Line, ...], i: int) -> bool:
    """The next line is indented deeper than line i: it belongs under it."""
    if i + 1 >= len(lines):
        return False
    here, nxt = lines[i].text, lines[i + 1].text
    return len(nxt) - len(nxt.lstrip()) > len(here) - len(here.lstrip())


def _deeper(line: str, above: str) -> bool:
    """`line` is indented further than `above` (tabs counted as four spaces)."""
    a = len(line) - len(line.lstrip())
    if not a:
        return False
    b = len(above) - len(above.lstrip())
    return len(line[:a].expandtabs(4)) > len(above[:b].expandtabs(4))


def _title_case(text: str) -> bool:
    """Every word of four letters or more is capitalised, and not every letter is."""
    ws = text.split()
    return (
        text[0].isupper()
        and text[-1].isalnum()
        and not text.isupper()
        and all(w[0].isupper() for w in ws if len(w) >= 4)
    )


#: First words of a line that may name a comparison ("Difference between X and Y"), and
#: words that mark one, or a question asked in passing, anywhere in it.
_COMPARES = frozenset({"difference", "differences", "distinction", "comparison"})
_CUES = frozenset({"you", "we", "i", "vs", "versus"})


def _announced(texts: list[str], all_words: list[list[str]]) -> list[bool]:
    """Lines of a list that a colon announced, bullets or not: the line after "Fixing it:",
    and each next line that opens like the one before it ("Getting ...", "Taking ...")."""
    out = [False] * len(texts)
    for i in range(1, len(texts)):
        above = texts[i - 1]
        if above.endswith(":") or (above[-1:] in "*_ " and above.rstrip("*_ ").endswith(":")):
            out[i] = True
        elif out[i - 1] and all_words[i] and all_words[i - 1]:
            a, b = all_words[i - 1][0], all_words[i][0]
            out[i] = (a == b or (len(a) > 4 and len(b) > 4 and a[-3:] == b[-3:] == "ing")) and (
                _title_case(texts[i]) <= _title_case(texts[i - 1])
            )  # ("Sampling Bias" after "Testing the form": a topic's name, not the list's)
    return out


def score_lines(lines: list[Line] | tuple[Line, ...]) -> list[float]:
    """Log-odds that each line opens a card, from its own shape and its neighbours' shape.

    The blank-line bonus is not included: `segment_lines` adds it once it knows whether the
    file separates its cards with blank lines.  Written as one loop over precomputed line
    facts because it runs on every line of every note.
    """
    texts = [ln.text.strip() for ln in lines]
    bullets = t.bullet_flags(texts)
    all_words = t.lower_words_of(texts)
    ends_open = t.open_endings(texts)
    n_lines = len(texts)
    announced = _announced(texts, all_words)
    out = []
    for i, text in enumerate(texts):
        if not text:  # a line of only whitespace-like characters opens nothing
            out.append(-10.0)
            continue
        prev = texts[i - 1] if i else ""
        nxt = texts[i + 1] if i + 1 < n_lines else ""
        lower = all_words[i]
        n = len(lower)
        first = lower[0] if lower else ""
        s = -1.0
        if "?" in text:
            if t.ends_with_question(text):
                s += 4.5 if n >= 2 else -1.5  # "Why?" inside an answer is a sub-question
            elif (split := t.question_mark_split(text)) and len(t.words(split[0])) >= 2:
                # "What is X? BGD", "Why would we ...? (Annealing)": the question comes first
                s += 3.5 if len(t.words(split[1])) <= 4 else 2.0
        # cheap tests first: only these first words can open a question (or start a prompt)
        may_ask = first in t.QUESTION_HEADS or "'" in first or "’" in first
        if may_ask and t.opens_like_question(text, lower):
            s += 2.5
        elif first in t.WH_WORDS:
            s += 0.3
        if first in t.PROMPT_VERBS and "?" not in text and t.is_prompt(text, lower):
            s += 3.5  # "Define entropy.", "Name a function that ...": a study prompt
        if (
            s <= 1.0
            and (
                first in _COMPARES
                or not _CUES.isdisjoint(lower)  # (one pass in C over the line's words)
                or (first == "the" and n > 1 and lower[1] in _COMPARES)
            )
            and (t.asks_in_passing(text) or t.names_comparison(text))
        ):
            s += 4.0  # "... how would you handle it", "Precision vs Recall": asks all the same
        if bullets[i] and not (s > 1.0 and (_NUMBERED.match(text) or _nested_under(lines, i))):
            s -= 4.5  # (a numbered question, or a list item with its answer indented under it,
            #           is a question, not a bullet of an answer)
        if i and ends_open[i - 1]:  # the line before stops mid-sentence
            s -= 4.0
        if s <= 1.0:  # not plainly asking: weigh the signs of answer text
            if text.endswith(":"):
                s -= 2.5
            elif t.is_label_line(text):
                s -= 1.5
            if announced[i]:
                s -= 3.0  # "Fixing it:" / "More data" / "Fewer features": a colon's list
            raw = lines[i].text
            if i and raw[:1] in " \t" and _deeper(raw, lines[i - 1].text):
                s -= 2.5  # indented under the line before: it goes on with it
            elif 2 <= n <= 6 and text[0].isupper() and _title_case(text):
                s += 1.5  # "Confusion Matrix", "Online Learning": a topic's name
            if text[-1] in ".;,!":
                s -= 1.5
            if n <= 2:
                s -= 2.5 if n < 2 else 1.2  # a lone word is an answer; two may name a topic
            if t.looks_like_code(text):
                s -= 1.5
            if t.has_arrow(text):
                s -= 1.5
            if text.count(",") >= 2:
                s -= 1.5
            if text[0].islower():
                s -= 0.7
            if len(text) > 120:
                s -= 1.5
            if not t.AUX_WORDS.isdisjoint(lower[1:]):
                s -= 2.0  # a finite verb: a statement, not a topic-like prompt
            if not t.BACK_REFERENCES.isdisjoint(lower[:2]):
                s -= 1.5  # "Tackle this by ...", "It is ...": refers back: an answer goes on
            if 2 <= n <= 12 and text[-1].isalnum():
                s += 0.3 if n >= 3 else 0.0
                if nxt and (t.is_list_item(nxt) or t.is_enumeration(nxt) or t.is_label_line(nxt)):
                    s += 1.0  # a topic line introducing a list: the list is its answer
            if (
                i
                and i + 1 < n_lines
                and bullets[i - 1]
                and bullets[i + 1]
                and prev[0] == nxt[0]
                and not text[0].isupper()
            ):
                s -= 2.0  # a line inside a list that lost its bullet
        elif s < ANCHOR and n >= 4 and i and out[i - 1] >= ANCHOR and not bullets[i - 1]:
            s += 1.0  # a question right under a question: answers answer, they do not ask
        out.append(s)
    return out


def _length_model(lengths: list[int], robust: bool = False) -> list[float]:
    """log P(answer has k lines): the file's observed lengths, smoothed by a two-part prior.

    The prior mixes a geometric law around the file's median length with a broad one, so an
    occasional long answer stays possible.  With `robust`, lengths far above the median are
    left out of the counts: on the first round they mostly hide unmarked questions.
    """
    ordered = sorted(lengths)
    median = float(ordered[len(ordered) // 2]) if ordered else 2.0
    mean = max(1.0, median)
    if robust:
        lengths = [k for k in lengths if k <= mean + 1]
    total = len(lengths)
    alpha = 2.0
    counts = collections.Counter(lengths)  # (one pass, not one count per length)
    # (a card spans at most MAX_WINDOW + 1 units: longer lengths count only in the total)
    return [
        math.log((counts[k] + weighted) / (total + alpha))
        for k, weighted in enumerate(_prior(mean, alpha))
    ]


@functools.lru_cache(maxsize=256)
def _prior(mean: float, alpha: float) -> tuple[float, ...]:
    """alpha * P(k) under the prior, k = 0 .. MAX_WINDOW + 1 (a card spans at most
    MAX_WINDOW + 1 units); a file's medians take few values, so each table is made once."""
    r1 = mean / (mean + 1.0)
    wide = max(4.0, 3.0 * mean)
    r2 = wide / (wide + 1.0)
    return tuple(
        alpha * (0.7 * (1 - r1) * r1**k + 0.3 * (1 - r2) * r2**k) for k in range(MAX_WINDOW + 2)
    )


def _unit_starts(scores: list[float]) -> list[int]:
    """Prefix sums of the lines that could plausibly open a card.

    Answer length is measured in such lines, not in raw lines: a bulleted list, an arrow chain,
    a wrapped sentence or a statement adds nothing, so "lead-in + five bullets" has length 1,
    while an answer that swallowed three topic-like lines has length 4.  The length model then
    says how often this file's answers hold such lines.
    """
    return list(itertools.accumulate((s > PLAUSIBLE for s in scores), initial=0))


def _segment(scores: list[float], lp: list[float], prefix: list[int]) -> list[int]:
    """Indices of the lines that open cards, maximising scores plus answer-length log-probs.

    Only plausible lines (and the first line) can open a card, so the programme runs over
    those candidates alone: a card spans from one candidate to the next one chosen.  The
    window is bounded by MAX_WINDOW candidates: no answer holds that many topic-like lines.

    The two nearest candidates are weighed first; older ones only when one of them could
    still win.  No answer length is likelier than `ceiling`, so an older opening whose value
    plus `ceiling` falls short of the best so far cannot win, and most cannot: the value
    grows with every card a plainly marked question opens.  Ties go to the earliest
    candidate, as in the plain programme.
    """
    n = len(scores)
    points = [0] + [i for i in range(1, n) if scores[i] > PLAUSIBLE] + [n]
    size = len(points)
    back = [0] * size
    top = len(lp) - 1
    ceiling = max(lp)
    # value of opening a card at point s, and the unit count up to its second answer line:
    # precomputed so the inner loop is a few additions (it runs on every line of every note)
    opened = [-math.inf] * size
    opened[0] = scores[0]
    # the highest of opened[0..i]: a bound on every older opening at the cost of one lookup
    # (the window's own maximum is taken only when this bound is not enough)
    highest = [scores[0]] * size
    padded = [*prefix, prefix[n], prefix[n]]  # prefix[min(p + 2, n)] without the min
    after = [padded[p + 2] for p in points]
    # lp indexed by unit count, with every count past the table's end reading its last entry
    capped = lp + [lp[top]] * (prefix[n] + 2 - top)
    lp0 = lp[0]
    for e in range(1, size):
        end = points[e]
        k = 1 + prefix[end]
        lo = e - MAX_WINDOW - 1
        if lo < 0:
            lo = 0
        last = e - 1
        # the previous candidate leaves no answer line when it is the line just before
        prev = opened[last]
        b = prev + lp0 if end - points[last] <= 1 else prev + capped[k - after[last]]
        j = last
        if last > lo:  # every earlier candidate leaves at least two answer lines
            near = last - 1
            value = opened[near] + capped[k - after[near]]
            if value >= b:
                b, j = value, near
            if (
                near > lo
                and highest[near - 1] + ceiling >= b
                and max(opened[lo:near]) + ceiling >= b
            ):
                values = [o + capped[k - a] for o, a in zip(opened[lo:near], after[lo:near])]
                value = max(values)
                if value >= b:
                    b, j = value, lo + values.index(value)
        back[e] = j
        if e < size - 1:
            opened[e] = b + scores[end]
            highest[e] = opened[e] if opened[e] > highest[last] else highest[last]
    starts = []
    e = len(points) - 1
    while e > 0:
        e = back[e]
        starts.append(points[e])
    return starts[::-1]


def _gaps(starts: list[int], n: int, prefix: list[int]) -> list[int]:
    """Units in each card's answer: lines start+1 .. end-1 of a card opened at `start`."""
    ends = [*starts[1:], n]
    return [0 if end - a <= 1 else 1 + prefix[end] - prefix[a + 2] for a, end in zip(starts, ends)]


def split_title(lines: list[Line]) -> tuple[str | None, list[Line]]:
    """Take a leading title line ("Part 1 Flashcards") off, if the file has one."""
    if len(lines) < 2:
        return None, lines
    first = lines[0].text.strip()
    low = first.lower().rstrip(":")
    if t.question_mark_split(first) or t.is_bullet(first) or len(t.words(first)) > 10:
        return None, lines
    if low.endswith(_TITLE_WORDS):
        return first, lines[1:]
    second = lines[1].text.strip()
    asks = t.ends_with_question(second) or t.is_prompt(second) or t.opens_like_question(second)
    short = len(t.words(first)) <= 5
    if first[-1].isalnum() and asks and (lines[1].blank_before or first.istitle() or short):
        return first, lines[1:]
    return None, lines


def deck_title(title: str) -> str:
    """'Neural Network Basics 2 Flashcards' -> 'Neural Network Basics 2'."""
    low = title.lower()
    for word in ("flashcards", "flash cards", "cards"):
        if low.endswith(word) and len(title) > len(word):
            return title[: -len(word)].strip(" -:–")
    return title.strip(" :")


def segment_lines(lines: list[Line], base: list[float] | None = None) -> list[tuple[int, float]]:
    """Card starts (indices into lines) with a doubt in [0, 1] for each.

    `base` are the line scores without the blank-line bonus, when the caller has them.
    """
    if not lines:
        return []
    base = base if base is not None else score_lines(lines)
    blank_bonus = 0.5
    anchors = [i for i, s in enumerate(base) if s >= ANCHOR]
    if anchors and any(ln.blank_before for ln in lines[1:]):
        after_blank = sum(1 for i in anchors if lines[i].blank_before)
        if after_blank >= 0.6 * len(anchors):
            blank_bonus = 3.0  # the notes separate cards with blank lines: trust them
    scores = [s + blank_bonus if ln.blank_before else s for s, ln in zip(base, lines)]
    if blank_bonus > 1.0 and _blocks_are_cards(lines, base):
        # every block opens with its question: a line inside a block continues its answer
        scores = [
            s if ln.blank_before or i == 0 else s - 4.0
            for i, (s, ln) in enumerate(zip(scores, lines))
        ]
    anchors = [i for i, s in enumerate(scores) if s >= ANCHOR] or [0]
    if anchors[0] != 0:
        anchors = [0, *anchors]
    prefix = _unit_starts(scores)
    # Two readings of the file's rhythm: from the questions it marks plainly, and from every
    # line that could open a card.  Each is refined by EM; the one that explains the file
    # better (line scores plus answer-length log-likelihood) wins.
    candidates = [0] + [
        i
        for i in range(1, len(lines))
        if scores[i] > PLAUSIBLE and lines[i].text.lstrip()[:1].isupper()
    ]
    starts, fit = _em(scores, prefix, anchors, len(lines))
    if not set(candidates) <= set(starts):  # the second reading can only add splits
        other, other_fit = _em(scores, prefix, candidates, len(lines), rounds=1)
        if other_fit > fit:
            starts = other
    return [(i, _doubt(scores[i])) for i in starts]


def _blocks_are_cards(lines: list[Line], base: list[float]) -> bool:
    """Blank-line blocks that nearly all open with a plain question, and questions that
    nearly all open a block: the blocks are the cards."""
    opens = [i for i, ln in enumerate(lines) if i == 0 or ln.blank_before]
    if len(opens) < 4:
        return False
    asking = sum(1 for i in opens if base[i] >= ANCHOR)
    opening = set(opens)
    inside = sum(1 for i, s in enumerate(base) if s >= ANCHOR and i not in opening)
    return asking >= 0.7 * len(opens) and inside <= 0.25 * asking


def _em(
    scores: list[float], prefix: list[int], seed: list[int], n: int, rounds: int = 4
) -> tuple[list[int], float]:
    """Alternate segmenting and re-estimating answer lengths from a seed segmentation.

    Returns the card starts and how well they fit: line scores plus log-likelihood of the
    answer lengths under the model estimated from them.
    """
    lengths = _gaps(seed, n, prefix)
    starts = seed
    lp = _length_model(lengths, robust=True)
    for round_ in range(rounds):
        if round_:
            lp = _length_model(lengths)
        new = _segment(scores, lp, prefix)
        if new == starts:
            break
        starts = new
        lengths = _gaps(starts, n, prefix)
    lp = _length_model(lengths)
    top = len(lp) - 1
    fit = sum(scores[i] for i in starts) + sum(lp[min(k, top)] for k in lengths)
    return starts, fit


@functools.lru_cache(maxsize=8)
def analyse(source: str) -> tuple[str | None, tuple[Line, ...], tuple[float, ...]]:
    """(title line, content lines after it, their base scores): shared by detect and parse."""
    title, lines = split_title(content_lines(source))
    return title, tuple(lines), tuple(score_lines(lines))


def _doubt(score: float) -> float:
    """Map a line score to a doubt: plainly marked questions 0, rhythm-inferred ones near 1."""
    return round(1.0 / (1.0 + math.exp(score - 1.0)), 3)


def _unmarked(scores: tuple[float, ...]) -> bool:
    """No line after the first asks anything: a term/definition list (vocabulary)."""
    return len(scores) >= 4 and not any(s >= ANCHOR for s in scores[1:])


def _parse_pairs(lines: list[Line], has_title: bool) -> tuple[str | None, list[RawCard]]:
    """Notes without a single question: terms and definitions, one after the other.

    Lines that continue the one before (bullets, arrows, wrapped lines, lines indented under
    it) are grouped with it.
    A group of several lines is a card of its own (its first line asks, the rest answers);
    single lines alternate term, definition.  With an odd number of single lines, a short
    first line without final punctuation is the title.
    """
    groups: list[list[Line]] = []
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        joins = i and (
            t.is_bullet(text)
            or t.open_ending(lines[i - 1].text.strip())
            or (groups and _deeper(ln.text, groups[-1][0].text))  # indented under it
        )
        if joins and groups:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    title = None
    first = groups[0][0].text.strip() if groups else ""
    singles = sum(1 for g in groups if len(g) == 1)
    if (
        not has_title
        and singles % 2
        and len(groups[0]) == 1
        and first[-1:].isalnum()
        and len(first) < 60
    ):
        title = deck_title(first)
        groups = groups[1:]
    cards = []
    pending: Line | None = None
    for group in groups:
        if len(group) > 1:
            if pending is not None:
                cards.append(RawCard(t.clean_question(pending.text), "", pending.number, 0.7))
                pending = None
            cards.append(
                RawCard(
                    t.clean_question(group[0].text),
                    t.clean_answer([ln.text for ln in group[1:]]),
                    group[0].number,
                    0.7,
                )
            )
        elif pending is None:
            pending = group[0]
        else:
            cards.append(
                RawCard(t.clean_question(pending.text), group[0].text.strip(), pending.number, 0.7)
            )
            pending = None
    if pending is not None:
        cards.append(RawCard(t.clean_question(pending.text), "", pending.number, 0.7))
    return title, [c for c in cards if c.question]


def parse_flat(source: str) -> tuple[str | None, list[RawCard]]:
    """Parse flat Q/A notes into (title or None, cards)."""
    title, line_tuple, base = analyse(source)
    lines = list(line_tuple)
    numbers = _may_number(source)
    if "\n\n\n" in source or numbers:
        from .records import numbered, records

        laid_out = records(source) if "\n\n\n" in source else None
        if laid_out is None and numbers:
            laid_out = numbered(source)
        if laid_out is not None:
            first = laid_out[0].line if laid_out else 0
            found_title = title if lines and title and lines[0].number >= first else None
            head = [ln for ln in content_lines(source) if ln.number < first]
            if found_title is None and len(head) == 1 and len(t.words(head[0].text)) <= 8:
                found_title = head[0].text.strip().rstrip(":")
            return (deck_title(found_title) if found_title else None), laid_out
    if _unmarked(base):
        found, cards = _parse_pairs(lines, has_title=title is not None)
        return (deck_title(title) if title else found), cards
    starts = segment_lines(lines, list(base))
    cards = []
    bounds = [i for i, _ in starts] + [len(lines)]
    for (i, doubt), end in zip(starts, bounds[1:]):
        question = lines[i].text.strip()
        answer_lines = [ln.text for ln in lines[i + 1 : end]]
        if answer_lines:  # "Ans: ..." / "A: ...": the label is not part of the answer
            answer_lines[0] = _ANSWER_LABEL.sub("", answer_lines[0], count=1)
        if not answer_lines:
            split = t.question_mark_split(question)
            if split and len(t.words(split[1])) >= 3:
                question, rest = split  # "What is X? X is ...": the answer shares the line
                answer_lines = [rest]
        cards.append(
            RawCard(
                t.clean_question(question), t.clean_answer(answer_lines), lines[i].number, doubt
            )
        )
    return (deck_title(title) if title else None), cards
