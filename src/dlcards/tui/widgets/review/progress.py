"""How far the session has come: a one-line bar and the share of cards done."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget


class SessionProgress(Widget):
    """One widget drawing the bar and its percentage, where Textual's `ProgressBar` mounts
    three (bar, percentage, ETA) with their own styles: the review screen's first frame
    comes sooner, and a session needs no ETA or indeterminate animation."""

    COMPONENT_CLASSES = {"progress--bar", "progress--complete"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.done = 0
        self.total = 0

    def update(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        self.refresh()

    def render(self) -> Text:
        share = self.done / self.total if self.total else 0.0
        label = f"{round(share * 100):>4}%"
        width = max(0, self.size.width - len(label) - 1)
        filled = min(width, round(width * share))
        style = self.get_component_rich_style(
            "progress--complete" if self.total and self.done >= self.total else "progress--bar"
        )
        return Text.assemble(
            ("━" * filled, Style.from_color(style.color)),
            ("━" * (width - filled), Style.from_color(style.bgcolor)),  # the track
            " ",
            label,
        )
