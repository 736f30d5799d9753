"""Reader for converted text (.txt, .md): tab-separated rows, HTML fragments, markdown debris."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import regex as re

from ..errors import InputError
from ..model.layout import Artefact, Cell, LayoutDocument, Origin, Paragraph, SourceFile, Table
from .lines import SIGNATURE
from .markup import clean_inline, drop_trailing_empty, html_rows, strip_markdown
from .source import decode_text, describe_source
from .text_columns import layout_tables

PAGE_MARKER = re.compile(r"^\s*(?:стр\.\s*)?\d{1,4}\s*(?:/|от)\s*\d{1,4}\s*$", re.I)
SEPARATOR_ROW = re.compile(r"^[\s|:\-–—=_]*$")
HTML_ROW = re.compile(r"<\s*(?:tr|td|th|table)\b", re.I)
PIPE_ROW = re.compile(r"^\|.*\|$")
PIPE = re.compile(r"(?<!\\)\|")
MARKDOWN_HEADING = re.compile(r"^\s*(#{1,6})\s")


@dataclass
class _Builder:
    """Accumulates blocks while walking the lines of one file."""

    blocks: list = field(default_factory=list)
    artefacts: list[Artefact] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    table_line: int | None = None
    table_page: int = 1
    page: int = 1

    def add_row(self, cells: list[tuple[str, str]], line: int) -> None:
        if not self.rows:
            self.table_line, self.table_page = line, self.page
        row_index = len(self.rows)
        origin = Origin(page=self.page, line=line)
        self.rows.append(
            [
                Cell(row=row_index, col=col, text=text, raw=raw, origin=origin)
                for col, (raw, text) in enumerate(cells)
            ]
        )

    def close_table(self) -> None:
        if self.rows:
            index = sum(1 for b in self.blocks if isinstance(b, Table))
            origin = Origin(page=self.table_page, line=self.table_line)
            self.blocks.append(Table(index=index, rows=self.rows, origin=origin))
            self.rows = []

    def add_paragraph(self, raw: str, text: str, line: int, style: str | None) -> None:
        self.close_table()
        origin = Origin(page=self.page, line=line)
        self.blocks.append(Paragraph(text=text, raw=raw, style=style, origin=origin))

    def set_aside(self, reason: str, raw: str, line: int) -> None:
        self.artefacts.append(Artefact(reason=reason, raw=raw, origin=Origin(page=self.page, line=line)))


def split_tab_row(line: str) -> list[tuple[str, str]]:
    """Split a tab-separated row into (raw, cleaned) cell pairs; trailing empty cells dropped."""
    return drop_trailing_empty([(raw, clean_inline(raw)) for raw in line.split("\t")])


def split_pipe_row(line: str) -> list[tuple[str, str]]:
    """Split a markdown table row `| a | b |` (escaped `\\|` kept) into (raw, cleaned) cell pairs."""
    inner = line.strip()[1:-1]
    raws = [part.replace("\\|", "|") for part in PIPE.split(inner)]
    return drop_trailing_empty([(raw, clean_inline(raw)) for raw in raws])


def split_pages(text: str) -> tuple[list[str], list[int]]:
    """Lines of a text and the page each is on: form feeds (`pdftotext`'s page breaks) open a page."""
    if "\f" not in text:
        return text.splitlines(), []
    lines, pages, page = [], [], 1
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        page += line.count("\f")
        lines.append(line.replace("\f", ""))
        pages.append(page)
    if lines and not lines[-1]:
        lines.pop(), pages.pop()
    return lines, pages


def read_text_lines(lines: list[str], pages: list[int] | None = None) -> tuple[list, list[Artefact]]:
    """Turn the lines of a converted-text file into blocks and set-aside artefacts.

    `pages` gives each line's page when the text marks page breaks (form feeds); else a page-number
    line opens the next page. Space-aligned tables (`pdftotext -layout`) are read by `text_columns`.
    """
    b = _Builder()
    starts = [i for i in range(len(pages)) if i == 0 or pages[i] != pages[i - 1]] if pages else [0]
    tables, furniture = layout_tables(lines, pages or [1] * len(lines), starts)
    found = {table.first: table for table in tables}
    skip_to = 0
    for number, line in enumerate(lines, start=1):
        if number - 1 < skip_to:
            continue
        if pages:
            b.page = pages[number - 1]
        table = found.get(number - 1)
        if table is not None:
            b.close_table()
            b.blocks.append(table.table.model_copy(update={"index": sum(1 for x in b.blocks if isinstance(x, Table))}))
            b.artefacts.extend(artefact for _, artefact in table.artefacts)
            skip_to = table.last + 1
            continue
        stripped = line.strip()
        plain = strip_markdown(stripped)
        if not stripped:
            continue
        if number - 1 in furniture:
            b.set_aside("running-header", line, number)
            continue
        if PAGE_MARKER.match(plain):
            b.set_aside("page-number", line, number)
            if not pages:
                b.page += 1
            continue
        if SIGNATURE.search(plain) and "\t" not in line:
            b.set_aside("signature", line, number)
            continue
        if HTML_ROW.search(line):
            for row in html_rows(line):
                b.add_row(row, number)
            continue
        if PIPE_ROW.match(stripped):
            if SEPARATOR_ROW.match(stripped.replace("|", "")):
                b.set_aside("table-separator", line, number)
            else:
                b.add_row(split_pipe_row(stripped), number)
            continue
        if "\t" in line:
            if SEPARATOR_ROW.match(line.replace("\t", "")):
                b.set_aside("table-separator", line, number)
                continue
            cells = split_tab_row(line)
            if cells:
                b.add_row(cells, number)
            else:
                b.set_aside("empty", line, number)
            continue
        heading = MARKDOWN_HEADING.match(stripped)
        text = clean_inline(stripped[heading.end() :] if heading else stripped)  # `## 2. Здраве`: the `##` is markup
        if not text:
            b.set_aside("markup", line, number)
            continue
        b.add_paragraph(line, text, number, f"heading {len(heading.group(1))}" if heading else None)
    b.close_table()
    return b.blocks, b.artefacts


def read_text(path: Path, data: bytes, fmt: str = "text") -> LayoutDocument:
    """Read converted text (UTF-8 or Windows-1251) into a layout document."""
    text, encoding = decode_text(path, data)
    lines, pages = split_pages(text)
    blocks, artefacts = read_text_lines(lines, pages)
    if not blocks:
        raise InputError(path, "no text found")
    source: SourceFile = describe_source(path, data, fmt, encoding=encoding)
    return LayoutDocument(source=source, blocks=blocks, artefacts=artefacts)
