"""The four grade buttons, each showing the interval it would give."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

from ....scheduler import Grade

#: Each grade's button colour.
_VARIANTS = {
    Grade.AGAIN: "error",
    Grade.HARD: "warning",
    Grade.GOOD: "success",
    Grade.EASY: "primary",
}
#: (button name, key, label, colour) of each grade, in key order.
BUTTONS = tuple((g.button, g.key, g.button.capitalize(), _VARIANTS[g]) for g in Grade)


class GradeBar(Horizontal):
    """Again / Hard / Good / Easy with their intervals; clicking one posts `Graded`."""

    class Graded(Message):
        def __init__(self, grade: str) -> None:
            super().__init__()
            self.grade = grade

    def compose(self) -> ComposeResult:
        for name, key, label, variant in BUTTONS:
            button = Button(f"{key} {label}", id=f"grade-{name}", variant=variant)  # type: ignore[arg-type]
            button.can_focus = False  # keys 1-4 and clicks; enter stays "reveal"
            yield button

    def set_intervals(self, intervals: dict[str, str]) -> None:
        for name, key, label, _ in BUTTONS:
            self.query_one(f"#grade-{name}", Button).label = f"{key} {label} · {intervals[name]}"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id:
            self.post_message(self.Graded(event.button.id.removeprefix("grade-")))
