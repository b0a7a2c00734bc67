"""Deck files: the YAML schema of DESIGN.md, one loader for every command, atomic writes.

Decks are loaded with PyYAML's safe loader only (the C one when libyaml is present), so a
`!!python/object` tag is an error, never code.  A deck that breaks the schema is rejected
with its file, line and reason; the line is found by composing the YAML node tree, which is
only done on the error path, so loading stays as fast as libyaml itself.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .kinds import CardKind

if TYPE_CHECKING:
    import yaml

# PyYAML is imported where a deck is parsed or written, not here: `due` and `study` read
# unchanged decks from the deck cache and never need it (it is ~25 ms of start-up).


class DeckError(Exception):
    """A deck file that cannot be used; the message names the file (and line) and the reason."""


class Card(NamedTuple):
    """One deck entry, or one card to study.  A named tuple rather than a dataclass: a
    collection holds 100,000 of them, and tuples are built several times faster (it is as
    immutable, and compares by value).

    A cloze entry (`kind` "cloze") holds its text, in Anki's `{{cN::…}}` syntax, as
    `question` and no answer; `Deck.study_cards` turns it into one card per deletion number,
    whose question is the text with that deletion asked and whose answer is the text with
    it filled in (see `dlcards.cloze`).
    """

    id: str
    question: str
    answer: str
    tags: tuple[str, ...] = ()
    line: int | None = None
    kind: str = CardKind.BASIC.value

    @property
    def answered(self) -> bool:
        answer = self.answer
        # not answer.strip(), without a copy; a cloze entry's deletions are its answers
        return (bool(answer) and not answer.isspace()) or self.kind == "cloze"

    @property
    def text(self) -> str:
        """A cloze entry's text (its `question` field, under the name the deck file uses)."""
        return self.question

    def digest(self) -> str:
        """Fingerprint of the card's text: detects hand edits between imports."""
        kind = "" if self.kind == "basic" else f"\0{self.kind}"  # (older digests unchanged)
        return hashlib.sha1(f"{self.question}\0{self.answer}{kind}".encode()).hexdigest()[:16]


def study_cards(entries: tuple[Card, ...]) -> tuple[Card, ...]:
    """The cards to study of a deck's entries: a basic card is itself, a cloze entry one
    card per deletion number (ids `<entry>.c<N>`, see `dlcards.cloze`)."""
    if all(c.kind == "basic" for c in entries):
        return entries  # (nearly every deck: no copy)
    from . import cloze

    out: list[Card] = []
    for c in entries:
        if c.kind == "reversed":  # forward under the entry's id, the reverse as `<id>.r`
            out.append(c)
            if c.answered:
                out.append(Card(reverse_id(c.id), c.answer, c.question, c.tags, c.line, c.kind))
            continue
        if c.kind != "cloze":
            out.append(c)
            continue
        for n in cloze.numbers(c.question):
            out.append(
                Card(
                    cloze.study_id(c.id, n),
                    cloze.mask(c.question, n),
                    cloze.fill(c.question, n),
                    c.tags,
                    c.line,
                    c.kind,
                )
            )
    return tuple(out)


def reverse_id(entry_id: str) -> str:
    """The id of a reversed entry's reverse card (its forward card keeps the entry's id)."""
    return f"{entry_id}.r"


@dataclass(frozen=True)
class Deck:
    """A deck file: its entries (`cards`, as the file holds them) and, derived from them,
    the cards a session studies (`study_cards`)."""

    name: str
    source: str
    cards: tuple[Card, ...]
    path: Path | None = field(default=None, compare=False)

    @functools.cached_property
    def study_cards(self) -> tuple[Card, ...]:
        return study_cards(self.cards)

    @property
    def unanswered(self) -> int:
        return sum(1 for c in self.cards if not c.answered)


_CARD_KEYS = ("id", "kind", "question", "answer", "text", "reverse", "tags", "line")
#: What `kind:` may say (a reversed card is a basic one with `reverse: true`).
_KINDS = ("basic", "cloze")
_TRUTH = {"true": True, "yes": True, "false": False, "no": False}
_DECK_KEYS = ("name", "source", "cards")


# -- writing ---------------------------------------------------------------------------------


def deck_to_yaml(deck: Deck) -> str:
    """The deck as YAML text: fixed key order, literal blocks, deterministic byte for byte."""
    from .yamlout import dump_deck

    return dump_deck(deck.name, deck.source, deck.cards)


def atomic_write(path: Path, data: bytes, *, durable: bool | None = None) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one.

    The bytes go to a temporary file in the same folder, are flushed to disk, and replace the
    target with one rename; the temporary file is removed if anything fails on the way.
    The flush (fsync) is what makes the old file safe, so by default it is done only when a
    file with content is replaced: a brand-new file has nothing to lose, and skipping the
    fsync there makes a first import of thousands of notes several times faster.
    """
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None
    if durable is None:
        durable = st is not None and st.st_size > 0
    fd, tmp = _create_temp(path)
    try:
        try:
            if st is not None:
                os.fchmod(fd, st.st_mode & 0o777)  # an existing file keeps its permissions
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None and exc.errno is not None:
            # a full disk fails in os.write, which names no file: name the one being written
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` for a writer that wants a file name (a zip archive, a
    SQLite file), put in place of `path` in one rename when the block ends normally, and
    removed if it does not: `atomic_write`'s promise for content written by another library.
    The new file keeps `path`'s permissions (a new one gets the usual 0o666 less the umask)."""
    fd, tmp = _create_temp(path)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


