"""The study keys, written once: the review screen's bindings, its footer, the grade
buttons and the help screen are all built from this table."""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding, BindingType

from ..scheduler import Grade


class StudyKey(NamedTuple):
    keys: tuple[str, ...]  # Textual key names; the first one is shown in the footer
    shown: str  # how the help screen writes them
    action: str
    help: str
    footer: str | None = None  # the footer's label, None: not in the footer


#: What each grade means, as the help screen says it.
GRADE_HELP = {
    Grade.AGAIN: "forgotten (comes back this session)",
    Grade.HARD: "recalled with effort (comes back this session)",
    Grade.GOOD: "recalled",
    Grade.EASY: "recalled at once",
}

REVIEW_KEYS: tuple[StudyKey, ...] = (
    StudyKey(("space", "enter"), "space / enter", "reveal", "show the answer", "Show answer"),
    *(
        StudyKey(
            (g.key,),
            g.key,
            f"grade('{g.button}')",
            f"{g.button.capitalize()}: {GRADE_HELP[g]}",
        )
        for g in Grade
    ),
    StudyKey(("u",), "u", "undo", "undo the last grade or burial", "Undo"),
    StudyKey(("e",), "e", "edit", "edit this card (saved to its deck file)", "Edit"),
    StudyKey(("s",), "s", "bury", "bury: skip this card until tomorrow", "Bury"),
    StudyKey(("o",), "o", "open_image", "open this card's image in the system viewer"),
    StudyKey(("question_mark",), "?", "help", "this help", "Help"),
    StudyKey(("q", "escape"), "q / escape", "end", "end the session (summary)", "End"),
)
#: The deck list's keys (its help and quit keys are the review screen's, in the help).
DECK_LIST_KEYS: tuple[StudyKey, ...] = (
    StudyKey(("enter",), "enter", "study_one", "deck list: study the deck", "Study deck"),
    StudyKey(("a",), "a", "study_all", "deck list: study all decks", "Study all"),
    StudyKey(("question_mark",), "?", "help", "this help", "Help"),
    StudyKey(("q", "escape"), "q / escape", "app.quit", "quit", "Quit"),
)
#: What the help screen lists: the review keys, then what only the deck list adds.
HELP_KEYS: tuple[StudyKey, ...] = (
    *REVIEW_KEYS,
    *(k for k in DECK_LIST_KEYS if k.action == "study_all"),
)


def bindings(table: tuple[StudyKey, ...]) -> list[BindingType]:
    """Textual bindings of a key table: each key bound, the first one shown in the footer."""
    out: list[BindingType] = []
    for entry in table:
        label = entry.footer or entry.help
        shown = entry.footer is not None
        for k, key in enumerate(entry.keys):
            out.append(Binding(key, entry.action, label, show=shown and k == 0))
    return out
