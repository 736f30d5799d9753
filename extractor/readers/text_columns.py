"""Space-aligned tables in layout text (`pdftotext -layout`): columns at fixed character positions.

Like `pdf_columns` for borderless PDFs, a table is anchored on its header row, whose wording names
the columns (`extractor.recognise.header.header_roles`). Its cells give the column starts; the
boundary before each column is the character position, between the header cells, that is blank on
most lines of the table (the gutter). Each word goes to the column its start falls in; a row starts
where a number opens one of the first columns, after a blank line, or at a line running across the
columns (a heading such as `Оперативна цел 1.1: …`, kept as a row spanning the table). The lines of a
cell are joined as the PDF reader joins them (`lines.join_lines`), with one character as the unit.
Header rows printed again after a page break, page numbers and running headers are set aside.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import regex as re

from ..model.layout import Artefact, Cell, Origin, Table
from ..recognise.header import ROLE_PATTERNS, SUBHEADER_WORDS, header_roles, role_of_header
from .lines import PAGE_NUMBER, SIGNATURE, Line, join_lines, ocr_dictionary, vocabulary, words_to_lines
from .markup import normalise_space
from .pdf_columns import ROW_NUMBER

WORD = re.compile(r"\S+")
RUN_IN_NUMBER = re.compile(r"^(\p{Ll}+)(\d{1,2}(?:\.\d{1,2})+\.?)$")
JOINER = re.compile(r"(?:^|\s)(?:/|,|и|-|–)$|[/,]$")
MAX_HEADER_LINES = 4
WRAP_SLACK = 1.0  # a character: `pdftotext` rounds a proportional font's words to whole characters
RUNNING_LINES = 3  # lines at the top of a page where a running header may be
NUMBERED_COLUMNS = 2  # a row number opens one of the first columns


@dataclass(frozen=True)
class Word:
    """A word of a layout line and the character columns it covers."""

    start: int
    end: int
    text: str


@dataclass
class Span:
    """Words run together with single spaces: one header cell (or a piece of one)."""

    words: list[Word]

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def words_of(line: str) -> list[Word]:
    """The words of a line with their character positions; a word run into the next column's item number
    where `pdftotext` left no space (`на1.1.`) is two words."""
    words = []
    for match in WORD.finditer(line):
        run_in = RUN_IN_NUMBER.match(match.group())
        if run_in:
            cut = match.start() + len(run_in.group(1))
            words += [Word(match.start(), cut, run_in.group(1)), Word(cut, match.end(), run_in.group(2))]
        else:
            words.append(Word(match.start(), match.end(), match.group()))
    return words


def spans_of(words: list[Word]) -> list[Span]:
    """Words split where two or more spaces part them."""
    spans: list[Span] = []
    for word in words:
        if spans and word.start - spans[-1].end < 2:
            spans[-1].words.append(word)
        else:
            spans.append(Span([word]))
    return spans


ACTIVITY_HEADER = dict(ROLE_PATTERNS)["activity"]
MAX_HEADER_WORDS = 48  # eight columns of up to six words


@lru_cache(maxsize=8192)
def _role(text: str):
    """`role_of_header` of a word or a header cell being built; the same words recur on every line."""
    return role_of_header(text)


def header_cells(line: str) -> list[Span] | None:
    """The cells of a header row (`Цел  Дейност  Изпълнител Срок`), or None for any other line.

    Cells parted by one space only are told apart by their wording: a word naming another role
    than the cell it follows opens a new cell, unless the cell ends in a joiner (`Изпълнител /`).
    """
    if "\t" in line or line.lstrip().startswith("|") or not ACTIVITY_HEADER.search(line.replace(" ", "")):
        return None  # a tab row, a markdown pipe row, or no word for the activity column every header row names
    words = words_of(line)
    if len(words) > MAX_HEADER_WORDS:
        return None  # a paragraph written on one line
    cells: list[Span] = []
    for span in spans_of(words):
        cells.append(Span([span.words[0]]))
        for word in span.words[1:]:
            role, current = _role(word.text), _role(cells[-1].text)
            if role and current and role != current and not JOINER.search(cells[-1].text):
                cells.append(Span([word]))
            else:
                cells[-1].words.append(word)
    if len(cells) < 3 or any(cell.text[:1].islower() for cell in cells):
        return None  # header cells open in capitals or with `№`; a body line runs on in lower case somewhere
    if header_roles([cell.text for cell in cells]) is None:
        return None
    return cells


@dataclass
class Grid:
    """Column bounds of a table: `bounds[i]` is where column i + 1 begins."""

    starts: list[int]
    bounds: list[int]
    header: list[tuple[int, int, list[str]]] = field(default_factory=list)  # (col, span, lines) per header cell
    subheader: dict[int, list[str]] = field(default_factory=dict)

    def column(self, position: int) -> int:
        return sum(1 for bound in self.bounds if position >= bound)

    @property
    def width(self) -> int:
        return len(self.starts)

    def crosses(self, words: list[Word]) -> bool:
        """True for a heading across the table: one run of text in capitals from the first column over a
        column bound, or naming a priority area or a goal.

        A cell's text that overflows its column a little (`pdftotext` places words to the nearest
        character) runs over a bound too, but not from the first column in one run.
        """
        spans = spans_of(words)
        if len(spans) > 1 or self.column(words[0].start) > 0 or not spans[0].text[:1].isupper():
            return False
        if role_of_header(" ".join(w.text for w in words[:3])) in ("area", "goal"):
            return True  # `Цел 1. Подкрепа …`, `Приоритетна област 2. …` on a line of their own
        return any(word.start < bound - 1 and word.end > bound + 1 for word in words for bound in self.bounds)


def _header_line(words: list[Word], cells: list[Span]) -> bool:
    """A line continuing the header: no row number, and its words lower case, header words or sub-column labels."""
    spans = spans_of(words)
    if not spans or any(ROW_NUMBER.match(span.words[0].text) for span in spans):
        return False
    named = [s for s in spans if role_of_header(s.text) or SUBHEADER_WORDS.match(s.text)]
    if len(named) >= 2 and len(named) * 2 >= len(spans):
        return True
    if not all(not w.text[:1].isalpha() or w.text[:1].islower() for w in words):
        return False
    if all(len(span.words) <= 2 and any(abs(span.start - cell.start) <= 2 for cell in cells) for span in spans):
        return True  # a word or two under the start of header cells: `институции`, `група`
    # a lower-case line is a wrapped header cell only if its first word would not have fitted above
    starts = [cell.start for cell in cells] + [10**6]
    for span in spans:
        index = max((i for i, cell in enumerate(cells) if cell.start <= span.start + 1), default=0)
        if index + 1 == len(cells):
            continue  # the last column's right edge is not known
        room = starts[index + 1] - cells[index].start - 1
        if cells[index].end - cells[index].start + 1 + len(span.words[0].text) <= room:
            return False
    return True


def _heading(words: list[Word], starts: list[int]) -> bool:
    """A line of one run of text running over a column start: a heading across the table, not cells."""
    spans = spans_of(words)
    return len(spans) == 1 and any(w.start < start < w.end for w in words for start in starts)


def _gutter(lines: list[list[Word]], low: int, high: int) -> int:
    """Where a column begins, between low and its header's start (high): cutting the fewest words, then
    where the most lines start a run of text (a left edge), then blank before it on the most lines, then the
    rightmost (`pdftotext` places words a character or two off)."""
    def cut(position: int) -> int:
        return sum(1 for words in lines for w in words if w.start < position < w.end)

    def blank(position: int) -> int:
        return sum(1 for words in lines if not any(w.start <= position - 1 < w.end for w in words))

    def opened(position: int) -> int:
        return sum(1 for words in lines if any(span.start == position for span in spans_of(words)))

    return min(range(low, high + 1), key=lambda p: (cut(p), -(opened(p) + blank(p)), -p))


def make_grid(header: list[Span], wraps: list[list[Word]], body: list[list[Word]]) -> Grid:
    """Column starts from the header and its continuation lines, bounds from the gutters of the body."""
    starts = [cell.start for cell in header]
    for words in wraps:
        for span in spans_of(words):
            if all(abs(span.start - start) > 1 for start in starts) and span.start > starts[0]:
                starts.append(span.start)
    starts.sort()
    bounds = []
    for index in range(1, len(starts)):
        # header words end before the column (a group's header running over it aside)
        left = max((w.end for words in wraps + [[w for c in header for w in c.words]]
                    for w in words if w.end < starts[index] and w.start >= starts[index - 1] - 1),
                   default=starts[index - 1] + 1)
        low = min(left + 1, starts[index])
        bounds.append(_gutter(body, low, starts[index]))
    grid = Grid(starts=starts, bounds=bounds)
    for cell in header:  # a header cell spans the columns that start under it (`Отговорни институции`)
        col = grid.column(cell.start)
        following = next((c.start for c in header if c.start > cell.start), None)
        under = [grid.column(s) for s in starts if s > cell.start and (following is None or s < following)]
        grid.header.append((col, max(under, default=col) - col + 1, [cell.text]))
    for words in wraps:
        for span in spans_of(words):
            col = grid.column(span.start)
            owner = next((h for h in grid.header if h[0] <= col < h[0] + h[1]), None)
            if owner is not None and owner[1] == 1:
                owner[2].append(span.text)
            else:
                grid.subheader.setdefault(col, []).append(span.text)
    return grid


@dataclass
class Found:
    """A table read from layout text: its block and what was set aside, by source line index."""

    first: int
    last: int
    table: Table
    artefacts: list[tuple[int, Artefact]]


@dataclass
class _Row:
    lines: list[tuple[int, list[Word]]] = field(default_factory=list)
    across: bool = False
    header: bool = False


def _starts_row(words: list[Word], grid: Grid) -> bool:
    """True when an item number opens one of the first columns on the line."""
    for span in spans_of(words):
        if grid.column(span.start) < NUMBERED_COLUMNS and ROW_NUMBER.match(span.words[0].text):
            return True
    return any(grid.column(w.start) < NUMBERED_COLUMNS and ROW_NUMBER.match(w.text)
               and (i == 0 or w.start in grid.bounds or w.start - 1 in grid.bounds)
               for i, w in enumerate(words))


def _word_boxes(words: list[Word], line_index: int) -> list[dict]:
    """Words as the PDF reader's word boxes, one character wide per character, one line high."""
    return [{"text": w.text, "x0": float(w.start), "x1": float(w.end), "top": float(line_index),
             "bottom": float(line_index) + 1} for w in words]


