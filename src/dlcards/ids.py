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

The deck on disk may hold the user's hand edits, so it is not the only witness: the import
record remembers, per id, what the *notes* gave last time (`remembered`: a fingerprint of
question and answer together, and of the question alone; see `fingerprint`).  Before the deck is
consulted, a parsed card whose text the notes gave unchanged takes the id it had (however
much its question was rewritten by hand in the deck); after it, a card whose question alone
the notes kept takes the id that question had.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import zlib
from collections.abc import Mapping, Sequence

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


def _short(text: str) -> str:
    """A short, stable hash (CRC-32: a fingerprint is made for every card of every import,
    and it only proposes a match, which the one-to-one claiming then checks)."""
    return f"{zlib.crc32(text.encode()):08x}"


def fingerprint(card: Card) -> str:
    """What the import record keeps of a card the notes gave: `digest:question`, the card's
    digest (it tells hand edits, see `importer`) and a short hash of its question as the
    notes gave it (it finds the card again when the notes change only its answer)."""
    return f"{card.digest()}:{zlib.crc32(card.question.encode()):08x}"


def assign_ids(
    raw: Sequence[RawCard],
    previous: Sequence[Card],
    namespace: str,
    tags: tuple[str, ...] = (),
    remembered: Mapping[str, str] | None = None,
) -> list[Card]:
    """Give every parsed card an id, reusing the id of its counterpart: first by the notes'
    last text (`remembered`: id -> `fingerprint`), then in `previous` (the deck on disk)."""
    nq = [normalise(c.question) for c in raw]
    old = list(previous)
    ids: list[str | None] = [None] * len(raw)
    if remembered:
        _remembered_ids(raw, ids, remembered, first=True)
    if old:
        _matched_ids(raw, nq, old, ids)
    if remembered and None in ids:
        _remembered_ids(raw, ids, remembered, first=False)
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


def _remembered_ids(
    raw: Sequence[RawCard],
    ids: list[str | None],
    remembered: Mapping[str, str],
    *,
    first: bool,
) -> None:
    """Fill `ids` from the import record: `first`, by the whole text the notes gave (the
    card is unchanged in the notes); else by the question alone (the notes changed only the
    answer).  A card whose question the notes changed is matched by the deck's rules alone:
    a question asked anew is a new card, even with the old answer."""
    claimed = {i for i in ids if i}
    if first:
        by_digest: dict[str, list[str]] = {}
        for cid, value in remembered.items():
            by_digest.setdefault(value.split(":", 1)[0], []).append(cid)
        for i, rc in enumerate(raw):
            digest = Card("", rc.question, rc.answer, kind=rc.kind).digest()
            for cid in by_digest.get(digest, ()):
                if cid not in claimed:
                    ids[i] = cid
                    claimed.add(cid)
                    break
        return
    by_question: dict[str, list[str]] = {}
    for cid, value in remembered.items():
        pieces = value.split(":")
        if len(pieces) >= 2 and cid not in claimed:
            by_question.setdefault(pieces[1], []).append(cid)
    for i, rc in enumerate(raw):
        if ids[i] is not None:
            continue
        for cid in by_question.get(_short(rc.question), ()):
            if cid not in claimed:
                ids[i] = cid
                claimed.add(cid)
                break


def _matched_ids(
    raw: Sequence[RawCard], nq: list[str], old: list[Card], ids: list[str | None]
) -> None:
    """Fill in, for each parsed card without an id yet, the id of its counterpart among the
    old cards (`nq` are the parsed questions normalised)."""
    n = len(raw)
    na = [normalise(c.answer) for c in raw]
    oq = [normalise(c.question) for c in old]
    oa = [normalise(c.answer) for c in old]
    claimed = {i for i in ids if i}
    used: set[int] = {j for j, c in enumerate(old) if c.id in claimed}

    def claim(i: int, j: int) -> None:
        ids[i] = old[j].id
        used.add(j)

    by_qa: dict[tuple[str, str], list[int]] = {}
    by_q: dict[str, list[int]] = {}
    for j in range(len(old)):
        by_qa.setdefault((oq[j], oa[j]), []).append(j)
        by_q.setdefault(oq[j], []).append(j)
    for i in range(n):
        if ids[i] is not None:
            continue
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
