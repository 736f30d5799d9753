"""Reader for HTML pages (a council's web page, Word's "save as web page", LibreOffice's HTML export).

The body is walked in order: headings and text blocks become paragraphs, each `<table>` a table
whose `rowspan`/`colspan` cells are placed on the grid once, at their top-left place, as the Word
reader does. `<br>` and block elements inside a cell or paragraph become line breaks; a table
nested in a cell is read as lines of that cell. The encoding is taken from a byte-order mark or the
page's `<meta charset>`, else found as for converted text (UTF-8, Windows-1251 …). Origins carry the
source line of the element.
"""

from __future__ import annotations

from pathlib import Path

import regex as re
from bs4 import BeautifulSoup, NavigableString, Tag

from ..errors import InputError
from ..model.layout import LayoutDocument, Paragraph, Table
from ..settings import Settings
from .markup import HTML_BREAKS, normalise_space, tag_text
from .source import decode_text, describe_source

HEADING = re.compile(r"^h([1-6])$")
SKIPPED = frozenset({"head", "script", "style", "noscript", "template", "title", "svg", "object", "iframe"})
# Elements that hold text blocks of their own (walked into), and those that are one block of text.
CONTAINERS = frozenset({"html", "body", "div", "section", "article", "main", "center", "form", "header", "footer",
                        "aside", "nav", "ul", "ol", "dl", "blockquote", "figure", "fieldset", "span", "font"})
TEXT_BLOCKS = frozenset({"p", "li", "pre", "dt", "dd", "address", "caption", "figcaption", "div", "blockquote"})
STRUCTURE = frozenset({"table", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "section",
                       "article", "blockquote"})
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def looks_like_html(path: Path, data: bytes) -> bool:
    """A whole HTML page (not converted text with HTML fragments in its rows): by its opening, or by name."""
    head = _head_text(data).lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return path.suffix.lower() in (".htm", ".html") and ("<body" in head or "<table" in head)


def _head_text(data: bytes) -> str:
    head = data[:4096]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, errors="ignore")
    return head.decode("latin-1")


def decode_html(path: Path, data: bytes) -> tuple[str, str]:
    """The page's text and encoding: a byte-order mark, else the `<meta charset>` it declares, else guessed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return decode_text(path, data)
    declared = META_CHARSET.search(data[:8192])
    if declared:
        codec = declared.group(1).decode("ascii", errors="ignore").lower()
        try:
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: guess as for text
    return decode_text(path, data)


def read_table(table: Tag, index: int) -> Table:
    """One `<table>` on its grid: a spanning cell once, at its top-left place, with its spans."""
    rows: list[list[dict]] = []
    taken: set[tuple[int, int]] = set()  # grid places covered by cells of rows above (rowspan)
    for row_index, tr in enumerate(_rows(table)):
        col = 0
        row: list[dict] = []
        for td in tr.find_all(("td", "th"), recursive=False):
            while (row_index, col) in taken:
                col += 1
            row_span, col_span = _span(td.get("rowspan")), _span(td.get("colspan"))
            raw = tag_text(td, collapse=True)
            header = td.name == "th" or td.find_parent("thead") is not None
            row.append({"row": row_index, "col": col, "row_span": row_span, "col_span": col_span, "raw": raw,
                        "text": normalise_space(raw), "header": header, "origin": {"line": td.sourceline}})
            taken.update((row_index + r, col + c) for r in range(row_span) for c in range(col_span))
            col += col_span
        rows.append(row)
    return Table.model_validate({"index": index, "rows": rows, "origin": {"line": table.sourceline}})


def _rows(table: Tag) -> list[Tag]:
    """The table's own rows, directly or in its `thead`/`tbody`/`tfoot`, not those of nested tables."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _span(value) -> int:
    text = str(value or "").strip()
    return max(1, min(int(text), 1000)) if text.isdigit() else 1


def body_blocks(root: Tag) -> list[Paragraph | Table]:
    """Paragraphs and tables of the page in order; empty blocks skipped."""
    blocks: list[Paragraph | Table] = []
    loose: list[str] = []  # text and inline elements between blocks
    line: list[int | None] = [None]

    def flush() -> None:
        raw = "".join(loose)
        loose.clear()
        if normalise_space(raw):
            blocks.append(Paragraph(text=normalise_space(raw), raw=raw, origin={"line": line[0]}))

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if child.__class__ is NavigableString:  # comments, doctype and CDATA are not text
                    loose.append(HTML_BREAKS.sub(" ", child))
                continue
            if not isinstance(child, Tag) or child.name in SKIPPED:
                continue
            heading = HEADING.match(child.name)
            if child.name == "table":
                flush()
                blocks.append(read_table(child, sum(1 for block in blocks if isinstance(block, Table))))
            elif heading or (child.name in TEXT_BLOCKS and not _holds_blocks(child)):
                flush()
                raw = tag_text(child, collapse=child.name != "pre")
                if normalise_space(raw):
                    style = f"heading {heading.group(1)}" if heading else None
                    blocks.append(Paragraph(text=normalise_space(raw), raw=raw, style=style,
                                            origin={"line": child.sourceline}))
            elif child.name in CONTAINERS or _holds_blocks(child):
                flush()
                walk(child)
                flush()
            else:
                if not loose:
                    line[0] = child.sourceline
                loose.append(tag_text(child, collapse=True) if child.name != "br" else "\n")

    walk(root)
    flush()
    return blocks


def _holds_blocks(tag: Tag) -> bool:
    return tag.find(STRUCTURE) is not None


def read_html(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    """Read an HTML page into a layout document."""
    text, encoding = decode_html(path, data)
    soup = BeautifulSoup(text, "html.parser")
    try:
        blocks = body_blocks(soup.body or soup)
    except RecursionError:
        raise InputError(path, "markup nested too deeply to read") from None
    if not blocks:
        raise InputError(path, "no text found")
    return LayoutDocument(source=describe_source(path, data, "html", encoding=encoding), blocks=blocks)