_TEMP_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new, exclusively created temporary file beside `path`, with the mode of a new file
    (0o666 less the umask, which `open` applies itself).

    It is named after the target and this process, which costs a fraction of a random name;
    should that name be taken (the leftover of a crashed process with the same id, or another
    thread writing the same file), a random name is used instead.
    """
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        return os.open(tmp, _TEMP_FLAGS, 0o666), tmp
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)  # a new folder: the name is free
        return os.open(tmp, _TEMP_FLAGS, 0o666), tmp
    except FileExistsError:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.fchmod(fd, _file_mode(path))
        return fd, Path(name)


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0o666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_deck(deck: Deck, path: Path) -> bool:
    """Write the deck atomically; returns False (and touches nothing) when already identical."""
    data = deck_to_yaml(deck).encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write(path, data)
    return True


# -- loading ---------------------------------------------------------------------------------


def load_deck(path: Path) -> Deck:
    """Load and validate one deck file; raises DeckError naming the file, line and reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DeckError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise DeckError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_deck(text, path)


class _DuplicateKey(Exception):
    def __init__(self, key: str, first: int, second: int) -> None:
        super().__init__(key)
        self.key, self.first, self.second = key, first, second


#: Flow collections nested deeper than this are read by PyYAML's pure-Python loader: the C
#: one composes nodes recursively on the C stack and crashes the process (a segmentation
#: fault) somewhere past 20,000 levels, where the Python one raises RecursionError.
_C_DEPTH = 5000
_BRACKETS = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
_NOT_BRACKETS = bytes(b for b in range(256) if b not in _BRACKETS)


def _deeply_nested(text: str) -> bool:
    """Could the text nest flow collections past `_C_DEPTH`?  An over-estimate (brackets
    inside quoted text count too), found in C speed: every other byte is deleted first."""
    if text.count("[") + text.count("{") < _C_DEPTH:
        return False  # (nearly every deck)
    kept = text.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS)
    return max(itertools.accumulate(map(_BRACKETS.__getitem__, kept)), default=0) > _C_DEPTH


