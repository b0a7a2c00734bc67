"""FSRS's parameters fitted to the learner's own reviews (`dlcards optimize`).

The fitting is fsrs-rs-python's (`FSRS.compute_parameters`, the optimizer Anki runs; no torch).
What dlcards adds is the honest check around it:

* the log becomes FSRS items as Anki builds them: for every card, each review a day or more
  after the one before is a prediction to make, from the card's reviews up to it (same-day
  steps included, as FSRS-6 models them); cram practice is left out;
* a **time-series split**: the items are ordered by the time of the review they predict, the
  parameters are fitted on the first 80 % and both the default and the fitted parameters are
  scored on the last 20 % (log loss and RMSE over bins of predicted recall, the srs-benchmark
  measures): no fit is scored on reviews it has seen, nor on the past;
* the fitted parameters are kept only when they predict the held-out reviews better (lower log
  loss) than the defaults;
* a log too small to fit says so: Anki's rule of thumb is a few hundred reviews
  (`MIN_REVIEWS`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .fsrs_scheduler import DEFAULT_PARAMETERS, RATING_OF, button, engine_module
from .reviews import LogEntry

#: Fewer reviews to fit on than this and the fit is not worth trying (Anki's rule of thumb).
MIN_REVIEWS = 400
#: Share of the items, the latest, held out to score the parameters on.
TEST_SHARE = 0.2
#: The setting the fitted parameters are kept under.
SETTING = "fsrs_parameters"


@dataclass(frozen=True)
class Score:
    """How well parameters predict the held-out reviews (lower is better for both)."""

    log_loss: float
    rmse: float


@dataclass(frozen=True)
class Fit:
    """The outcome of `fit`: what it was fitted and scored on, both scores, the parameters,
    and whether the fitted ones are better (and so worth keeping)."""

    reviews: int
    train_items: int
    test_items: int
    default: Score
    fitted: Score
    parameters: tuple[float, ...]

    @property
    def better(self) -> bool:
        return self.fitted.log_loss < self.default.log_loss


class TooSmall(ValueError):
    """Not enough reviews to fit on; the message says how many there are and how many help."""


def _engine_module() -> Any:
    return engine_module("optimizing needs the FSRS engine")


def items(log: Iterable[LogEntry]) -> list[tuple[str, object]]:
    """(time of the predicted review, FSRS item) for every review a day or more after the
    card's one before, oldest first."""
    f = _engine_module()
    by_card: dict[str, list[LogEntry]] = {}
    for entry in log:
        if entry.kind != "cram":
            by_card.setdefault(entry.card_id, []).append(entry)
    out: list[tuple[str, object]] = []
    for entries in by_card.values():
        entries.sort(key=lambda e: e.reviewed_at)
        reviews = []
        prev = None
        for e in entries:
            gap = 0 if prev is None else (e.day - prev).days
            reviews.append(f.FSRSReview(int(RATING_OF[button(e.grade)]), max(0, gap)))
            prev = e.day
            if gap > 0:
                out.append((e.reviewed_at, f.FSRSItem(list(reviews))))
    out.sort(key=lambda pair: pair[0])
    return out


def fit(log: Iterable[LogEntry]) -> Fit:
    """Fit FSRS's parameters on the earlier reviews, score them and the defaults on the later
    ones.  Raises TooSmall for a log too small to fit on."""
    f = _engine_module()
    entries = [e for e in log if e.kind != "cram"]
    made = [item for _, item in items(entries)]
    cut = int(len(made) * (1 - TEST_SHARE))
    train, test = made[:cut], made[cut:]
    if len(entries) < MIN_REVIEWS or not train or not test:
        raise TooSmall(
            f"{len(entries)} reviews logged: too few to fit FSRS's parameters "
            f"(a few hundred help; {MIN_REVIEWS} at least)"
        )
    fitted = tuple(float(w) for w in f.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(train))

    def score(parameters: tuple[float, ...]) -> Score:
        ev = f.FSRS(list(parameters)).evaluate(test)
        return Score(float(ev.log_loss), float(ev.rmse_bins))

    return Fit(
        len(entries), len(train), len(test), score(DEFAULT_PARAMETERS), score(fitted), fitted
    )
