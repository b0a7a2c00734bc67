"""Rich rendering of `dlcards stats`: a review heatmap like Anki's calendar, and tables."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

_SHADES = ["grey23", "dark_green", "green4", "green3", "bright_green"]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def heatmap(data: dict[str, Any]) -> Text:
    """Weeks as columns, weekdays as rows; darker = fewer reviews."""
    days = data["heatmap"]["days"]
    most = max((d["reviews"] for d in days), default=0)
    first = date.fromisoformat(days[0]["day"]) if days else date.today()
    pad = first.weekday()  # Monday = 0
    cells: list[dict | None] = [None] * pad + days
    weeks = (len(cells) + 6) // 7
    text = Text()
    for row, name in enumerate(["Mon", "", "Wed", "", "Fri", "", "Sun"]):
        text.append(f"{name:>4} ")
        for w in range(weeks):
            i = w * 7 + row
            cell = cells[i] if i < len(cells) else None
            if cell is None:
                text.append("  ")
                continue
            n = cell["reviews"]
            level = 0 if n == 0 else 1 + min(3, int(3 * n / most)) if most else 0
            text.append("■ ", style=_SHADES[min(level, 4)])
        text.append("\n")
    text.append(
        f"     {len(days)} days, {_count(sum(d['reviews'] for d in days), 'review')}; "
        f"busiest day {most}\n",
        style="dim",
    )
    return text


def render(data: dict[str, Any]) -> RenderableType:
    parts: list[RenderableType] = [
        Text(f"Reviews per day (to {data['today']})", style="bold"),
        heatmap(data),
    ]
    ret = data["retention_30d"]
    parts.append(
        Text(
            f"Retention over 30 days: {ret:.0%} of {_count(data['reviews_30d'], 'review')}"
            " graded Hard or better"
            if ret is not None
            else "Retention over 30 days: no reviews yet"
        )
    )
    fc = Table(title="Forecast", show_edge=False)
    for d in data["forecast_7d"]:
        fc.add_column(d["day"][5:], justify="right")
    fc.add_row(*[str(d["due"]) for d in data["forecast_7d"]])
    parts.append(fc)
    parts.append(Text(f"Due in the next 30 days: {data['due_next_30d']}"))
    dist = Table(title="Easiness and intervals", show_edge=False)
    dist.add_column("EF")
    dist.add_column("cards", justify="right")
    dist.add_column("interval")
    dist.add_column("cards", justify="right")
    efs = list(data["ef_distribution"].items())
    ivs = list(data["interval_distribution"].items())
    for i in range(max(len(efs), len(ivs))):
        e = efs[i] if i < len(efs) else ("", "")
        v = ivs[i] if i < len(ivs) else ("", "")
        dist.add_row(e[0], str(e[1]), v[0], str(v[1]))
    parts.append(dist)
    decks = Table(title="Per deck", show_edge=False)
    for col in ("deck", "cards", "studied", "mature", "avg EF", "reviews 30d", "retention"):
        decks.add_column(col, justify="left" if col == "deck" else "right")
    for d in data["decks"]:
        decks.add_row(
            d["deck"],
            str(d["cards"]),
            str(d["studied"]),
            str(d["mature"]),
            "-" if d["average_ef"] is None else f"{d['average_ef']:.2f}",
            str(d["reviews_30d"]),
            "-" if d["retention_30d"] is None else f"{d['retention_30d']:.0%}",
        )
    parts.append(decks)
    if "fsrs" in data:
        parts += _fsrs_tables(data["fsrs"])
    return Group(*parts)


def _share(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def _fsrs_tables(fsrs: dict[str, Any]) -> list[RenderableType]:
    """FSRS's true retention by interval, and its calibration (predicted vs observed)."""
    by_gap = Table(title="FSRS: true retention by interval", show_edge=False)
    for col in ("days since the review before", "reviews", "recalled"):
        by_gap.add_column(col, justify="left" if col.startswith("days") else "right")
    for row in fsrs["retention_by_interval"]:
        by_gap.add_row(row["interval"], str(row["reviews"]), _share(row["recalled"]))
    cal = Table(title="FSRS: predicted recall against what happened", show_edge=False)
    for col in ("predicted", "reviews", "mean predicted", "observed"):
        cal.add_column(col, justify="left" if col == "predicted" else "right")
    for row in fsrs["calibration"]:
        cal.add_row(
            row["predicted"],
            str(row["reviews"]),
            _share(row["mean_predicted"]),
            _share(row["observed"]),
        )
    return [by_gap, cal]
