"""HTML exported from a Markdown editor (StackEdit, Typora, Dillinger, HackMD, ...).

The page is parsed with BeautifulSoup, stripped of what is not note content (head, scripts,
the table of contents, the editor's footer), converted back to Markdown with markdownify
(code, links, lists, images and sub/superscripts kept), and then read by the Markdown parser,
so both formats follow one set of card rules.
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag
from markdownify import MarkdownConverter

from .model import Document, RawCard

_FOOTER = re.compile(
    r"^\s*(written|created|made|exported|generated|published|powered|edited|built)\s+"
    r"(with|by|using|in|from)\b",
    re.I,
)
_TOC_NAME = re.compile(r"(^|[-_ ])(toc|table-of-contents|tableofcontents)($|[-_ ])", re.I)


def _is_toc(tag: Tag) -> bool:
    names = " ".join([*(tag.get_attribute_list("class") or []), str(tag.get("id") or "")])
    if _TOC_NAME.search(names):
        return True
    if tag.name in ("ul", "ol", "nav"):
        links = tag.find_all("a")
        text = tag.get_text(" ", strip=True)
        linked = " ".join(a.get_text(" ", strip=True) for a in links)
        return (
            bool(links)
            and all(str(a.get("href") or "").startswith("#") for a in links)
            and (len(linked) >= 0.9 * len(text))
        )
    return False


def _math_to_tex(root: Tag) -> None:
    """MathJax pages (Typora, Jupyter, many wikis) render formulas as SVG or HTML and keep the
    TeX in `<script type="math/tex">`: the TeX is the note; the rendering is dropped."""
    for script in root.find_all("script"):
        kind = str(script.get("type") or "").lower()
        if not kind.startswith("math/tex"):
            continue
        tex = script.get_text()
        display = "mode=display" in kind
        script.replace_with(f"\n\n$$\n{tex.strip()}\n$$\n\n" if display else f"${tex.strip()}$")
    for tag in root.find_all(class_=re.compile(r"^MathJax(_SVG|_CHTML|_Preview|)(_Display)?$")):
        if not tag.decomposed:
            tag.decompose()


def _strip_non_content(root: Tag) -> None:
    _math_to_tex(root)
    for tag in root.find_all(
        ["script", "style", "noscript", "template", "iframe", "nav", "footer"]
    ):
        tag.decompose()
    for tag in root.find_all(True):
        if tag.decomposed:
            continue
        if _is_toc(tag):
            tag.decompose()
    # an editor's footer: a last block saying "Written with <editor>"
    blocks = [c for c in root.find_all(["p", "blockquote", "div"]) if c.get_text(strip=True)]
    for tag in reversed(blocks[-3:]):
        text = tag.get_text(" ", strip=True)
        if len(text) < 120 and _FOOTER.match(text):
            tag.decompose()
            break


#: Nesting the converters (which recurse) are given: deeper layout wrappers are unwrapped
#: first, keeping headings and lists; anything still deeper after that is unwrapped too.
WRAPPER_DEPTH = 60
MAX_DEPTH = 150
_WRAPPERS = frozenset(
    {
        "div",
        "span",
        "section",
        "article",
        "main",
        "font",
        "center",
        "header",
        "aside",
        "figure",
        "blockquote",
    }
)


def _unwrap_deeper(root: Tag, limit: int, only: frozenset[str] | None) -> bool:
    deep: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(root, 0)]
    while stack:
        tag, depth = stack.pop()
        for child in tag.children:
            if isinstance(child, Tag):
                if depth + 1 > limit and (only is None or child.name in only):
                    deep.append(child)
                stack.append((child, depth + 1))
    for tag in reversed(deep):  # innermost first, so every unwrap keeps its content
        tag.unwrap()
    return bool(deep)


def _flatten_deep(root: Tag) -> bool:
    """Bring pathological nesting within reach of the converters; True when it had to."""
    wrappers = _unwrap_deeper(root, WRAPPER_DEPTH, _WRAPPERS)
    return _unwrap_deeper(root, MAX_DEPTH, None) or wrappers


def _code_language(pre: Tag) -> str:
    """'python' from <pre><code class="language-python"> (or lang-/highlight- on either)."""
    code = pre.find("code")
    for tag in (code, pre):
        if isinstance(tag, Tag):
            for cls in tag.get("class") or []:
                for prefix in ("language-", "lang-", "highlight-source-", "highlight-"):
                    if cls.startswith(prefix) and len(cls) > len(prefix):
                        return cls[len(prefix) :]
    return ""


_LIST_TAG = re.compile(r"<(/?)(li|ul|ol|dt|dd|dl)\b[^>]*>", re.I)


def close_list_items(source: str) -> str:
    """Close the `<li>`, `<dt>` and `<dd>` tags a page leaves open, as browsers do (HTML lets
    a new item end the one before, and the list's end end its last item); Python's HTML
    parser would nest every following item inside the previous one instead."""
    low = source.lower()
    if low.count("<li") <= low.count("</li") and low.count("<dd") <= low.count("</dd"):
        return source
    out: list[str] = []
    stack: list[str] = []  # open list containers and items, innermost last
    pos = 0
    for m in _LIST_TAG.finditer(source):
        out.append(source[pos : m.start()])
        pos = m.end()
        closing, name = m.group(1), m.group(2).lower()
        if not closing and name in ("li", "dt", "dd"):
            if stack and stack[-1] in ("li", "dt", "dd") and (name == "li") == (stack[-1] == "li"):
                out.append(f"</{stack.pop()}>")
            stack.append(name)
        elif not closing:
            stack.append(name)
        else:
            if name in ("ul", "ol", "dl"):
                while stack and stack[-1] in ("li", "dt", "dd"):
                    out.append(f"</{stack.pop()}>")
            if name in stack:
                while stack and stack[-1] != name:
                    stack.pop()
                stack.pop()
        out.append(m.group(0))
    out.append(source[pos:])
    return "".join(out)


class _Converter(MarkdownConverter):
    """markdownify with `<details>` kept as a details block (its summary on the opening line),
    so the card finder reads a toggle (Notion, GitHub pages) as the question and its content
    as the answer, as it reads one typed into Markdown."""

    def convert_details(self, el: Tag, text: str, *args: object, **kwargs: object) -> str:
        summary = el.find("summary")
        head = summary.get_text(" ", strip=True) if isinstance(summary, Tag) else ""
        head = head.replace("<", "&lt;").replace(">", "&gt;")
        return f"\n\n<details><summary>{head}</summary>\n\n{text.strip()}\n\n</details>\n\n"

    def convert_summary(self, el: Tag, text: str, *args: object, **kwargs: object) -> str:
        return ""  # (written by its details block)


def _lift_toggles(root: Tag) -> None:
    """A list whose every item is only a toggle (Notion's `<ul class="toggle">`) is a run of
    toggles, not a list: its `<details>` blocks take its place."""
    for ul in root.find_all(["ul", "ol"]):
        items = [c for c in ul.children if isinstance(c, Tag)]
        if not items or any(
            li.name != "li"
            or [c for c in li.children if isinstance(c, Tag)] != [li.find("details")]
            or li.get_text(strip=True) != li.find("details").get_text(strip=True)  # type: ignore[union-attr]
            for li in items
        ):
            continue
        for li in items:
            li.unwrap()
        ul.unwrap()


def html_to_markdown(source: str) -> tuple[str | None, str, list[str]]:
    """(document <title> or None, the body as Markdown, warnings)."""
    source = close_list_items(source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(source, "html.parser")
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else None
    for tag in soup.find_all("head"):
        tag.decompose()
    root = soup.body or soup
    warnings_out = []
    if _flatten_deep(root):
        warnings_out.append(f"HTML nested deeper than {MAX_DEPTH} levels was flattened")
    _strip_non_content(root)
    if root.find("details") is not None:
        _lift_toggles(root)
    return (title or None), _markdown_of(root) + "\n", warnings_out


def _markdown_of(root: Tag, newline_style: str = "spaces") -> str:
    """`newline_style` "backslash": a `<br>` is a visible hard break (`\\` at the line's end),
    where "spaces" writes two spaces that the tidying below removes (a page's `<br>` is
    mostly layout; a field's is the line break its author typed)."""
    # sub/superscripts stay HTML: Markdown has no syntax for them
    md = _Converter(
        newline_style=newline_style,
        heading_style="ATX",
        bullets="-",
        sub_symbol="<sub>",
        sup_symbol="<sup>",
        escape_underscores=False,
        escape_misc=False,
        autolinks=True,
        strip=["span", "font"],
        code_language_callback=_code_language,
    ).convert_soup(root)
    md = re.sub(r"[ \t]+\n", "\n", md)
    md = re.sub(r"\n{3,}", "\n\n", md)
    return md.strip()


def fragment_to_markdown(source: str) -> str:
    """A piece of HTML (a flashcard field, say) as Markdown: converted as a page is, but
    nothing is dropped as page furniture (a short answer may well read "Made by the
    liver"); scripts and styles are.  Text without markup is only tidied (as HTML shows
    it, runs of white space are one space), which is most fields of most collections."""
    if "<" not in source and "&" not in source and "*" not in source:
        return " ".join(source.split())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(close_list_items(source), "html.parser")
    _flatten_deep(soup)
    _math_to_tex(soup)
    for tag in soup.find_all(["script", "style", "noscript", "template", "iframe", "head"]):
        tag.decompose()
    return _markdown_of(soup, "backslash")


def read_html(data: str | bytes, filename: str = "") -> Document:
    """The page as Markdown, its <title>, and its raw lines (to locate each card in)."""
    source = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    title, md, warnings_out = html_to_markdown(source)
    return Document(
        container="html",
        text=md,
        title=title,
        warnings=tuple(warnings_out),
        located=tuple(source.splitlines()),
        style="markdown",
    )


def locate_cards(raw_lines: tuple[str, ...], cards: list[RawCard]) -> list[RawCard]:
    """Give each card found in converted HTML the line of the HTML file it comes from."""
    lines = list(raw_lines)
    located = []
    cursor = 0
    for card in cards:
        line = _locate(lines, card.question, cursor)
        if line:
            cursor = line - 1
        located.append(card._replace(line=line or 0))
    return located


def _locate(raw_lines: list[str], question: str, start: int) -> int:
    """The HTML line where a question's opening words appear (0 when not found).

    A heading line is preferred, so a table of contents naming the same words is passed over.
    """
    probe = " ".join(question.split()[:3])
    if not probe:
        return 0
    hits = []
    for i in range(start, len(raw_lines)):
        plain = " ".join(re.sub(r"<[^>]+>", "", raw_lines[i]).split())
        if probe in plain:
            if re.search(r"<h[1-6]\b", raw_lines[i], re.I):
                return i + 1
            hits.append(i + 1)
    return hits[0] if hits else 0
