"""Card text for Anki: Markdown rendered to HTML, MathJax delimiters, sanitised.

Fields are Markdown rendered to HTML by markdown-it-py; `$...$` and `$$...$$` become MathJax
`\\(...\\)` and `\\[...\\]`; the HTML is then cleaned by nh3 (no scripts, no event handlers,
no `javascript:` links).

The speed tricks here are explained in PERFORMANCE.md, *Export*.
"""

from __future__ import annotations

import functools
import html
import re
from typing import TYPE_CHECKING

from ..display import CONTROL, without_controls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def _math_inline(self, tokens, idx, options, env) -> str:
    return "\\(" + html.escape(tokens[idx].content, quote=False) + "\\)"


def _math_block(self, tokens, idx, options, env) -> str:
    return '<div class="math">\\[' + html.escape(tokens[idx].content, quote=False) + "\\]</div>\n"


@functools.cache
def _markdown() -> MarkdownIt:
    """The renderer for fields with Markdown in them, loaded with the first such field: most
    notes' fields take the plain-text paths of `render`, and a large export then starts
    without importing markdown-it."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("commonmark", {"breaks": True, "html": True}).enable(["table", "strikethrough"])
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.add_render_rule("math_inline", _math_inline)
    md.add_render_rule("math_inline_double", _math_block)
    md.add_render_rule("math_block", _math_block)
    md.add_render_rule("math_block_label", _math_block)
    return md


#: Characters with a meaning in Markdown (or HTML) anywhere in a line, links apart (see
#: `_has_markup`), and control characters, which `render` writes out before markdown-it
#: runs.  ('>' only opens a quote at the start of a line, caught below: arrows like "=> x"
#: in notes stay plain.)
_MARKUP = re.compile(r"[*_`\[\]<#!|~\\$&\t" + CONTROL + "]")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
#: Line openings with a meaning in Markdown: lists, quotes, headings, code, setext rules.
_BLOCK = (
    r"(?: {0,3}\t| {4}|\s*>|\s*(?:[-+=]|\d+[.)])(?:\s|$)|\s*[-=]{2,}\s*$| {0,3}(?:-[ \t]*){3,}$)"
)
_BLOCK_START = re.compile("^" + _BLOCK, re.M)
_BLOCK_AFTER_FIRST_LINE = re.compile("\n" + _BLOCK, re.M)  # a literal start: scans faster


def _has_markup(text: str) -> bool:
    """Whether text holds anything Markdown or HTML gives a meaning to, apart from line
    openings: one character class and substring tests for link prefixes, several times
    faster than one regular expression with the prefixes as alternatives."""
    return _MARKUP.search(text) is not None or "http:" in text or "https:" in text or "www." in text


def _opens_block(text: str) -> bool:
    """Whether any line of text opens a block (list item, quote, heading, code, rule)."""
    if _BLOCK_START.match(text):
        return True
    return "\n" in text and _BLOCK_AFTER_FIRST_LINE.search(text) is not None


def _escape(text: str) -> str:
    """HTML-escape text as markdown-it does, for the fast paths' text, which holds no '&' or
    '<' (`_MARKUP` sends those to markdown-it): '>' and double quotes (not single ones)."""
    return text.replace(">", "&gt;").replace('"', "&quot;")


def _simple_list(text: str) -> str | None:
    """The HTML markdown-it gives a paragraph followed by tight "- item" / "+ item" lists, or
    None when the text is anything else (the caller then runs markdown-it).

    The commonest answer shape in notes ("lead-in" then bullets, often "+" for pros and "-"
    for cons), so exports render it directly.  Accepted: no blank line, no indentation, only
    "- " and "+ " items whose text opens no other block; a plain line after an item continues
    that item (CommonMark's lazy continuation), and a change of bullet character starts a new
    list, as CommonMark says.  Property tests compare this with markdown-it on random texts.
    """
    escape = ">" in text or '"' in text  # most lists need no escaping at all
    br = "<br />\n"
    lead: list[str] = []
    lists: list[tuple[str, list[str]]] = []  # (bullet, its items' HTML)
    for line in text.split("\n"):
        line = line.rstrip(" ")
        if not line or line[0] in " \t":
            return None
        if line[0] in "-+" and line[1:2] == " " and len(line) > 2 and not line[2].isspace():
            bullet, body = line[0], line[2:]  # an item: "- text" / "+ text"
            if _BLOCK_START.match(body):
                return None
            if not lists or lists[-1][0] != bullet:
                lists.append((bullet, []))
            lists[-1][1].append(_escape(body) if escape else body)
        elif _BLOCK_START.match(line):
            return None
        elif lists:
            items = lists[-1][1]
            items[-1] += br + (_escape(line) if escape else line)
        else:
            lead.append(_escape(line) if escape else line)
    if not lists:
        return None
    out = [f"<p>{br.join(lead)}</p>\n"] if lead else []
    for _, items in lists:
        out.append("<ul>\n<li>" + "</li>\n<li>".join(items) + "</li>\n</ul>\n")
    return "".join(out).rstrip("\n")


def render(markdown_text: str, *, inline: bool = False) -> str:
    """Markdown of a card side -> clean HTML for Anki (MathJax delimiters, sanitised).

    `inline` renders a one-line question without a wrapping paragraph.  Text with no Markdown
    in it (most questions, many answers) is escaped directly: the same HTML markdown-it would
    give, at a fraction of the cost on large exports.  Only text holding raw HTML (a '<') goes
    through nh3; everything else markdown-it escapes itself, and it refuses javascript: links.
    """
    text = markdown_text.strip("\n")
    if not _has_markup(text):
        if not _opens_block(text):
            if "\n" not in text:  # one line: most questions
                line = _escape(text.strip())
                return line if inline else f"<p>{line}</p>"
            return "\n".join(  # (escaping leaves line breaks and spaces as they were)
                "<p>" + "<br />\n".join([line.strip() for line in para.split("\n")]) + "</p>"
                for para in _BLANK_LINES.split(_escape(text.strip()))
            )
        if not inline:
            simple = _simple_list(text)
            if simple is not None:
                return simple
    # (`_MARKUP` sends every control character here) a control character would corrupt the
    # package: \x1f separates Anki's fields, others make invalid XML/HTML; shown as text
    text = without_controls(text)
    md = _markdown()
    raw = md.renderInline(text) if inline and "\n" not in text else md.render(text)
    if "<" in text:
        import nh3

        raw = nh3.clean(raw, link_rel="noopener noreferrer")
    return raw.strip()
