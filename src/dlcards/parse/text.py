"""Line-level helpers shared by the note parsers.

Every parser needs the same few judgements about a line of text: is it a question, a bullet,
a continuation of the line before, code?  They live here once, as small pure functions, so
the formats agree with each other and the rules are tested in one place.  No rule here names
a word of any particular note file: the word lists are the interrogatives and auxiliaries of
English and the usual bullet glyphs.
"""

from __future__ import annotations

import re
import textwrap

#: Words that open a direct question.
WH_WORDS = frozenset({"what", "which", "who", "whom", "whose", "why", "how", "where", "when"})
#: Auxiliaries and modals: "Is ...", "Does ...", "Can ..." open yes/no questions, and after a
#: wh-word they mark a question ("How can we ...") rather than a clause ("When training ...").
AUX_WORDS = frozenset(
    """is are was were am do does did can could should would will shall may might must has have
    had isn't aren't doesn't don't didn't can't won't wouldn't shouldn't""".split()
)
#: The first words `opens_like_question` can accept (apart from contractions like "what's").
QUESTION_HEADS = WH_WORDS | AUX_WORDS
#: Words that follow a wh-word in a question but not in a subordinate clause.
WH_FOLLOWERS = frozenset(
    "of many much to kind kinds type types often long far else exactly".split()
)
#: Imperative prompts that teachers and students use instead of a question mark.
PROMPT_VERBS = frozenset(
    """name define explain describe list state give compare contrast outline distinguish
    identify summarize summarise derive prove enumerate mention discuss illustrate
    differentiate""".split()
)
#: Words a wrapped line can end with: the sentence obviously goes on in the next line.
OPEN_ENDINGS = frozenset(
    """the a an of to and or with for in on at by from that which as is are be than into onto
    its their this these those but if so because while whether nor per via every each all some
    any our your his her my between about over under through without within like such not can
    will should would could may must has have was were""".split()
)

#: Words that refer back to what was just said: a line holding them continues an answer.
BACK_REFERENCES = frozenset(
    """this that it its they these those them therefore thus hence so then also otherwise
    instead however""".split()
)

