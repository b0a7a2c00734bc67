"""Rich rendering of `dlcards stats`: a review heatmap like Anki's calendar, and tables."""

from __future__ import annotations

from collections.abc import Iterable
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
    parts.append(
        _table(
            "Per deck",
            ("deck", "cards", "studied", "mature", "avg EF", "reviews 30d", "retention"),
            (
                (
                    d["deck"],
                    str(d["cards"]),
                    str(d["studied"]),
                    str(d["mature"]),
                    "-" if d["average_ef"] is None else f"{d['average_ef']:.2f}",
                    str(d["reviews_30d"]),
                    _share(d["retention_30d"]),
                )
                for d in data["decks"]
            ),
        )
    )
    if "fsrs" in data:
        parts += _fsrs_tables(data["fsrs"])
    return Group(*parts)


def _share(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def _table(title: str, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> Table:
    """A report table: its first column a label (left), the others figures (right)."""
    table = Table(title=title, show_edge=False)
    for k, col in enumerate(columns):
        table.add_column(col, justify="right" if k else "left")
    for row in rows:
        table.add_row(*row)
    return table


def _fsrs_tables(fsrs: dict[str, Any]) -> list[RenderableType]:
    """FSRS's true retention by interval, and its calibration (predicted vs observed)."""
    by_gap = _table(
        "FSRS: true retention by interval",
        ("days since the review before", "reviews", "recalled"),
        (
            (row["interval"], str(row["reviews"]), _share(row["recalled"]))
            for row in fsrs["retention_by_interval"]
        ),
    )
    cal = _table(
        "FSRS: predicted recall against what happened",
        ("predicted", "reviews", "mean predicted", "observed"),
        (
            (
                row["predicted"],
                str(row["reviews"]),
                _share(row["mean_predicted"]),
                _share(row["observed"]),
            )
            for row in fsrs["calibration"]
        ),
    )
    return [by_gap, cal]
