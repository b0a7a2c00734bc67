"""A small, fast YAML writer for the deck schema.

PyYAML's dumper spends most of its time in Python-level representers, which made writing
decks slower than parsing the notes.  Decks have a fixed shape (a mapping of text fields and a
list of flat card mappings), so they are written here directly: each string goes out plain when
YAML would read it back unchanged, as a literal block (`|-`) when it spans lines, and
double-quoted with escapes otherwise.  The property tests load the output with PyYAML's safe
loader and require every string back exactly; anything this writer is unsure of is quoted.

The speed tricks here are explained in PERFORMANCE.md, *Import*.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

#: A card as the writer reads it: (id, question, answer, tags, line, kind), the fields of
#: `decks.Card` in order (named here by shape, so this module imports nothing of dlcards).
CardRow = tuple[str, str, str, tuple[str, ...], "int | None", str]

# Plain scalars: no indicator at the start, no ": " or " #", no trailing ':' or space, only
# printable characters (and not the YAML 1.1 line breaks U+0085, U+2028, U+2029).
_PLAIN = re.compile(
    r"[^\s\-?:,\[\]{}#&*!|>'\"%@`\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]"
    r"(?:[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff:#]|:(?! )(?=.)|(?<! )#)*"
    r"(?<![\s:])"
)
# Most text (a letter or digit first, no ':' or '#', no space at the end) is plain by a test
# several times quicker than _PLAIN's, which must weigh every ':' and '#' it meets.
_SIMPLE_PLAIN = re.compile(
    r"[^\W_][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff:#]*(?<!\s)"
)
_FLOW_SAFE = re.compile(r"[^\W_][\w\-./+]*")  # tags: words, nothing a flow list reads specially
# characters a literal block cannot hold (its other hazard, a space before a line break, is
# tested with `in`: a character class alone searches several times faster than alternatives)
_LITERAL_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]"
)
_IMPLICIT_START = frozenset("0123456789+-.~nNyYtTfFoO<=")
_HEX_WORD = re.compile(r"[0-9a-f]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
_RESOLVER = yaml.resolver.Resolver()


def _id_like(value: str) -> bool:
    """Letters a-f and digits, not all digits and not "0b...": the shape of card ids, which
    YAML 1.1 reads back as text (a number needs all digits, a '.', '-', ':' or 'x', or the
    binary prefix), and which holds no character a plain scalar must avoid."""
    return (
        _HEX_WORD.fullmatch(value) is not None
        and not value.isdigit()
        and not value.startswith("0b")
    )


def _resolves_to_text(value: str) -> bool:
    """True when YAML reads the plain scalar back as a string (not a bool, number, date...)."""
    if value[0] not in _IMPLICIT_START:
        return True
    if _id_like(value):
        return True
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return tag == "tag:yaml.org,2002:str"


def quoted(value: str) -> str:
    """A double-quoted scalar; every non-printable character escaped."""
    out = []
    for ch in value:
        esc = _ESCAPES.get(ch)
        if esc:
            out.append(esc)
        elif (
            ch < " "
            or "\x7f" <= ch <= "\x9f"
            or ch in "\u2028\u2029\ufeff\ufffe\uffff"
            or ("\ud800" <= ch <= "\udfff")
        ):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def scalar(value: str, indent: str, flow: bool = False) -> str:
    """The text to put after 'key: ' (or in a flow list) for a string value."""
    if "\n" in value:
        first = value.lstrip("\n")[:1]
        if (
            not flow
            and first
            and first not in " \t"
            and value[-1] not in "\n \t"
            and " \n" not in value
            and "\t\n" not in value
            and not _LITERAL_UNSAFE.search(value)
        ):
            if "\n\n" not in value and value[0] != "\n":  # no empty line to leave unindented
                return "|-\n" + indent + value.replace("\n", "\n" + indent)
            return "|-\n" + "\n".join(indent + ln if ln else "" for ln in value.split("\n"))
        return quoted(value)
    if (
        value
        and (_SIMPLE_PLAIN.fullmatch(value) or _PLAIN.fullmatch(value))
        and _resolves_to_text(value)
        and (not flow or _FLOW_SAFE.fullmatch(value))
    ):
        return value
    if not value:
        return "''"
    return quoted(value)


def dump_deck(name: str, source: str, cards: Sequence[CardRow]) -> str:
    """YAML text for a deck: name, source, then each card's id, question, answer (a cloze:
    its kind and text), and its tags and line when it has them."""
    out = [f"name: {scalar(name, '  ')}\n", f"source: {scalar(source, '  ')}\n"]
    if not cards:
        out.append("cards: []\n")
        return "".join(out)
    out.append("cards:\n")
    flow_lists: dict[tuple[str, ...], str] = {}  # a deck's cards mostly share one tag list
    for cid, question, answer, tags, line, kind in cards:
        # a card id goes out plain, and is quicker to tell than by the general tests
        ident = cid if _id_like(cid) else scalar(cid, "    ")
        if kind == "cloze":  # (its text is held as the question: see decks.Card)
            out.append(f"- id: {ident}\n  kind: cloze\n  text: {scalar(question, '    ')}\n")
        else:
            out.append(
                f"- id: {ident}\n"
                f"  question: {scalar(question, '    ')}\n"
                f"  answer: {scalar(answer, '    ')}\n"
            )
            if kind == "reversed":
                out.append("  reverse: true\n")
        if tags:
            text = flow_lists.get(tags)
            if text is None:
                text = flow_lists[tags] = ", ".join(scalar(t, "", flow=True) for t in tags)
            out.append(f"  tags: [{text}]\n")
        if line:
            out.append(f"  line: {int(line)}\n")
    return "".join(out)
