"""The parser against the user's hand-labelled gold cards (the same rule as eval_parser.py)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from dlcards.parse import parse_note

from .conftest import GOLD, NOTES

WORD = re.compile(r"\w+")


def norm(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")
    text = re.sub(r"[*_`#>\[\]()|~]+", " ", text)
    return " ".join(WORD.findall(text.lower()))


def token_f1(a: str, b: str) -> float:
    ta, tb = Counter(norm(a).split()), Counter(norm(b).split())
    if not ta and not tb:
        return 1.0
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(tb.values()), common / sum(ta.values())
    return 2 * p * r / (p + r)


def score(note: str) -> tuple[int, int, int]:
    gold = yaml.safe_load((GOLD / f"{note}.gold.yaml").read_text(encoding="utf-8"))["cards"]
    got = parse_note((NOTES / note).read_text(encoding="utf-8"), note).cards
    used: set[int] = set()
    matched = 0
    for g in gold:
        for i, c in enumerate(got):
            if i not in used and norm(c.question) == norm(g["question"]):
                used.add(i)
                matched += token_f1(g["answer"] or "", c.answer) >= 0.8
                break
    return matched, len(gold), len(got)


@pytest.mark.parametrize(
    "note", sorted(p.name.removesuffix(".gold.yaml") for p in GOLD.glob("*.yaml"))
)
def test_each_note_matches_its_gold_cards(note: str) -> None:
    matched, gold, got = score(note)
    precision, recall = matched / max(got, 1), matched / gold
    assert recall >= 0.95 and precision >= 0.95, (note, matched, gold, got)


def test_overall_f1_is_at_least_097() -> None:
    totals = [score(p.name.removesuffix(".gold.yaml")) for p in GOLD.glob("*.yaml")]
    matched, gold, got = (sum(x) for x in zip(*totals))
    p, r = matched / got, matched / gold
    assert 2 * p * r / (p + r) >= 0.97
