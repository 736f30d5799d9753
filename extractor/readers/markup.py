"""Cleaning cell and paragraph text: HTML fragments, markdown emphasis, whitespace."""

from __future__ import annotations

import html
import warnings

import regex as re
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag

BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "br", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
)
MARKUP_HINT = re.compile(r"</?[a-zA-Z][^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
EMPHASIS = re.compile(r"(?<!\S)\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?!\S)|^\*{1,3}|\*{1,3}$")
# Runs of spaces to collapse into one: two or more, or any kind but the plain space (a lone ` ` is left alone,
# which spares rewriting every cell).
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")

warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)


def _soup_text(node: Tag, out: list[str], collapse: bool) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if child.__class__ is NavigableString:
                out.append(HTML_BREAKS.sub(" ", child) if collapse else str(child))
        elif isinstance(child, Tag):
            block = child.name in BLOCK_TAGS
            if block:
                out.append("\n")
            _soup_text(child, out, collapse and child.name != "pre")
            if block:
                out.append("\n")


HTML_BREAKS = re.compile(r"[\r\n\t]+")


def tag_text(node: Tag, collapse: bool = False) -> str:
    """Text of a parsed element, block elements (`<p>`, `<li>`, `<br>`) becoming line breaks.

    `collapse`: line breaks in the markup's text are spaces, as a browser shows them (outside `<pre>`).
    """
    out: list[str] = []
    _soup_text(node, out, collapse)
    return "".join(out)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, block elements (`<p>`, `<li>`, `<br>`) becoming line breaks."""
    return tag_text(BeautifulSoup(fragment, "html.parser"))


def strip_markdown(text: str) -> str:
    """Remove markdown emphasis asterisks (`**bold**`, `*it*`) and escaping backslashes."""
    return EMPHASIS.sub("", text.replace("\\*", "*"))


INLINE_BULLET = re.compile(r"(?<=\S)[ \t]+•[ \t]*")


def normalise_space(text: str) -> str:
    """Collapse runs of spaces within lines, trim every line, drop empty lines and soft hyphens; inline bullets start lines."""
    if text.isprintable() and "  " not in text and "•" not in text:
        return text.strip()  # one line whose only spaces are single plain ones (tabs, breaks, odd spaces, soft
        # hyphens are not printable): nearly every cell and paragraph, and nothing for the patterns below to do
    if "\u00ad" in text:  # a soft hyphen only marks where a word may break: invisible unless it does
        text = text.replace("\u00ad", "")
    if "•" in text:
        text = INLINE_BULLET.sub("\n• ", text)
    if "\r" in text:
        text = text.replace("\r", "\n")
    lines = (line.strip() for line in SPACES.sub(" ", text).split("\n"))
    return "\n".join(line for line in lines if line)


def clean_inline(raw: str) -> str:
    """Cleaned text of one cell or line: markup removed, line breaks from markup kept."""
    text = html_to_text(raw) if MARKUP_HINT.search(raw) else raw
    text = html.unescape(text) if "&" in text else text
    return normalise_space("\n".join(strip_markdown(line) for line in text.split("\n")))


def drop_trailing_empty(cells: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(raw, cleaned) cells without the empty ones a converter leaves at the end of a row."""
    end = len(cells)
    while end and not cells[end - 1][1]:
        end -= 1
    return cells[:end]


def html_rows(fragment: str) -> list[list[tuple[str, str]]]:
    """Rows of `<tr>`/`<td>` markup in a line as (raw, cleaned) cell pairs."""
    soup = BeautifulSoup(fragment, "html.parser")
    rows = soup.find_all("tr") or [soup]
    result = []
    for row in rows:
        cells = row.find_all(["td", "th"], recursive=row is not soup) or row.find_all(["td", "th"])
        pairs = []
        for cell in cells:
            raw = str(cell)
            pairs.append((raw, clean_inline(cell.decode_contents())))
            span = cell.get("colspan")
            if span and str(span).isdigit():
                pairs.extend(("", "") for _ in range(int(span) - 1))
        pairs = drop_trailing_empty(pairs)
        if pairs:
            result.append(pairs)
    return result
