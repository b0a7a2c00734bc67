"""The flat parser's segmentation: the pruned programme must choose exactly what the plain one
chooses, ties included (a different split would silently change users' cards)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dlcards.parse.flat import MAX_WINDOW, PLAUSIBLE, _length_model, _segment, _unit_starts

from .conftest import fuzz_examples


def plain_segment(scores: list[float], lp: list[float], prefix: list[int]) -> list[int]:
    """The dynamic programme written out directly: every candidate in the window weighed,
    the first of equal values kept."""
    n = len(scores)
    points = [0] + [i for i in range(1, n) if scores[i] > PLAUSIBLE] + [n]
    top = len(lp) - 1
    best = [0.0] * len(points)  # best value of the lines before points[e]
    back = [0] * len(points)
    for e in range(1, len(points)):
        choice = None
        for s in range(max(0, e - MAX_WINDOW - 1), e):
            start, end = points[s], points[e]
            units = 0 if end - start <= 1 else 1 + prefix[end] - prefix[start + 2]
            value = best[s] + scores[start] + lp[min(units, top)]
            if choice is None or value > choice:
                choice, back[e] = value, s
        best[e] = choice
    starts, e = [], len(points) - 1
    while e > 0:
        e = back[e]
        starts.append(points[e])
    return starts[::-1]


# line scores on a coarse grid, so that equal values (ties) are common
line_scores = st.lists(
    st.sampled_from([-10.0, -5.5, -3.0, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 2.5, 3.5, 4.5]),
    min_size=1,
    max_size=120,
)


@settings(max_examples=fuzz_examples(300), deadline=None)
@given(
    scores=line_scores,
    lengths=st.lists(st.integers(0, 30), max_size=40),
    robust=st.booleans(),
)
def test_pruned_segmentation_equals_the_plain_programme(
    scores: list[float], lengths: list[int], robust: bool
) -> None:
    lp = _length_model(lengths, robust=robust)
    prefix = _unit_starts(scores)
    assert _segment(scores, lp, prefix) == plain_segment(scores, lp, prefix)


@settings(max_examples=fuzz_examples(200), deadline=None)
@given(scores=line_scores, lp=st.lists(st.sampled_from([-0.5, -1.0, -2.0, -4.0]), min_size=1))
def test_ties_go_to_the_earliest_opening(scores: list[float], lp: list[float]) -> None:
    prefix = _unit_starts(scores)
    assert _segment(scores, lp, prefix) == plain_segment(scores, lp, prefix)
