#!/usr/bin/env python3
"""SM-2 against FSRS on a simulated learner, through dlcards' own scheduling code.

    python scripts/simulate.py                      # 365 days, 2,000 cards, 20 new a day
    python scripts/simulate.py --days 120 --cards 600 --json sim.json

A learner studies every day: the new cards of the day (up to `--new-per-day`) and every card
due.  Whether a card is recalled is decided by a hidden memory model the schedulers never
see, by chance, at the card's true chance of recall; a recalled card is graded Hard, Good or
Easy, a forgotten one Again.  Two hidden models, so FSRS is not only graded by its own:

* `fsrs6`: FSRS-6 with its default parameters (power-law forgetting; the engine Anki runs
  computes the learner's memory after each review);
* `exponential`: exponential forgetting, each card with a difficulty of its own, stability
  growing on a success the more the lower recall had fallen (the spacing effect) and
  dropping to a quarter on a lapse.

Each scheduler is dlcards' own: `dlcards.scheduler` (SM-2, with its in-session repeats:
a card graded below Good comes back the same day until it is passed) and
`dlcards.fsrs_scheduler` (FSRS at `--retention`, with dlcards' default steps unless
`--learning-steps` / `--relearning-steps` say others, e.g. Anki's '1m 10m' / '10m').
Both face the same learner and the same random stream per card.  Every review counts, the
same-day repeats and steps too.  At the end: total reviews, reviews per day (mean, max), the
share of the cards known on the last day (the mean of the learner's true chance of recall
over every card introduced), reviews per card known, and the first reviews of each card's
day alone (without SM-2's same-day repeats and FSRS's steps, which take seconds each).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from dlcards import fsrs_scheduler as fsrs
from dlcards import scheduler as sm2

START = date(2026, 1, 1)


# -- the hidden learners -----------------------------------------------------------------------


class Fsrs6Learner:
    """The learner's memory is FSRS-6's, default parameters: what the engine computes."""

    name = "fsrs6"
    decay = -fsrs.DEFAULT_PARAMETERS[20]
    factor = 0.9 ** (1 / decay) - 1

    def __init__(self) -> None:
        import fsrs_rs_python

        self.engine = fsrs_rs_python.FSRS(list(fsrs.DEFAULT_PARAMETERS))
        self.state = fsrs_rs_python.MemoryState

    def start(self, rng: random.Random) -> object:
        return None  # never seen

    def recall(self, memory: object, elapsed_days: float) -> float:
        if memory is None:
            return 0.0
        return (1 + self.factor * elapsed_days / memory.stability) ** self.decay  # type: ignore[attr-defined]

    def update(self, memory: object, rating: fsrs.Rating, elapsed_days: int) -> object:
        nxt = self.engine.next_states(memory, 0.9, elapsed_days)
        return getattr(nxt, rating.name.lower()).memory


@dataclass
class ExpMemory:
    stability: float
    difficulty: float  # 0.5 (easy card) .. 1.5 (hard card)
    seen: bool = False


class ExponentialLearner:
    """Exponential forgetting, R = 0.9 ** (t / S), with a spacing effect of its own."""

    name = "exponential"

    def start(self, rng: random.Random) -> ExpMemory:
        return ExpMemory(stability=0.0, difficulty=rng.uniform(0.5, 1.5))

    def recall(self, memory: ExpMemory, elapsed_days: float) -> float:
        if not memory.seen:
            return 0.0
        return 0.9 ** (elapsed_days / memory.stability)

    def update(self, memory: ExpMemory, rating: fsrs.Rating, elapsed_days: int) -> ExpMemory:
        if not memory.seen:
            first = {fsrs.Rating.AGAIN: 0.3, fsrs.Rating.HARD: 0.8, fsrs.Rating.GOOD: 1.5}
            s = first.get(rating, 4.0) / memory.difficulty
            return ExpMemory(s, memory.difficulty, True)
        r = self.recall(memory, elapsed_days)
        if rating == fsrs.Rating.AGAIN:
            return ExpMemory(max(0.2, memory.stability * 0.25), memory.difficulty, True)
        if elapsed_days == 0:
            return ExpMemory(memory.stability * 1.05, memory.difficulty, True)
        bonus = {fsrs.Rating.HARD: 0.6, fsrs.Rating.GOOD: 1.0, fsrs.Rating.EASY: 1.4}[rating]
        growth = 1 + bonus * (2.8 / memory.difficulty) * (1 - r) ** 0.7 * 3
        return ExpMemory(memory.stability * growth, memory.difficulty, True)


def _rating(rng: random.Random, recalled: bool, first: bool) -> fsrs.Rating:
    """The button a learner presses: Again when forgotten; else mostly Good."""
    if first:  # a card never seen: its first showing
        return rng.choices(list(fsrs.Rating), weights=(0.25, 0.10, 0.55, 0.10))[0]
    if not recalled:
        return fsrs.Rating.AGAIN
    return rng.choices(
        (fsrs.Rating.HARD, fsrs.Rating.GOOD, fsrs.Rating.EASY), weights=(0.15, 0.75, 0.10)
    )[0]


# -- one simulated year --------------------------------------------------------------------------


@dataclass
class Card:
    rng: random.Random
    memory: object
    last_seen: float | None = None  # day (fractional) of the learner's last review
    sm2: sm2.State = field(default_factory=sm2.State)
    fsrs: fsrs.FsrsState = field(default_factory=fsrs.FsrsState)


def _show(learner, card: Card, at: float) -> fsrs.Rating:
    """The learner sees the card at day `at`: recall by chance, grade, memory updated."""
    first = card.last_seen is None
    elapsed = 0.0 if first else at - card.last_seen  # type: ignore[operator]
    p = learner.recall(card.memory, elapsed)
    rating = _rating(card.rng, card.rng.random() < p, first)
    whole_days = 0 if first else int(math.floor(at) - math.floor(card.last_seen))  # type: ignore[arg-type]
    card.memory = learner.update(card.memory, rating, whole_days)
    card.last_seen = at
    return rating


def simulate(learner_kind: type, scheduler: str, args: argparse.Namespace) -> dict[str, float]:
    learner = learner_kind()
    settings = fsrs.Settings(
        retention=args.retention,
        learning_steps=fsrs.parse_steps(args.learning_steps),
        relearning_steps=fsrs.parse_steps(args.relearning_steps),
    )
    cards: list[Card] = []
    per_day: list[int] = []
    long_term: list[int] = []  # each card's first review of the day only
    for day_index in range(args.days):
        today = START + timedelta(days=day_index)
        morning = datetime.combine(today, datetime.min.time()) + timedelta(hours=9)
        reviews = first_of_day = 0
        for _ in range(min(args.new_per_day, args.cards - len(cards))):
            rng = random.Random(f"{args.seed}:{len(cards)}")
            cards.append(Card(rng, learner.start(rng)))
        for card in cards:
            if scheduler == "sm2":
                due = card.sm2.due
                if due is not None and due > today:
                    continue
                rating = _show(learner, card, day_index + 0.4)
                reviews += 1
                first_of_day += 1
                card.sm2 = sm2.review(card.sm2, int(fsrs.GRADE_OF[rating]), today)
                tries = 0
                while int(fsrs.GRADE_OF[rating]) < sm2.PASS_IN_SESSION and tries < 10:
                    # the in-session repeat: practice that leaves the schedule alone
                    tries += 1
                    rating = _show(learner, card, day_index + 0.4 + tries * 0.005)
                    reviews += 1
            else:
                if card.fsrs.due_day is not None and card.fsrs.due_day > today:
                    continue
                now = morning
                first_of_day += 1
                while True:
                    rating = _show(learner, card, day_index + 0.4 + (now - morning).seconds / 86400)
                    reviews += 1
                    card.fsrs = fsrs.review(card.fsrs, fsrs.GRADE_OF[rating], now, today, settings)
                    if card.fsrs.phase == fsrs.Phase.REVIEW or reviews > 10**7:
                        break
                    now = card.fsrs.due or now  # the next step, later the same day
        per_day.append(reviews)
        long_term.append(first_of_day)
    end = args.days
    known = sum(
        learner.recall(c.memory, end - c.last_seen) for c in cards if c.last_seen is not None
    )
    total = sum(per_day)
    return {
        "reviews": total,
        "reviews_per_day_mean": round(statistics.mean(per_day), 1),
        "reviews_per_day_max": max(per_day),
        "cards": len(cards),
        "known_at_end": round(known / len(cards), 4),
        "reviews_per_card_known": round(total / known, 2),
        "first_reviews_of_the_day": sum(long_term),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--new-per-day", type=int, default=20)
    parser.add_argument("--retention", type=float, default=0.90)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--learning-steps",
        default=fsrs.steps_text(fsrs.LEARNING_STEPS),
        help="FSRS's learning steps (default: dlcards'; Anki's are '1m 10m')",
    )
    parser.add_argument(
        "--relearning-steps",
        default=fsrs.steps_text(fsrs.RELEARNING_STEPS),
        help="FSRS's relearning steps (default: dlcards'; Anki's is '10m')",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    out: dict[str, dict[str, dict[str, float]]] = {}
    for learner in (Fsrs6Learner, ExponentialLearner):
        out[learner.name] = {s: simulate(learner, s, args) for s in ("sm2", "fsrs")}
        sm, fs = out[learner.name]["sm2"], out[learner.name]["fsrs"]
        out[learner.name]["fsrs_vs_sm2"] = {
            "reviews": round(fs["reviews"] / sm["reviews"], 3),
            "first_reviews_of_the_day": round(
                fs["first_reviews_of_the_day"] / sm["first_reviews_of_the_day"], 3
            ),
        }
    text = json.dumps(out, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
