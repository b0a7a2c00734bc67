"""A card's pictures drawn in the terminal, with textual-image (the `images` extra).

Two rules shape this module:

* **Loaded before Textual starts, or not at all.**  textual-image asks the terminal which
  graphics it speaks (escape-sequence queries answered on stdin) when it is imported, and
  once Textual reads stdin no answer gets through.  So `dlcards study` calls `enable()`
  before the app runs, and only when a card of the session has a picture and pictures are
  not turned off (`--no-images`, `DLCARDS_IMAGES=off`): a session without pictures pays
  nothing, and a terminal is never queried for nothing.
* **Only drawings that pass the terminal guard.**  Kitty's graphics protocol (its cells
  are ordinary characters; the image goes out beside them) where the terminal answers for
  it, and coloured half-cells (two pixels a cell, any colour terminal) everywhere else.
  Not Sixel: textual-image's Sixel widget writes its escape sequences as the text of a
  segment, which is exactly what `tui.text.TerminalSafe` strips so that no note can drive
  the terminal.  The guard stays whole; a Sixel terminal gets half-cells.

A picture is drawn from a file of the decks' `media/` folder only, decoded by Pillow with
a cap on its pixels (a decompression bomb is refused, not decoded) and shrunk once to at
most `MAX_SIDE` pixels a side; anything that cannot be drawn is one dim line naming the
file and why, and `o` still opens the file in the system viewer.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from textual.widget import Widget
from textual.widgets import Static

from ..display import visible
from .text import shown

#: Pictures beyond this many pixels are not decoded (Pillow's own warning starts at 89 M).
MAX_PIXELS = 40_000_000
#: Longest side, in pixels, a picture is shrunk to before it is drawn (a terminal shows a
#: few hundred at most; drawing fewer keeps each card quick).
MAX_SIDE = 1200
#: At most this many pictures of one side of a card are drawn.
MAX_PICTURES = 3
#: Environment switch: `DLCARDS_IMAGES=off` (or 0, no, false) keeps pictures as alt text.
ENV = "DLCARDS_IMAGES"

_widget: Any = None  # the textual-image widget class chosen by `enable`, None: not drawn


def wanted(flag_off: bool = False) -> bool:
    """Pictures are wanted unless `--no-images` or `DLCARDS_IMAGES=off` says otherwise."""
    return not flag_off and os.environ.get(ENV, "").strip().lower() not in {
        "off", "0", "no", "false"
    }  # fmt: skip


def enable() -> bool:
    """Load textual-image (it queries the terminal now, before Textual reads stdin) and
    choose how pictures are drawn; False when the extra is not installed."""
    global _widget
    try:
        from textual_image import renderable
        from textual_image.widget import HalfcellImage, TGPImage
    except Exception:
        # not installed (ImportError), or its probe of an odd terminal failed (a pty of 0
        # columns divides by zero): never a reason to keep a session from starting
        return False
    _widget = TGPImage if renderable.Image is renderable.TGPImage else HalfcellImage
    return True


def enabled() -> bool:
    return _widget is not None


def disable() -> None:
    """Back to alt text only (tests; a session that turns pictures off)."""
    global _widget
    _widget = None


class PictureError(Exception):
    """A media file that cannot be drawn, with the reason a user can act on."""


@lru_cache(maxsize=32)
def _decoded(path: Path, mtime_ns: int) -> Any:
    """The picture at `path`, decoded and shrunk (cached per file version)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            if im.width * im.height > MAX_PIXELS:
                raise PictureError(f"{im.width}×{im.height} pixels is too large to draw")
            im.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a fraction of the size
            im.thumbnail((MAX_SIDE, MAX_SIDE))
            return im.convert("RGBA" if "A" in im.getbands() else "RGB")
    except UnidentifiedImageError:
        raise PictureError("not a picture Pillow reads") from None
    except Image.DecompressionBombError:
        raise PictureError("too large to draw") from None
    except (OSError, SyntaxError, ValueError) as exc:  # truncated or damaged files
        raise PictureError(f"damaged ({exc})") from None


def picture(path: Path) -> Widget:
    """The widget showing the media file at `path`: the picture, or a dim line saying why
    it is not drawn."""
    try:
        image = _decoded(path, path.stat().st_mtime_ns)
    except PictureError as exc:
        return Static(shown(f"[picture {path.name}: {exc}; o opens it]"), classes="no-picture")
    except OSError as exc:
        reason = visible(exc.strerror or str(exc))
        return Static(shown(f"[picture {path.name}: {reason}]"), classes="no-picture")
    return _widget(image, classes="picture")
