"""Where dlcards keeps things, and the environment variables that move them, named once.

Nothing here touches the disk: each function says where a thing lives, and the module that
reads or writes it does so.  `platformdirs` is imported only when a default is needed.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The decks built from the user's notes, shipped inside the package: studied when no
#: decks folder is given or found, never edited in place.
BUNDLED_DECKS = Path(__file__).parent / "bundled_decks"

#: The review database (`--db` wins over it).
DB_ENV = "DLCARDS_DB"
#: The scheduler to switch to (`--scheduler` wins over it): sm2 or fsrs.
SCHEDULER_ENV = "DLCARDS_SCHEDULER"
#: The folder of the deck cache (`dlcards.cache`).
CACHE_ENV = "DLCARDS_CACHE_DIR"
#: A fixed study day (`--today` wins over it), and the hour a study day starts.
TODAY_ENV = "DLCARDS_TODAY"
DAY_STARTS_ENV = "DLCARDS_DAY_STARTS"
#: Seconds a writer waits for a folder another dlcards process writes to (`dlcards.locking`).
LOCK_WAIT_ENV = "DLCARDS_LOCK_WAIT"

#: Beside the decks: what the notes gave at the last import (`dlcards.import_record`), and the
#: writers' lock of the folder (`dlcards.locking`).
IMPORT_RECORD = ".dlcards-import.json"
LOCK_FILE = ".dlcards.lock"
#: Beside the review database: the last export's note time (`dlcards.anki.identity`).
EXPORT_CLOCK = "export-clock.json"


def default_db() -> Path:
    """$DLCARDS_DB, else `reviews.sqlite3` in the platform's user data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("dlcards", appauthor=False)) / "reviews.sqlite3"


def cache_dir() -> Path:
    """$DLCARDS_CACHE_DIR, else dlcards' folder in the platform's user cache folder."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("dlcards", appauthor=False))