_BULLET = re.compile(
    r"^\s*(?:[-*•·▪◦+=&~>]|–|—|→|⇒|->|=>|–>|—>|<-|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|\(\w{1,3}\)\s)"
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪◦+]\s?(?![->])|\d{1,3}[.)]\s)")
_WORD = re.compile(r"[^\W_][\w'’\-/]*", re.UNICODE)
_ASCII_LOWER_WORD = re.compile(r"[a-z0-9][a-z0-9_'\-/]*")  # _WORD on lower-case ASCII text
_CODEISH = re.compile(r"\w\(|[=<>]=?\s?\d|\w_\w|\[\d|[{};]\s*$")
_CODE_CHARS = re.compile(r"[(=<>_\[{};]")
_LABEL = re.compile(r"^[^:?]{1,40}:\s+\S")
_TRAILING_TAGS = re.compile(r"(?:\s+#[\w/-]+)+\s*$")
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_NUMBERING = re.compile(
    r"^\s*(?:\(?\d{1,3}[.):](?!\d)|\(?[ivx]{1,4}[.)]|Q\d*[.:)]|Question\s*\d*[.:)])\s*",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_LIST_MARK = re.compile(r"^[-*+•]\s+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def words(line: str) -> list[str]:
    """The words of a line (letters and digits; glued punctuation like '/' or '-' kept)."""
    return _WORD.findall(line)


def lower_words_of(lines: list[str]) -> list[list[str]]:
    """`words` of each line lower-cased, in one pass of C-level calls (for every line of a
    note: a Python call per line costs as much as the matching).

    ASCII text, most of it, is matched with the same pattern written with ASCII character
    sets, which the regex engine tests faster than Unicode categories.
    """
    lowered = list(map(str.lower, lines))
    if all(map(str.isascii, lowered)):
        return list(map(_ASCII_LOWER_WORD.findall, lowered))
    return [(_ASCII_LOWER_WORD if s.isascii() else _WORD).findall(s) for s in lowered]


def bullet_flags(lines: list[str]) -> list[bool]:
    """`is_bullet` of each line, in one pass of C-level calls."""
    return [m is not None for m in map(_BULLET.match, lines)]


def first_word(line: str) -> str:
    """The first word, lower-cased, or '' for a line without words."""
    found = _WORD.search(line)
    return found.group(0).lower().strip("'’") if found else ""


def is_bullet(line: str) -> bool:
    """A list item or an arrow line: in notes these continue an answer, never start a card."""
    return bool(_BULLET.match(line))


def is_list_item(line: str) -> bool:
    """A bulleted or numbered list item (arrows excluded: they continue, they do not list)."""
    return bool(_LIST_ITEM.match(line))


def is_enumeration(line: str) -> bool:
    """'dendrites, soma, axon, synapse': a bare comma list, the answer to a 'name the parts'."""
    core = line.strip()
    return core.count(",") >= 2 and not core.endswith((".", ":", "?")) and len(words(core)) <= 15


def has_arrow(line: str) -> bool:
    """'->', '=>', '–>', '—>', '→' or '⇒' anywhere (substring tests: faster than a regex)."""
    if ">" in line and ("->" in line or "=>" in line or "–>" in line or "—>" in line):
        return True
    return "→" in line or "⇒" in line


def looks_like_code(line: str) -> bool:
    """Calls, assignments, indexing: an answer line, rarely a question."""
    return bool(_CODE_CHARS.search(line)) and bool(_CODEISH.search(line))


def is_label_line(line: str) -> bool:
    """'Idea: accelerate ...' -- a label and its value, typical of answer text."""
    return ":" in line and _LABEL.match(line) is not None


def question_mark_split(line: str) -> tuple[str, str] | None:
    """Split 'Question? rest' at its last single question mark.

    Returns (question, rest) or None when the line holds no real question mark.  Doubled marks
    ('??') express doubt rather than ask, and a '?' inside brackets ('(WDF?)') is an aside.
    """
    if "?" not in line:
        return None
    if "(" not in line and "[" not in line and "{" not in line:
        i = len(line)
        while (i := line.rfind("?", 0, i)) >= 0:  # the last '?' that is not part of '??'
            if (i == 0 or line[i - 1] != "?") and line[i + 1 : i + 2] != "?":
                return line[: i + 1].strip(), line[i + 1 :].strip()
            while i > 0 and line[i - 1] == "?":
                i -= 1
        return None
    depth = 0
    cut = -1
    for i, ch in enumerate(line):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch == "?" and depth == 0:
            before = line[i - 1] if i else ""
            after = line[i + 1] if i + 1 < len(line) else ""
            if before != "?" and after != "?":
                cut = i
    if cut < 0:
        return None
    return line[: cut + 1].strip(), line[cut + 1 :].strip()


def ends_with_question(line: str) -> bool:
    """True when the line ends with a single '?' (trailing tags and brackets ignored)."""
    if "?" not in line:
        return False
    core = line.rstrip()
    if not core.endswith("?"):  # (a line ending in '?' has no trailing tags to remove)
        core = _TRAILING_PAREN.sub("", _TRAILING_TAGS.sub("", core).rstrip())
    return core.endswith("?") and not core.endswith("??")


def opens_like_question(line: str, lower_words: list[str] | None = None) -> bool:
    """Does the wording itself ask? 'How can we ...', 'Which of ...', 'Is it ...'.

    A wh-word alone is not enough: 'When training the net, ...' is a clause.  It must be
    followed by an auxiliary, a determiner-like follower, or start a short yes/no question.
    `lower_words` are the line's words lower-cased, when the caller has them already.
    """
    ws = [w.lower() for w in words(line)[:4]] if lower_words is None else lower_words[:4]
    if len(ws) < 2:
        return False
    if "’" in line:
        ws = [w.replace("’", "'") for w in ws]
    head = ws[0]
    if head not in WH_WORDS and head not in AUX_WORDS and not head.endswith("'s"):
        return False  # most lines: decided by their first word alone
    if head.endswith("'s") and head[:-2] in WH_WORDS:
        return True  # "what's the width ...": wh-word + contracted "is"
    if head in WH_WORDS:
        if ws[1] in AUX_WORDS or ws[1] in WH_FOLLOWERS:
            return True
        if head == "why" and len(ws) >= 3 and line.lstrip()[3:4] != ",":
            return True  # "why methods wait ... are in ...": "why" opens no ordinary clause
        # "Which optimizations can you do", "What problem does X tackle": wh + noun + aux
        return len(ws) >= 3 and ws[2] in AUX_WORDS and head in {"what", "which", "whose"}
    return head in AUX_WORDS and head not in {"has", "have", "had"} and len(ws) >= 3


#: A question asked in passing, inside a longer line: "... what would you do", "Feature is
#: 70% sparse, how would you handle it", "Accuracy is 99%. Do you think ...".  A wh-word or a
#: sentence-opening auxiliary followed by a person is asking whoever reads it.
_ASKS_INSIDE = re.compile(
    r"\b(?:what|how|which|why|when|where)(?:\s+\w+)?\s+"
    r"(?:would|do|does|did|can|could|should|will|shall)"
    r"\s+(?:you|we|one|i)\b|"
    r"(?:^|[.;:]\s+)(?:do|does|did|can|could|would|should|will|is|are)\s+(?:you|we|i)\s+\w+",
    re.I,
)
#: "Precision vs Recall", "Difference between X and Y", "X versus Y": a topic to compare.
_COMPARISON = re.compile(
    r"^(?:the\s+)?(?:differences?|distinction|comparison)\s+(?:between|of)\s+\S|"
    r"^[^.;:!]{1,60}?\s(?:vs\.?|versus)\s+[^.;:!]{1,60}$",
    re.I,
)


def asks_in_passing(line: str) -> bool:
    """A question inside a line that does not open or end like one (see `_ASKS_INSIDE`)."""
    return bool(_ASKS_INSIDE.search(line))


def names_comparison(line: str) -> bool:
    """A short line naming two things to compare: an interview topic, not an answer line."""
    core = line.strip().rstrip("?:").strip()
    return bool(_COMPARISON.match(core)) and not core.endswith(".") and len(words(core)) <= 14


def asks(text: str) -> bool:
    """An explicit question: ends with one '?' and its wording asks (not '... ??', '(WDF?)')."""
    plain = clean_question(text)
    if not ends_with_question(plain) or len(words(plain)) < 2:
        return False
    return opens_like_question(plain) or starts_with_wh(plain) or is_prompt(plain)


def starts_with_wh(line: str) -> bool:
    return first_word(line) in WH_WORDS


#: Prompt verbs that also start ordinary statements ("State machines ...", "Name lookup ...")
#: need a longer line before they count.
_AMBIGUOUS_PROMPTS = frozenset("name state list give identify mention".split())


def is_prompt(line: str, ws: list[str] | None = None) -> bool:
    """An imperative study prompt: 'Define entropy.', 'Name a function that ...'."""
    stripped = line.lstrip()
    if not stripped[:1].isupper():
        return False
    ws = words(line) if ws is None else ws
    head = ws[0].lower() if ws else ""
    if head not in PROMPT_VERBS:
        return False
    return len(ws) >= (4 if head in _AMBIGUOUS_PROMPTS else 2)


def open_ending(line: str) -> bool:
    """The line stops mid-sentence: a comma, a hyphen or a function word at its end."""
    return open_endings([line])[0]


def open_endings(lines: list[str]) -> list[bool]:
    """`open_ending` of each line, in one pass (the scorer asks it of every line)."""
    return [
        bool(core)
        and (
            core[-1] in ",(-–/"
            or core.endswith(" +")
            or (core[-1].isalpha() and core.rsplit(None, 1)[-1].lower() in OPEN_ENDINGS)
        )
        for core in map(str.rstrip, lines)
    ]


_HTML_TAG = re.compile(
    r"</?(?:b|i|u|em|strong|code|span|br|p|div|a|sup|sub|font|mark|kbd|s|del|small|big|tt|"
    r"center|img|summary|details)\b[^>]*>",
    re.I,
)
_REF_MARK = re.compile(r"\s*\[\[[^\[\]]*\]\([^()]*\)\]")  # "[[src](url)]" reference markers
_LINK = re.compile(r"(!?)\[([^\[\]]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_WIKILINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]|]*)\]\]")
_DIFFICULTY = re.compile(r"^\s*\[(?:e|m|h|easy|medium|hard)\]\s*", re.I)
_DECORATION = re.compile(
    r"(?:\s*(?:[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B06\u2B07\u2934\u2935\uFE0F\u200D]|"
    r":[a-z0-9_+-]+:|(?<=\s)\*{2,3}|\(\d+\s+(?:cards?|questions?)\)))+\s*$",
    re.I,
)


def strip_decoration(text: str) -> str:
    """What decorates a question without asking: HTML tags, reference markers, difficulty
    marks ('[E]', trailing stars and emoji), links (their text kept), wikilinks."""
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    if "[" in text:
        text = _REF_MARK.sub("", text)
        text = _WIKILINK.sub(r"\1", text)
        text = _LINK.sub(lambda m: "" if m.group(1) else m.group(2), text)
        text = _DIFFICULTY.sub("", text)
    return _DECORATION.sub("", text)


def clean_question(text: str) -> str:
    """Strip markup a question should not keep: headings, emphasis, numbering, 'Q:', tags."""
    text = text.strip()
    if "<" in text or "[" in text:
        text = strip_decoration(text).strip()
    # each pattern runs only where its characters occur: most questions hold none of them
    has_hash = "#" in text
    if has_hash:
        text = _HEADING.sub("", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    last = text[-1:]
    if last in (":", "*", ")") or last > "\x7f":  # decoration trails: an emoji, ':star:', '***'
        text = _DECORATION.sub("", text).strip()
    text = _LIST_MARK.sub("", text, count=1)
    text = _NUMBERING.sub("", text, count=1)
    if has_hash:
        text = _TRAILING_TAGS.sub("", text)
    return " ".join(text.split())


def clean_answer(lines: list[str]) -> str:
    """Join answer lines, trimming blank lines at either end and trailing spaces."""
    out = [ln.rstrip() for ln in lines]
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    if out and out[0][:1] not in (" ", "\t"):
        return "\n".join(out)  # the first line is not indented: there is nothing to dedent
    return textwrap.dedent("\n".join(out))  # answers nested under a list item lose the indent
