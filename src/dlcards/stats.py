"""Progress figures from the decks and the review store: pure computation, no printing.

`summarise` returns plain data (dates as ISO strings) so the same result feeds the Rich view
of `dlcards stats` and its `--json` output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from .decks import Deck
from .reviews import CardState, LogEntry

EF_BUCKETS = [(1.3, 1.7), (1.7, 2.1), (2.1, 2.5), (2.5, 2.6), (2.6, 3.0), (3.0, 99.0)]
INTERVAL_BUCKETS = [(1, 1), (2, 6), (7, 20), (21, 59), (60, 179), (180, 10**9)]


def _ef_label(lo: float, hi: float) -> str:
    return f"{lo:.1f}+" if hi > 10 else f"{lo:.1f}-{hi:.1f}"


def _interval_label(lo: int, hi: int) -> str:
    if lo == hi:
        return f"{lo}d"
    return f"{lo}d+" if hi > 10**8 else f"{lo}-{hi}d"


def summarise(
    decks: list[Deck],
    states: Mapping[str, CardState],
    log: list[LogEntry],
    today: date,
    *,
    weeks: int = 16,
) -> dict[str, Any]:
    """Everything `dlcards stats` shows, as plain data."""
    ids_by_deck = {d.name: {c.id for c in d.study_cards} for d in decks}
    all_ids = set().union(*ids_by_deck.values()) if ids_by_deck else set()
    graded = [e for e in log if e.kind in ("new", "review") and e.card_id in all_ids]
    start = today - timedelta(days=weeks * 7 - 1)
    per_day = Counter(
        e.day for e in log if e.kind != "cram" and e.card_id in all_ids and start <= e.day <= today
    )
    recent = [e for e in graded if today - timedelta(days=29) <= e.day <= today]
    retention = (sum(1 for e in recent if e.grade >= 3) / len(recent)) if recent else None

    mine = {cid: cs for cid, cs in states.items() if cid in all_ids and cs.state.due is not None}
    forecast: Counter[date] = Counter(
        cs.state.due for cs in mine.values() if cs.state.due is not None
    )
    overdue = sum(n for d, n in forecast.items() if d <= today)
    # today's entry holds everything due by today (overdue included)
    next7 = [
        {
            "day": (today + timedelta(days=k)).isoformat(),
            "due": overdue if k == 0 else forecast.get(today + timedelta(days=k), 0),
        }
        for k in range(0, 8)
    ]
    due30 = sum(n for d, n in forecast.items() if today < d <= today + timedelta(days=30))

    def ef_dist(css: list[CardState]) -> dict[str, int]:
        return {
            _ef_label(lo, hi): sum(1 for cs in css if lo <= cs.state.easiness < hi)
            for lo, hi in EF_BUCKETS
        }

    def iv_dist(css: list[CardState]) -> dict[str, int]:
        return {
            _interval_label(lo, hi): sum(1 for cs in css if lo <= cs.state.interval <= hi)
            for lo, hi in INTERVAL_BUCKETS
        }

    per_deck = []
    for deck in decks:
        css = [mine[c.id] for c in deck.study_cards if c.id in mine]
        d_recent = [e for e in recent if e.card_id in ids_by_deck[deck.name]]
        per_deck.append(
            {
                "deck": deck.name,
                "cards": len(deck.study_cards),
                "studied": len(css),
                "mature": sum(1 for cs in css if cs.state.interval >= 21),
                "average_ef": round(sum(cs.state.easiness for cs in css) / len(css), 2)
                if css
                else None,
                "reviews_30d": len(d_recent),
                "retention_30d": round(sum(1 for e in d_recent if e.grade >= 3) / len(d_recent), 3)
                if d_recent
                else None,
            }
        )
    all_css = list(mine.values())
    return {
        "today": today.isoformat(),
        "reviews_total": len(graded),
        "heatmap": {
            "start": start.isoformat(),
            "days": [
                {
                    "day": (start + timedelta(days=k)).isoformat(),
                    "reviews": per_day.get(start + timedelta(days=k), 0),
                }
                for k in range(weeks * 7)
            ],
        },
        "retention_30d": round(retention, 3) if retention is not None else None,
        "reviews_30d": len(recent),
        "forecast_7d": next7,
        "due_next_30d": due30,
        "ef_distribution": ef_dist(all_css),
        "interval_distribution": iv_dist(all_css),
        "decks": per_deck,
    }


#: Days since the card's review before, for FSRS's true retention by interval.
RETENTION_BUCKETS = [(1, 1), (2, 3), (4, 7), (8, 15), (16, 30), (31, 90), (91, 10**9)]
#: Bins of FSRS's predicted recall, for the calibration table.
CALIBRATION_BINS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.85), (0.85, 0.9), (0.9, 0.95),
                    (0.95, 1.0001)]  # fmt: skip


def fsrs_figures(log: list[LogEntry], settings: Any) -> dict[str, Any]:
    """Under FSRS: the true retention by interval (share of reviews a given number of days
    after the one before that were recalled: Hard or better), and the calibration of FSRS's
    predictions: each review's predicted chance of recall (from the memory state the log gave
    the card before it) against what happened, in bins.  Same-day steps are left out of both:
    they test the last few minutes, not memory."""
    from .fsrs_scheduler import Reviewed, replay_steps, retrievability

    by_card: dict[str, list[LogEntry]] = {}
    for e in log:
        if e.kind != "cram":
            by_card.setdefault(e.card_id, []).append(e)
    by_gap: dict[tuple[int, int], list[int]] = {b: [0, 0] for b in RETENTION_BUCKETS}
    bins: dict[tuple[float, float], list[float]] = {b: [0, 0, 0.0] for b in CALIBRATION_BINS}
    for entries in by_card.values():
        reviewed = [Reviewed.logged(e.reviewed_at, e.day, e.grade) for e in entries]
        for entry, (before, _) in zip(entries, replay_steps(reviewed, settings), strict=True):
            if before.memory is None or before.last_day is None:
                continue
            gap = (entry.day - before.last_day).days
            if gap < 1:
                continue
            recalled = int(entry.grade >= 3)
            bucket = next(b for b in RETENTION_BUCKETS if b[0] <= gap <= b[1])
            by_gap[bucket][0] += 1
            by_gap[bucket][1] += recalled
            p = retrievability(before.memory, gap, settings.parameters)
            cell = next(b for b in CALIBRATION_BINS if b[0] <= p < b[1])
            bins[cell][0] += 1
            bins[cell][1] += recalled
            bins[cell][2] += p
    return {
        "retention_by_interval": [
            {
                "interval": _interval_label(lo, hi),
                "reviews": n,
                "recalled": (k / n) if n else None,
            }
            for (lo, hi), (n, k) in by_gap.items()
        ],
        "calibration": [
            {
                "predicted": f"{lo:.0%}-{min(hi, 1.0):.0%}",
                "reviews": int(n),
                "mean_predicted": (total / n) if n else None,
                "observed": (k / n) if n else None,
            }
            for (lo, hi), (n, k, total) in bins.items()
        ],
    }
