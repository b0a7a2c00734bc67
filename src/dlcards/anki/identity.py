"""Who is who in Anki: the note types, deck ids, note GUIDs and the export clock.

Stable identity is what makes a re-export update the notes already in Anki instead of
duplicating them:

* one note type of our own per card kind, with a fixed model id (basic, cloze);
* deck ids derived from the deck's full name (`dlcards::Part 1`);
* note GUIDs derived from the card id (never genanki's default, which hashes the fields and so
  changes with every edit);
* a note modification time that grows with every export, even two in the same second: Anki
  updates a note only when the incoming one is newer, in whole seconds.
"""

from __future__ import annotations

import hashlib
import json
import time
from datetime import date
from pathlib import Path

import genanki
from genanki.util import BASE91_TABLE

from ..decks import atomic_write

MODEL_ID = 1_607_392_319  # fixed forever: changing it would duplicate every note in Anki
MODEL_NAME = "dlcards (Markdown)"
#: genanki's collection was created on this day; Anki counts review due dates from it.
COLLECTION_CREATED = date(2014, 9, 19)

CSS = """\
.card {
  font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px; line-height: 1.45; text-align: left;
  color: #1d1d1f; background-color: #ffffff;
  max-width: 44em; margin: 0 auto; padding: 0.5em 1em;
}
.nightMode.card, .nightMode .card { color: #e6e6e6; background-color: #1f1f1f; }
.question { font-weight: 600; }
hr#answer { border: none; border-top: 1px solid #c8c8cc; margin: 0.8em 0; }
.nightMode hr#answer { border-top-color: #4a4a4f; }
code, pre { font-family: "JetBrains Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
code { background: #f0f0f3; padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: #f6f8fa; padding: 0.7em 1em; border-radius: 6px; overflow-x: auto; }
pre code { background: none; padding: 0; }
.nightMode code, .nightMode pre { background: #2b2b30; }
table { border-collapse: collapse; }
th, td { border: 1px solid #c8c8cc; padding: 0.25em 0.6em; }
.nightMode th, .nightMode td { border-color: #4a4a4f; }
img { max-width: 100%; }
a { color: #0a66c2; }
.nightMode a { color: #6cb6ff; }
"""


def _card(name: str, asks: str, answers: str) -> dict[str, str]:
    """A card template that asks one field and shows the other below a rule."""
    question = f'<div class="question">{{{{{asks}}}}}</div>'
    return {
        "name": name,
        "qfmt": question,
        "afmt": f'{question}\n<hr id="answer">\n<div class="answer">{{{{{answers}}}}}</div>',
    }


MODEL = genanki.Model(
    MODEL_ID,
    MODEL_NAME,
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[_card("Card 1", "Front", "Back")],
    css=CSS,
)

#: The cloze note type: Anki's own Cloze layout (fields Text and Back Extra, one card per
#: deletion number), under a fixed id of ours so re-exports update it in place.
CLOZE_MODEL_ID = 1_607_392_320
CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "dlcards Cloze (Markdown)",
    fields=[{"name": "Text"}, {"name": "Back Extra"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}<br>\n{{Back Extra}}",
        }
    ],
    css=CSS + ".cloze { font-weight: 700; color: #0a66c2; }\n"
    ".nightMode .cloze { color: #6cb6ff; }\n",
    model_type=genanki.Model.CLOZE,
)


#: The note type of a card studied both ways: Anki's "Basic (and reversed card)" layout,
#: two cards of one note (Front -> Back, Back -> Front), under a fixed id of ours.
REVERSED_MODEL_ID = 1_607_392_321
REVERSED_MODEL = genanki.Model(
    REVERSED_MODEL_ID,
    "dlcards (Markdown, and reversed)",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[_card("Card 1", "Front", "Back"), _card("Card 2", "Back", "Front")],
    css=CSS,
)


def deck_id(full_name: str) -> int:
    """A deck id derived from the deck's full name: the same deck, the same id, every time."""
    digest = hashlib.sha1(f"dlcards-deck\n{full_name}".encode()).digest()
    return 1 << 40 | int.from_bytes(digest[:5], "big")


_BASE91 = "".join(BASE91_TABLE)


def note_guid(card_id: str) -> str:
    """genanki's `guid_for("dlcards", card_id)` (tested equal), without its byte-by-byte
    loops: the first 8 bytes of a SHA-256 written in Anki's base 91."""
    n = int.from_bytes(hashlib.sha256(f"dlcards__{card_id}".encode()).digest()[:8], "big")
    guid = ""
    while n:
        n, digit = divmod(n, 91)
        guid = _BASE91[digit] + guid
    return guid


def next_mod_time(clock_file: Path, now: float | None = None) -> int:
    """This export's note modification time: now, but always after the previous export's.

    Anki takes an incoming note as an update only when its modification time (whole seconds)
    is newer than its own; two exports within one second would otherwise tie.
    """
    current = int(now if now is not None else time.time())
    from ..locking import folder_lock

    # two exports at once: each reads, then writes, the clock under the folder's lock, so
    # the second one's time is after the first one's
    with folder_lock(clock_file.parent, "the export"):
        try:
            last = int(json.loads(clock_file.read_text())["last_mod"])
        except (OSError, ValueError, KeyError, TypeError, OverflowError):
            last = 0
        if not 0 <= last <= current + 366 * 86400:
            last = 0  # a clock file from a broken or hostile hand: no time past next year
        mod = max(current, last + 1)
        atomic_write(clock_file, json.dumps({"last_mod": mod}).encode(), durable=False)
    return mod