@functools.cache
def _deck_loader(pure: bool = False) -> type:
    """The safe loader (libyaml's when available: an order of magnitude faster on large
    collections), made stricter in two ways a hand-edited deck needs:

    * every plain scalar is text (or null): YAML 1.1's implicit types would read a typed
      answer `1:30` as 90, `3.10` as 3.1, `0755` as 493 and `yes` as True;
    * a key given twice in one mapping (two `cards:`, two `answer:`) is an error naming both
      lines, where YAML would keep the last silently and a re-import would lose the first.
    """
    import yaml

    base = yaml.SafeLoader if pure else getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    null = "tag:yaml.org,2002:null"

    class DeckLoader(base):  # type: ignore[misc, valid-type]
        yaml_implicit_resolvers = {
            first: [(tag, regexp) for tag, regexp in resolvers if tag == null]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: dict[object, int] = {}
            for key_node, _ in node.value:
                key = key_node.value
                if not isinstance(key, str):
                    continue  # (a mapping or a list as a key: the loader refuses it below)
                if key in seen:
                    raise _DuplicateKey(key, seen[key], key_node.start_mark.line + 1)
                seen[key] = key_node.start_mark.line + 1
            return super().construct_mapping(node, deep)

    return DeckLoader


def parse_deck(text: str, path: Path) -> Deck:
    import yaml

    deep = _deeply_nested(text)
    try:
        doc = yaml.load(text, Loader=_deck_loader(pure=deep))
    except RecursionError:
        raise DeckError(f"{path}: nested too deeply to be a deck") from None
    except _DuplicateKey as dup:
        raise DeckError(
            f"{path}:{dup.second}: duplicate key {dup.key!r} (also on line {dup.first}):"
            " YAML would keep only the last"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}" if mark else ""
        reason = " ".join((exc.problem or exc.context or "invalid YAML").split())
        if "could not determine a constructor" in str(exc):
            reason = f"unsafe or unknown tag {_tag_of(exc)} (decks hold plain data only)"
        raise DeckError(f"{path}{where}: {reason}") from None
    except yaml.YAMLError as exc:
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DeckError(f"{path}: invalid YAML ({reason})") from None
    try:
        return _validate(doc, path)
    except _SchemaError as err:
        line = None if deep else _line_of(text, err.where)
        where = f":{line}" if line else ""
        raise DeckError(f"{path}{where}: {err.reason}") from None


def _tag_of(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    start = problem.find("'")
    return problem[start:] if start >= 0 else "tag"


class _SchemaError(Exception):
    def __init__(self, where: tuple[Any, ...], reason: str) -> None:
        super().__init__(reason)
        self.where = where
        self.reason = reason


def _text(value: Any, where: tuple[Any, ...], what: str, allow_empty: bool) -> str:
    if isinstance(value, bool) or (value is None and not allow_empty):
        raise _SchemaError(where, f"{what} must be text")
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        raise _SchemaError(where, f"{what} must be text, not a {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise _SchemaError(where, f"{what} is empty")
    return value


def _validate(doc: Any, path: Path) -> Deck:
    if not isinstance(doc, dict):
        raise _SchemaError((), "a deck must be a mapping with 'name' and 'cards'")
    for key in doc:
        if key not in _DECK_KEYS:
            raise _SchemaError(
                (key,), f"unknown deck key {key!r} (expected {', '.join(_DECK_KEYS)})"
            )
    name = _text(doc.get("name"), ("name",), "'name'", allow_empty=False)
    source = _text(doc.get("source", ""), ("source",), "'source'", allow_empty=True)
    raw_cards = doc.get("cards")
    if raw_cards is None:
        raw_cards = []
    if not isinstance(raw_cards, list):
        raise _SchemaError(("cards",), "'cards' must be a list")
    cards = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw_cards):
        where: tuple[Any, ...] = ("cards", i)
        if not isinstance(item, dict):
            raise _SchemaError(where, f"card {i + 1} must be a mapping")
        for key in item:
            if key not in _CARD_KEYS:
                raise _SchemaError((*where, key), f"unknown card key {key!r}")
        cid = _text(
            item.get("id"), (*where, "id"), f"card {i + 1}: 'id'", allow_empty=False
        ).strip()
        if cid in seen:
            raise _SchemaError(
                (*where, "id"), f"duplicate card id {cid!r} (also card {seen[cid] + 1})"
            )
        seen[cid] = i
        kind = item.get("kind", "basic")
        if kind not in _KINDS:
            raise _SchemaError(
                (*where, "kind"),
                f"card {cid}: unknown kind {kind!r} (expected {', '.join(_KINDS)})",
            )
        if kind == "cloze":
            question, answer = _cloze_text(item, where, cid), ""
        else:
            if "text" in item:
                raise _SchemaError((*where, "text"), f"card {cid}: 'text' is for kind: cloze")
            question = _text(
                item.get("question"), (*where, "question"), f"card {cid}: 'question'", False
            )
            answer = _text(
                item.get("answer", ""), (*where, "answer"), f"card {cid}: 'answer'", True
            )
        tags = item.get("tags") or []
        if isinstance(tags, str):
            tags = tags.split()
        if not isinstance(tags, list) or not all(isinstance(x, (str, int)) for x in tags):
            raise _SchemaError((*where, "tags"), f"card {cid}: 'tags' must be a list of words")
        reverse = item.get("reverse", False)
        if isinstance(reverse, str):  # (every scalar loads as text: see _deck_loader)
            reverse = _TRUTH.get(reverse.strip().lower(), reverse)
        if not isinstance(reverse, bool):
            raise _SchemaError((*where, "reverse"), f"card {cid}: 'reverse' must be true or false")
        if reverse:
            if kind == "cloze":
                raise _SchemaError((*where, "reverse"), f"card {cid}: a cloze cannot be reversed")
            kind = "reversed"
        line = item.get("line")
        if isinstance(line, str) and line.strip().isdigit() and len(line.strip()) <= 9:
            line = int(line)  # (every scalar loads as text: see _deck_loader)
        if line is not None and (isinstance(line, bool) or not isinstance(line, int) or line < 0):
            raise _SchemaError((*where, "line"), f"card {cid}: 'line' must be a line number")
        cards.append(Card(cid, question, answer, tuple(str(x) for x in tags), line, kind))
    return Deck(name=" ".join(name.split()), source=source, cards=tuple(cards), path=path)


def _cloze_text(item: dict[str, Any], where: tuple[Any, ...], cid: str) -> str:
    """The text of a cloze entry: present, with at least one `{{cN::…}}` deletion."""
    from . import cloze

    for key in ("question", "answer"):
        if key in item:
            raise _SchemaError((*where, key), f"card {cid}: a cloze has 'text', not {key!r}")
    text = _text(item.get("text"), (*where, "text"), f"card {cid}: 'text'", False)
    if not cloze.has_deletions(text):
        raise _SchemaError(
            (*where, "text"), f"card {cid}: a cloze text needs a deletion such as {{{{c1::word}}}}"
        )
    return text


def _line_of(text: str, where: tuple[Any, ...]) -> int | None:
    """1-based line of the node at `where` (keys and list indexes), for error messages."""
    import yaml

    try:  # libyaml composes the node tree in C: a large deck's error is found in a second
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for step in where:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == step:
                    line = key.start_mark.line + 1
                    node = value
                    break
            else:
                return line
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line