def carry_up(rows: list[list[Cell]], columns: set[int]) -> list[list[Cell]]:
    """Text running on in lower case in a goal column, under a row begun by another column's number, moved
    up to the cell it continues: the goal's cell spans those rows (as a merged cell of the PDF does)."""
    above: dict[int, int] = {}
    result = [list(row) for row in rows]
    for index, row in enumerate(result):
        for position, cell in enumerate(row):
            if cell.col_span > 1 or cell.col not in columns or not cell.text:
                continue
            target = above.get(cell.col)
            if target is not None and cell.text[:1].islower() and not ROW_NUMBER.match(cell.text.split()[0]):
                upper_row = result[target]
                at = next(i for i, c in enumerate(upper_row) if c.col == cell.col)
                upper = upper_row[at]
                upper_row[at] = upper.model_copy(update={"text": f"{upper.text} {cell.text}",
                                                         "raw": f"{upper.raw}\n{cell.raw}"})
                row[position] = cell.model_copy(update={"text": "", "raw": ""})
            else:
                above[cell.col] = index
        if any(cell.col_span > 1 for cell in row):
            above.clear()
    return result


class TableReader:
    """Finds and reads the space-aligned tables of one file's lines."""

    def __init__(self, lines: list[str], pages: list[int], furniture: set[int]):
        self.lines = lines
        self.pages = pages
        self.furniture = furniture
        self.words = [words_of(line) if "\t" not in line else [] for line in lines]
        # word forms printed whole, per run of text (a cell's line): a word hyphenated at a cell's end is not one
        self.known = vocabulary([Line(text=span.text, x0=0, x1=0, top=0, bottom=0, page=1, first_word_width=0)
                                 for words in self.words for span in spans_of(words)])

    @cached_property
    def dictionary(self) -> Container[str]:
        """The language's word forms, as the PDF reader uses them to rejoin words broken at a line end."""
        return ocr_dictionary()

    def _skippable(self, index: int) -> str | None:
        text = self.lines[index].strip()
        if index in self.furniture:
            return "running-header"
        if PAGE_NUMBER.match(text):
            return "page-number"
        if SIGNATURE.search(text):
            return "signature"
        return None

    def _header_block(self, index: int, cells: list[Span], wraps: list[str] | None = None) -> int:
        """The index after the header row and the lines continuing it; for a header printed again on a
        later page, the lines continuing it are those that continued it the first time (`wraps`)."""
        end = index + 1
        seen = list(cells)
        while end < len(self.lines) and end - index < MAX_HEADER_LINES and self.words[end]:
            if wraps is not None:
                if end - index > len(wraps) or " ".join(self.lines[end].split()) != wraps[end - index - 1]:
                    break
            elif not _header_line(self.words[end], sorted(seen, key=lambda cell: cell.start)):
                break
            seen += [span for span in spans_of(self.words[end])
                     if all(abs(span.start - cell.start) > 1 for cell in seen)]
            end += 1
        return end

    def _body_extent(self, start: int) -> int:
        end = start
        while end < len(self.lines) and header_cells(self.lines[end]) is None:
            end += 1
        return end

    def find(self) -> list[Found]:
        found: list[Found] = []
        index = 0
        while index < len(self.lines):
            cells = header_cells(self.lines[index]) if self.words[index] else None
            if cells is None:
                index += 1
                continue
            result = self.read_table(index, cells, len(found))
            if result is None:
                index += 1
                continue
            found.append(result)
            index = result.last + 1
        return found

    def _grid_at(self, index: int, cells: list[Span], wraps: list[str] | None = None) -> tuple[Grid, int]:
        body_start = self._header_block(index, cells, wraps)
        starts = [cell.start for cell in cells]
        sample = [self.words[i] for i in range(body_start, min(self._body_extent(body_start), len(self.lines)))
                  if self.words[i] and self._skippable(i) is None and not _heading(self.words[i], starts)]
        wraps = [self.words[i] for i in range(index + 1, body_start)]
        return make_grid(cells, wraps, sample), body_start

    def read_table(self, index: int, cells: list[Span], table_index: int) -> Found | None:
        grid, position = self._grid_at(index, cells)
        wraps = [" ".join(self.lines[i].split()) for i in range(index + 1, position)]
        roles = header_roles([c.text for c in cells])
        rows: list[_Row] = [_Row(lines=[(i, self.words[i]) for i in range(index, position)], header=True)]
        grids = {position: grid}  # the grid in force from a line on
        grid_page = self.pages[index]
        artefacts: list[tuple[int, Artefact]] = []
        last = position - 1
        blank = False
        while position < len(self.lines):
            words = self.words[position]
            if not words:
                if "\t" in self.lines[position]:
                    break
                blank = True
                position += 1
                continue
            reason = self._skippable(position)
            if reason:
                artefacts.append((position, Artefact(reason=reason, raw=self.lines[position],
                                                     origin=Origin(page=self.pages[position], line=position + 1))))
                position += 1
                blank = False  # the space before a page's foot parts no rows
                continue
            repeated = header_cells(self.lines[position])
            if repeated is None and self.pages[position] != grid_page:
                grid = self._regrid(position, grid)  # a page without the header again: its own column starts
                grids[position], grid_page = grid, self.pages[position]
            if repeated is not None:
                if header_roles([c.text for c in repeated]) != roles:
                    break
                grid, after = self._grid_at(position, repeated, wraps)
                grids[after], grid_page = grid, self.pages[position]
                for i in range(position, after):
                    artefacts.append((i, Artefact(reason="running-header", raw=self.lines[i],
                                                  origin=Origin(page=self.pages[i], line=i + 1))))
                position = after
                blank = False
                continue
            if (rows[-1].across and not blank and not _starts_row(words, grid) and len(spans_of(words)) == 1
                    and grid.column(words[0].start) == 0
                    and role_of_header(" ".join(w.text for w in words[:3])) not in ("area", "goal")):
                rows[-1].lines.append((position, words))  # a heading over two lines or more
            elif grid.crosses(words) or words[0].start < grid.starts[0] - 1:
                if not self._rows_follow(position + 1, grid):
                    break
                rows.append(_Row(lines=[(position, words)], across=True))
            elif blank or rows[-1].across or rows[-1].header or _starts_row(words, grid):
                if blank and not _starts_row(words, grid) and not self._rows_follow(position, grid):
                    break
                rows.append(_Row(lines=[(position, words)]))
            else:
                rows[-1].lines.append((position, words))
            blank = False
            last = position
            position += 1
        if len(rows) < 2:
            return None
        artefacts = [(i, a) for i, a in artefacts if i <= last]
        return Found(first=index, last=last, table=self._table(rows, grids, table_index), artefacts=artefacts)

    def _regrid(self, start: int, grid: Grid) -> Grid:
        """The grid of a page continuing a table without its header: as many columns, parted by the stripes
        blank on every line of the page's table that most lines open a run of text after (a column's edge)."""
        page = self.pages[start]
        end = start
        while end < len(self.lines) and self.pages[end] == page and header_cells(self.lines[end]) is None:
            end += 1
        lines = [self.words[i] for i in range(start, end) if self.words[i] and self._skippable(i) is None]
        lines = [words for words in lines if not _heading(words, grid.starts)]
        if not lines:
            return grid
        right = max(words[-1].end for words in lines)
        counts = [0] * right
        for words in lines:
            for word in words:
                for position in range(word.start, word.end):
                    counts[position] += 1
        # blank but on a line or two: a cell's text overflows a gutter where `pdftotext` rounds its place
        covered = [count > max(1, len(lines) // 20) for count in counts]
        stripes: list[tuple[int, int]] = []  # (first blank position, width) between text
        position = min(words[0].start for words in lines)
        while position < right:
            if covered[position]:
                position += 1
                continue
            end = position
            while end < right and not covered[end]:
                end += 1
            stripes.append((position, end - position))
            position = end
        if len(stripes) < grid.width - 1:
            return grid
        def opened(stripe: tuple[int, int]) -> int:
            """Lines with a run of text starting where the stripe ends: a column's left edge."""
            edge = stripe[0] + stripe[1]
            return sum(1 for words in lines if any(edge <= span.start <= edge + 1 for span in spans_of(words)))

        chosen = sorted(sorted(stripes, key=lambda stripe: (-opened(stripe), -stripe[1]))[:grid.width - 1])
        bounds = [first + width for first, width in chosen]
        starts = [min(words[0].start for words in lines), *bounds]
        return Grid(starts=starts, bounds=bounds, header=grid.header, subheader=grid.subheader)

    def _rows_follow(self, start: int, grid: Grid) -> bool:
        """True when a numbered row comes next (furniture and other full-width lines skipped)."""
        for position in range(start, min(start + 6, len(self.lines))):
            words = self.words[position]
            if not words or self._skippable(position):
                continue
            if header_cells(self.lines[position]) is not None:
                return False
            if grid.crosses(words) or len(spans_of(words)) == 1 and grid.column(words[0].start) == 0:
                if _starts_row(words, grid):
                    return True
                continue  # a heading, perhaps over several lines
            return _starts_row(words, grid)
        return False

    def _table(self, rows: list[_Row], grids: dict[int, Grid], table_index: int) -> Table:
        grid = grids[min(grids)]
        widths = self._widths(rows, grids)
        out: list[list[Cell]] = []
        for number, row in enumerate(rows):
            first_line = row.lines[0][0]
            origin = Origin(page=self.pages[first_line], line=first_line + 1)
            if row.header:
                out.append(self._header_cells(row, grid, len(out), origin))
                if grid.subheader:
                    out.append([Cell(row=len(out), col=col, text=normalise_space(" ".join(texts)),
                                     raw="\n".join(texts), origin=origin)
                                for col, texts in sorted(grid.subheader.items())])
                continue
            if row.across:
                lines = [words_to_lines(_word_boxes(words, i), self.pages[i])[0] for i, words in row.lines]
                raw = "\n".join(line.text for line in lines)
                text = join_lines(lines, None, 1.0, self.known, self.dictionary)
                out.append([Cell(row=len(out), col=0, text=normalise_space(text), raw=raw,
                                 col_span=grid.width, origin=origin)])
                continue
            parts: list[list[list[dict]]] = [[] for _ in range(grid.width)]
            for line_index, words in row.lines:
                row_grid = grids[max(k for k in grids if k <= line_index)]
                for col in range(grid.width):
                    chosen = [w for w in words if min(row_grid.column(w.start), grid.width - 1) == col]
                    if chosen:
                        parts[col].append(_word_boxes(chosen, line_index))
            cells = []
            for col in range(grid.width):
                lines = [words_to_lines(group, self.pages[int(group[0]["top"])])[0] for group in parts[col]]
                raw = "\n".join(line.text for line in lines)
                text = join_lines(lines, widths[col] - WRAP_SLACK, 1.0, self.known, self.dictionary) if lines else ""
                cells.append(Cell(row=len(out), col=col, text=normalise_space(text), raw=raw, origin=origin))
            out.append(cells)
        goal_columns = {col for col, _, texts in grid.header if role_of_header(" ".join(texts)) in ("goal", "area")}
        out = carry_up(out, goal_columns)
        return Table(index=table_index, rows=out, origin=Origin(page=self.pages[rows[0].lines[0][0]],
                                                                line=rows[0].lines[0][0] + 1))

    def _header_cells(self, row: _Row, grid: Grid, row_index: int, origin: Origin) -> list[Cell]:
        return [Cell(row=row_index, col=col, text=normalise_space(" ".join(texts)), raw="\n".join(texts),
                     col_span=span, origin=origin) for col, span, texts in grid.header]

    def _widths(self, rows: list[_Row], grids: dict[int, Grid]) -> list[float]:
        """Per column, the widest its text runs on any line: the width the text may fill."""
        width = grids[min(grids)].width
        widths = [1.0] * width
        for number, row in enumerate(rows):
            if row.header or row.across:
                continue
            for line_index, words in row.lines:
                row_grid = grids[max(k for k in grids if k <= line_index)]
                for col in range(width):
                    chosen = [w for w in words if min(row_grid.column(w.start), width - 1) == col]
                    if chosen:
                        widths[col] = max(widths[col], float(chosen[-1].end - chosen[0].start))
        return widths


def running_headers(lines: list[str], page_starts: list[int]) -> set[int]:
    """Indices of lines among the first of a page that open other pages too: running headers.

    A table's header row printed again on each page is not one: it sets the columns of that page.
    """
    tops: dict[str, set[int]] = {}
    where: dict[str, list[int]] = {}
    for page, start in enumerate(page_starts):
        filled = [i for i in range(start, min(start + 6, len(lines))) if lines[i].strip()][:RUNNING_LINES]
        for index in filled:
            key = " ".join(lines[index].split())
            tops.setdefault(key, set()).add(page)
            where.setdefault(key, []).append(index)
    return {index for key, pages in tops.items() if len(pages) > 1 and header_cells(lines[where[key][0]]) is None
            for index in where[key]}


def layout_tables(lines: list[str], pages: list[int], page_starts: list[int]) -> tuple[list[Found], set[int]]:
    """The space-aligned tables among a file's lines, and the lines that are running headers."""
    if not any(header_cells(line) for line in lines):
        return [], set()  # no header row: no table to read (most converted text has tab rows instead)
    furniture = running_headers(lines, page_starts) if len(page_starts) > 1 else set()
    return TableReader(lines, pages, furniture).find(), furniture
