"""Stable card ids: review history is keyed by them, so they must survive re-imports.

A new card's id is a hash of the note it came from and its normalised question.  On
re-import every parsed card is first matched to the deck already on disk, and takes over the
id of its counterpart there:

1. the same question and answer (after normalising case, spacing and punctuation);
2. the same question, answer edited in any way;
3. a slightly edited question: similarity of at least 0.8 (difflib ratio of the normalised
   text, i.e. at most about one changed word in five), or at least 0.5 with the answer
   unchanged.

Matching is one to one and in that order, so a card that was split or reworded beyond that
gets a new id (and starts its schedule afresh) rather than stealing another card's history.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence

from .decks import Card
from .parse.model import RawCard

_WORD = re.compile(r"\w+", re.UNICODE)
SLIGHT_QUESTION = 0.8
SLIGHT_QUESTION_SAME_ANSWER = 0.5


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def new_id(namespace: str, question: str, normalised: str, taken: set[str]) -> str:
    """12 hex digits from the note's name and the question (`normalised` is
    `normalise(question)`, which the caller has already); re-hashed on a collision."""
    base = f"{namespace}\n{normalised or question}"
    salt = 0
    while True:
        digest = hashlib.sha1(f"{base}\n{salt}".encode() if salt else base.encode()).hexdigest()[
            :12
        ]
        if digest not in taken:
            return digest
        salt += 1


def assign_ids(
    raw: Sequence[RawCard], previous: Sequence[Card], namespace: str, tags: tuple[str, ...] = ()
) -> list[Card]:
    """Give every parsed card an id, reusing the id of its counterpart in `previous`."""
    nq = [normalise(c.question) for c in raw]
    old = list(previous)
    ids = _matched_ids(raw, nq, old) if old else [None] * len(raw)
    taken = {i for i in ids if i} | {c.id for c in old}
    deck_tags = tuple(dict.fromkeys(tags))  # most cards have no tags of their own
    cards = []
    for i, rc in enumerate(raw):
        cid = ids[i]
        if cid is None:
            cid = new_id(namespace, rc.question, nq[i], taken)
            taken.add(cid)
        own = tuple(dict.fromkeys((*tags, *rc.tags))) if rc.tags else deck_tags
        cards.append(Card(cid, rc.question, rc.answer, own, rc.line or None, rc.kind))
    return cards


def _matched_ids(raw: Sequence[RawCard], nq: list[str], old: list[Card]) -> list[str | None]:
    """For each parsed card, the id of its counterpart among the old cards, or None
    (`nq` are the parsed questions normalised)."""
    n = len(raw)
    ids: list[str | None] = [None] * n
    na = [normalise(c.answer) for c in raw]
    oq = [normalise(c.question) for c in old]
    oa = [normalise(c.answer) for c in old]
    used: set[int] = set()

    def claim(i: int, j: int) -> None:
        ids[i] = old[j].id
        used.add(j)

    by_qa: dict[tuple[str, str], list[int]] = {}
    by_q: dict[str, list[int]] = {}
    for j in range(len(old)):
        by_qa.setdefault((oq[j], oa[j]), []).append(j)
        by_q.setdefault(oq[j], []).append(j)
    for i in range(n):
        for j in by_qa.get((nq[i], na[i]), []):
            if j not in used:
                claim(i, j)
                break
    for i in range(n):
        if ids[i] is None:
            for j in by_q.get(nq[i], []):
                if j not in used:
                    claim(i, j)
                    break
    left = [j for j in range(len(old)) if j not in used]
    if left:
        for i in range(n):
            if ids[i] is not None:
                continue
            best, best_j = 0.0, -1
            for j in left:
                if j in used:
                    continue
                need = SLIGHT_QUESTION_SAME_ANSWER if na[i] == oa[j] and na[i] else SLIGHT_QUESTION
                sm = difflib.SequenceMatcher(None, nq[i], oq[j], autojunk=False)
                if sm.real_quick_ratio() < need or sm.quick_ratio() < need:
                    continue
                ratio = sm.ratio()
                if ratio >= need and ratio > best:
                    best, best_j = ratio, j
            if best_j >= 0:
                claim(i, best_j)
    return ids
