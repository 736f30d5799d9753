"""Reader for PDFs with a text layer: ruled tables stitched across pages, body text in reading order.

pdfplumber finds each page's tables from their ruling lines and gives every word its box. From
there the steps are small and separate:

1. each word goes to the table cell that holds it, or to the page's free lines;
2. free lines that are page furniture (page numbers, running headers and footers repeated on the
   pages, the e-signature note) are set aside as artefacts;
3. a table that ends a page and one that opens the next page with the same outer edges are one
   table; its header rows, printed again on the next page, are set aside;
4. the lines of a cell (or of a paragraph) are joined: a line that was wrapped because the next
   word did not fit joins with a space, a line that ended early ends a paragraph (`\\n`), and a
   word hyphenated at the line end is rejoined when the document elsewhere spells it whole.

A row cut by a page break stays as two rows; the recogniser merges the continuation (its numbered
cells are empty). Cells carry their page and bounding box as origin.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from statistics import median

import regex as re

from ..errors import InputError
from ..model.layout import Artefact, BBox, Cell, LayoutDocument, Origin, Paragraph, Table
from ..settings import Settings
from .lines import PAGE_NUMBER, SIGNATURE, Line, join_lines, ocr_dictionary, space_width, vocabulary, words_to_lines
from .markup import normalise_space
from .pdf_columns import unruled_tables
from .source import describe_source
from .ocr import has_usable_text
from .ocr_repair import (
    HEADING_NUMBER, NUMBER_ALONE, Heading, repair_cell_text, repair_heading_numbers, repair_letter_sequence,
    repair_number_sequence,
)

BULLET = re.compile(r"^\s*[-–—•▪●◦·*]\s")
MARGIN_BAND = 0.12  # share of the page height at the top and bottom where furniture lives…
MARGIN_BAND_MIN = 72.0  # …but at least an inch, for small pages
EDGE_TOLERANCE = 3.0  # points: table edges this close are the same edge



# -- geometry ----------------------------------------------------------------------------------
@dataclass
class PdfCell:
    """A cell rectangle of a table on one page and the lines printed in it."""

    bbox: BBox
    page: int
    lines: list[Line] = field(default_factory=list)
    confidence: float | None = None  # OCR's, for scanned pages

    @property
    def raw(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def inner_width(self) -> float:
        """The width text may fill: the cell less the padding seen on its left, assumed on both sides."""
        x0, _, x1, _ = self.bbox
        padding = min((line.x0 - x0 for line in self.lines), default=0.0)
        return x1 - x0 - 2 * max(padding, 0.0)


@dataclass
class TablePiece:
    """The part of a table printed on one page."""

    page: int
    bbox: BBox
    cells: list[PdfCell]

    def rows(self) -> list[list[PdfCell]]:
        """Cells grouped by their top edge, each row left to right."""
        tops = cluster([cell.bbox[1] for cell in self.cells])
        rows: list[list[PdfCell]] = [[] for _ in tops]
        for cell in self.cells:
            rows[nearest(tops, cell.bbox[1])].append(cell)
        return [sorted(row, key=lambda cell: cell.bbox[0]) for row in rows]


@dataclass
class Page:
    """What one page holds: table pieces and free lines, both in top-to-bottom order."""

    number: int
    width: float
    height: float
    pieces: list[TablePiece]
    lines: list[Line]


def cluster(values: list[float], tolerance: float = EDGE_TOLERANCE) -> list[float]:
    """Distinct positions among values, those closer than the tolerance taken as one."""
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > tolerance:
            result.append(value)
    return result


def nearest(positions: list[float], value: float) -> int:
    return min(range(len(positions)), key=lambda i: abs(positions[i] - value))


def _inside(bbox: BBox, x: float, y: float) -> bool:
    return bbox[0] - 1 <= x <= bbox[2] + 1 and bbox[1] - 1 <= y <= bbox[3] + 1


def read_page(page, number: int) -> Page:
    """One pdfplumber page as table pieces (words placed in cells) and free lines."""
    tables = [[tuple(cell) for cell in table.cells] for table in page.find_tables()]
    words = page.extract_words()
    if not tables:
        tables = unruled_tables(words, float(page.width))
    return page_from_words(number, float(page.width), float(page.height), tables, words)


def page_from_words(number: int, width: float, height: float, tables: list[list[BBox]], words: list[dict]) -> Page:
    """A page from its words (pdfplumber's shape, or OCR's with a `confidence`) and its tables' cell boxes."""
    pieces = [
        TablePiece(page=number, bbox=(min(c[0] for c in cells), min(c[1] for c in cells),
                                      max(c[2] for c in cells), max(c[3] for c in cells)),
                   cells=[PdfCell(bbox=cell, page=number) for cell in cells])
        for cells in tables if cells
    ]
    by_cell: dict[int, list[dict]] = {}
    cells = [cell for piece in pieces for cell in piece.cells]
    free: list[dict] = []
    for word in words:
        x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        home = next((i for i, cell in enumerate(cells) if _inside(cell.bbox, x, y)), None)
        if home is None:
            free.append(word)
        else:
            by_cell.setdefault(home, []).append(word)
    for index, words in by_cell.items():
        cells[index].lines = words_to_lines(words, number)
        scores = [(w["confidence"], len(w["text"])) for w in words if w.get("confidence") is not None]
        if scores:
            cells[index].confidence = round(sum(c * n for c, n in scores) / sum(n for _, n in scores), 3)
    pieces.sort(key=lambda piece: piece.bbox[1])
    return Page(number=number, width=width, height=height, pieces=pieces, lines=words_to_lines(free, number))


# -- page furniture ----------------------------------------------------------------------------
def _in_margin(line: Line, page: Page) -> bool:
    band = max(page.height * MARGIN_BAND, MARGIN_BAND_MIN)
    return line.bottom <= band or line.top >= page.height - band


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def set_aside_furniture(pages: list[Page]) -> list[Artefact]:
    """Remove page numbers, running headers/footers and the e-signature note from the pages' free lines."""
    repeats = Counter(
        key for page in pages for key in {_furniture_key(line.text) for line in page.lines if _in_margin(line, page)}
    )
    needed = max(2, (len(pages) + 1) // 2)
    artefacts: list[Artefact] = []
    for page in pages:
        kept = []
        for line in page.lines:
            origin = Origin(page=page.number, bbox=line.bbox)
            margin = _in_margin(line, page)
            if margin and PAGE_NUMBER.match(line.text):
                artefacts.append(Artefact(reason="page-number", raw=line.text, origin=origin))
            elif SIGNATURE.search(line.text):
                artefacts.append(Artefact(reason="signature", raw=line.text, origin=origin))
            elif margin and repeats[_furniture_key(line.text)] >= needed:
                artefacts.append(Artefact(reason="running-header", raw=line.text, origin=origin))
            else:
                kept.append(line)
        page.lines = kept
    return artefacts


# -- body order and stitching ------------------------------------------------------------------
def body_items(pages: list[Page]) -> list[Line | list[TablePiece]]:
    """Free lines and tables in reading order; a table continuing on the next page is one item."""
    items: list[Line | list[TablePiece]] = []
    for page in pages:
        on_page: list[Line | TablePiece] = sorted([*page.lines, *page.pieces], key=lambda item: item.bbox[1])
        for position, item in enumerate(on_page):
            if isinstance(item, Line):
                items.append(item)
            elif position == 0 and items and isinstance(items[-1], list) and continues(items[-1][-1], item):
                items[-1].append(item)
            else:
                items.append([item])
    return items


def continues(previous: TablePiece, piece: TablePiece) -> bool:
    """True when a piece opening a page carries on the table that closed the page before it.

    Both have the same left and right edges, or the same column starts: a table without ruling
    lines ends where its widest text does, which differs from page to page.
    """
    return (
        piece.page == previous.page + 1
        and abs(piece.bbox[0] - previous.bbox[0]) <= EDGE_TOLERANCE
        and (abs(piece.bbox[2] - previous.bbox[2]) <= EDGE_TOLERANCE or _same_column_starts(previous, piece))
    )


def _same_column_starts(a: TablePiece, b: TablePiece) -> bool:
    starts_a, starts_b = (cluster([cell.bbox[0] for cell in piece.cells]) for piece in (a, b))
    return len(starts_a) == len(starts_b) and all(abs(x - y) <= EDGE_TOLERANCE for x, y in zip(starts_a, starts_b))


def _row_key(row: list[PdfCell]) -> tuple[str, ...]:
    """A row's words, marks aside: a header printed again is the same row though OCR reads a speck as `>`."""
    return tuple(" ".join(re.sub(r"[^\p{L}\p{N}]+", " ", cell.raw).split()) for cell in row)


def drop_repeated_headers(pieces: list[TablePiece]) -> tuple[list[list[list[PdfCell]]], list[Artefact]]:
    """Each piece's rows, less the leading rows that repeat the table's first rows (a repeated header)."""
    first = pieces[0].rows()
    result = [first]
    artefacts = []
    for piece in pieces[1:]:
        rows = piece.rows()
        repeated = 0
        while (repeated < len(rows) - 1 and repeated < len(first)
               and _row_key(rows[repeated]) == _row_key(first[repeated]) and any(_row_key(rows[repeated]))):
            repeated += 1
        for row in rows[:repeated]:
            bbox = (row[0].bbox[0], row[0].bbox[1], row[-1].bbox[2], max(c.bbox[3] for c in row))
            artefacts.append(Artefact(reason="running-header", raw="\t".join(c.raw for c in row),
                                      origin=Origin(page=piece.page, bbox=bbox)))
        result.append(rows[repeated:])
    return result, artefacts


OCR_BOX_SLACK = 1.0
"""Points an OCR'd word's box, and the ruling lines around it, may be off by (a pixel or two at 200 dpi): a line of
a scanned cell that falls this short of filling it still fills it."""


# -- building the layout document --------------------------------------------------------------
@dataclass
class _Context:
    """What the whole document tells about its print: word forms, space and line size, page areas."""

    known: set[str]
    dictionary: Container[str] | None
    space: float
    line_height: float
    text_width: dict[int, float]
    body_bottom: dict[int, float]
    page_size: dict[int, tuple[int, int]] = field(default_factory=dict)


def _same_column(a: PdfCell, b: PdfCell) -> bool:
    return abs(a.bbox[0] - b.bbox[0]) <= EDGE_TOLERANCE and abs(a.bbox[2] - b.bbox[2]) <= EDGE_TOLERANCE


def is_cut_row(above: list[PdfCell], below: list[PdfCell], ctx: _Context) -> bool:
    """Layout evidence that `below`, opening a page, carries on `above`, closing the page before.

    Every filled cell below sits under a filled cell in the same column whose last line is full:
    the first word below would not have fitted on it, so the text runs on.
    """
    pairs = []
    for cell in below:
        if not cell.lines:
            continue
        match = next((a for a in above if _same_column(a, cell)), None)
        if match is None or not match.lines:
            return False
        pairs.append((match, cell))
    if not pairs:
        return False
    return all(
        "\n" not in join_lines([a.lines[-1], b.lines[0]], a.inner_width(), ctx.space, ctx.known) for a, b in pairs
    )


def merge_cut_row(above: list[PdfCell], below: list[PdfCell]) -> list[PdfCell]:
    """The row above with the lines of the row below appended cell by cell (empty cells below dropped); an OCR'd
    cell keeps the lower confidence of its two halves."""
    merged = []
    for cell in above:
        match = next((b for b in below if _same_column(cell, b)), None)
        lines = cell.lines + (match.lines if match else [])
        scores = [c.confidence for c in (cell, match) if c is not None and c.confidence is not None]
        merged.append(PdfCell(bbox=cell.bbox, page=cell.page, lines=lines, confidence=min(scores) if scores else None))
    return merged


def merge_cut_rows(pieces: list[TablePiece], piece_rows: list[list[list[PdfCell]]], ctx: _Context) -> None:
    """Rows cut by a page break merged back where the layout shows it: the page is full and the text runs on."""
    for index in range(1, len(pieces)):
        previous_rows = next((rows for rows in reversed(piece_rows[:index]) if rows), None)
        rows = piece_rows[index]
        if not previous_rows or not rows:
            continue
        previous = pieces[index - 1]
        room = ctx.body_bottom.get(previous.page, 0.0) - previous.bbox[3]
        if room < 2 * ctx.line_height and is_cut_row(previous_rows[-1], rows[0], ctx):
            previous_rows[-1] = merge_cut_row(previous_rows[-1], rows[0])
            del rows[0]


def build_table(pieces: list[TablePiece], index: int, ctx: _Context) -> tuple[Table, list[Artefact]]:
    """A stitched table: cells on one column grid, rows numbered across pages, repeated headers set aside."""
    piece_rows, artefacts = drop_repeated_headers(pieces)
    merge_cut_rows(pieces, piece_rows, ctx)
    columns = cluster([x for piece in pieces for cell in piece.cells for x in (cell.bbox[0], cell.bbox[2])])
    rows: list[list[Cell]] = []
    for piece, page_rows in zip(pieces, piece_rows):
        tops = cluster([cell.bbox[1] for row in page_rows for cell in row])
        offset = len(rows)
        for row in page_rows:
            cells = []
            for pdf_cell in row:
                x0, top, x1, bottom = pdf_cell.bbox
                col, end = nearest(columns, x0), nearest(columns, x1)
                row_index = offset + nearest(tops, top)
                span = sum(1 for t in tops if top - EDGE_TOLERANCE <= t < bottom - EDGE_TOLERANCE)
                raw = pdf_cell.raw
                scanned = pdf_cell.confidence is not None  # OCR'd
                slack = OCR_BOX_SLACK if scanned else 0.0
                joined = join_lines(pdf_cell.lines, pdf_cell.inner_width(), ctx.space, ctx.known, ctx.dictionary, slack)
                if scanned:
                    joined, repairs = repair_cell_text(joined)
                    artefacts += [Artefact(reason="ocr-repair", raw=f"{r.before} → {r.after}",
                                           origin=Origin(page=piece.page, bbox=pdf_cell.bbox)) for r in repairs]
                cells.append(Cell(row=row_index, col=col, text=normalise_space(joined), raw=raw,
                                  row_span=max(span, 1), col_span=max(end - col, 1),
                                  origin=Origin(page=piece.page, bbox=pdf_cell.bbox),
                                  confidence=pdf_cell.confidence))
            rows.append(cells)
    table = Table(index=index, rows=rows, origin=Origin(page=pieces[0].page, bbox=pieces[0].bbox))
    return table, artefacts


def split_paragraphs(lines: list[Line], ctx: _Context) -> list[list[Line]]:
    """Consecutive free lines grouped into paragraphs: a wide vertical gap or an early line end closes one.

    A page of another size (a landscape annex after portrait pages) starts a section, and a section
    break ends a paragraph in Word and in LibreOffice.
    """
    groups: list[list[Line]] = []
    for line in lines:
        if groups:
            previous = groups[-1][-1]
            same_page = previous.page == line.page
            if ctx.page_size.get(previous.page) != ctx.page_size.get(line.page):
                groups.append([line])
                continue
            height = previous.bottom - previous.top
            gap = line.top - previous.bottom if same_page else 0.0
            joined = join_lines([previous, line], ctx.text_width[previous.page], ctx.space, ctx.known)
            # a title in capitals ends before body text, not before the rest of itself (`– 2016 г.`)
            heading = _capitals_share(previous.text, 8) >= 0.9 and _capitals_share(line.text, 8) < 0.5
            if gap <= 0.6 * height and "\n" not in joined and not BULLET.match(line.text) and not heading:
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _capitals_share(text: str, least: int) -> float:
    """The share of a line's letters in capitals (a heading such as `ОБЩИНСКА ПРОГРАМА … 2025 г.` is near 1).

    A line with fewer than `least` letters gives NaN, which compares false either way.
    """
    letters = [char for char in text if char.isalpha()]
    return sum(char.isupper() for char in letters) / len(letters) if len(letters) >= least else float("nan")


def paragraph_of(lines: list[Line], ctx: _Context) -> Paragraph:
    text = join_lines(lines, None, ctx.space, ctx.known, ctx.dictionary) if len(lines) > 1 else lines[0].text
    first = [line for line in lines if line.page == lines[0].page]
    bbox = (min(l.x0 for l in first), first[0].top, max(l.x1 for l in first), first[-1].bottom)
    return Paragraph(text=normalise_space(text), raw="\n".join(line.text for line in lines),
                     origin=Origin(page=lines[0].page, bbox=bbox))


def text_widths(pages: list[Page]) -> dict[int, float]:
    """Per page, the width of the body area: the widest extent of text and tables on pages of its size."""
    extent: dict[tuple[int, int], tuple[float, float]] = {}
    for page in pages:
        boxes = [line.bbox for line in page.lines] + [piece.bbox for piece in page.pieces]
        size = (round(page.width), round(page.height))
        left, right = extent.get(size, (page.width, 0.0))
        extent[size] = (min([left, *(b[0] for b in boxes)]), max([right, *(b[2] for b in boxes)]))
    widths = {}
    for page in pages:
        left, right = extent[(round(page.width), round(page.height))]
        widths[page.number] = right - left if right > left else page.width
    return widths


def body_bottoms(pages: list[Page]) -> dict[int, float]:
    """Per page, the lowest body text or table edge seen on any page of the same size: where the body area ends."""
    lowest: dict[tuple[int, int], float] = {}
    for page in pages:
        bottoms = [line.bottom for line in page.lines] + [piece.bbox[3] for piece in page.pieces]
        size = (round(page.width), round(page.height))
        lowest[size] = max([lowest.get(size, 0.0), *bottoms])
    return {page.number: lowest[(round(page.width), round(page.height))] for page in pages}


def assemble(pages: list[Page], dictionary: Container[str] | None = None) -> tuple[list, list[Artefact]]:
    """Blocks in body order from pages whose furniture is already set aside (`dictionary` for OCR'd pages)."""
    items = body_items(pages)
    all_lines = [line for page in pages for line in page.lines]
    all_lines += [line for page in pages for piece in page.pieces for cell in piece.cells for line in cell.lines]
    text_width = text_widths(pages)
    ctx = _Context(known=vocabulary(all_lines), dictionary=dictionary, space=space_width(all_lines),
                   line_height=median([line.bottom - line.top for line in all_lines]),
                   text_width=text_width, body_bottom=body_bottoms(pages),
                   page_size={page.number: (round(page.width), round(page.height)) for page in pages})
    blocks: list = []
    artefacts: list[Artefact] = []
    run: list[Line] = []

    def flush() -> None:
        for group in split_paragraphs(run, ctx):
            blocks.append(paragraph_of(group, ctx))
        run.clear()

    for item in items:
        if isinstance(item, Line):
            run.append(item)
            continue
        flush()
        table, dropped = build_table(item, sum(1 for b in blocks if isinstance(b, Table)), ctx)
        blocks.append(table)
        artefacts.extend(dropped)
    flush()
    artefacts.extend(repair_scanned_numbers(blocks))
    return blocks, artefacts


# -- numbers OCR misread, put right from the table around them -------------------------------------
def _heading_of(row: list[Cell]) -> tuple[Heading, list[Cell]] | None:
    """The numbered heading a scanned row holds, and its cells (number cell first): one text `П. Title`, or a number
    cell `П.` before one title cell, every other cell empty."""
    filled = [cell for cell in row if cell.text.strip()]
    if not filled or any(cell.confidence is None for cell in filled):
        return None
    if len(filled) == 1 and (match := HEADING_NUMBER.match(filled[0].text)):
        return Heading(match["numeral"], match["title"], inline=True), filled
    if len(filled) == 2 and (match := NUMBER_ALONE.match(filled[0].text)) and filled[1].text[:1].isupper():
        return Heading(match["numeral"], filled[1].text, inline=False), filled
    return None


def _replace_cell(table: Table, old: Cell, text: str) -> Cell:
    """The table with `old` (found by identity) given a new text, its raw text kept; returns the new cell."""
    for row in table.rows:
        for k, cell in enumerate(row):
            if cell is old:
                row[k] = cell.model_copy(update={"text": text})
                return row[k]
    return old


def repair_scanned_numbers(blocks: list) -> list[Artefact]:
    """Numbers in scanned tables put right where the document shows them (`ocr_repair.repair_heading_numbers`,
    `repair_number_sequence`, `repair_letter_sequence`); each change an artefact. Cells read from a text layer are never touched."""
    tables = [block for block in blocks if isinstance(block, Table)]
    artefacts: list[Artefact] = []
    found = [(table, found) for table in tables for row in table.rows if (found := _heading_of(row))]
    fixes = repair_heading_numbers([heading for _, (heading, _) in found])
    for (table, (heading, cells)), (number, repairs) in zip(found, fixes):
        if not repairs:
            continue
        text = f"{number}.{cells[0].text[len(heading.numeral) + 1:]}"
        _replace_cell(table, cells[0], text)
        artefacts += [Artefact(reason="ocr-repair", raw=f"{r.before} → {r.after}", origin=cells[0].origin) for r in repairs]
    for table in tables:
        columns = sorted({cell.col for row in table.rows for cell in row})
        for col in columns:
            cells = [next((c for c in row if c.col == col and c.col_span == 1), None) for row in table.rows]
            texts = [c.text if c is not None and c.confidence is not None else None for c in cells]
            for repair in (repair_number_sequence, repair_letter_sequence):
                for index, fix in enumerate(repair(texts)):
                    if fix is not None:
                        cells[index], texts[index] = _replace_cell(table, cells[index], fix[0]), fix[0]
                        artefacts += [Artefact(reason="ocr-repair", raw=f"{r.before} → {r.after}",
                                               origin=cells[index].origin) for r in fix[1]]
    return artefacts


def open_pdf(path: Path, data: bytes):
    """The pdfplumber document, or an InputError for encrypted and damaged files."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        wrapped = [arg for arg in exc.args if isinstance(arg, BaseException)]  # pdfplumber wraps pdfminer's
        cause = exc.__cause__ or (wrapped[0] if wrapped else exc)
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(exc).lower():
            raise InputError(path, "encrypted PDF: it needs a password to be read") from None
        raise InputError(path, f"damaged PDF ({type(cause).__name__}: {cause})") from None


def read_pdf(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    """Read a PDF with a text layer into a layout document."""
    pdf = open_pdf(path, data)
    with pdf:
        try:
            count = len(pdf.pages)
            if count == 0:
                raise InputError(path, "PDF has no pages")
            if count > settings.limits.max_pages:
                raise InputError(path, f"PDF has {count} pages, over the limit of {settings.limits.max_pages}")
            pages = [read_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
        except InputError:
            raise
        except Exception as exc:  # a page pdfminer cannot parse
            raise InputError(path, f"damaged PDF ({type(exc).__name__}: {exc})") from None
    scanned = [page.number for page in pages if not has_usable_text(page_text(page))]
    repairs = ocr_scanned_pages(path, pages, scanned, settings) if scanned else []
    if not any(page.lines or page.pieces for page in pages):
        raise InputError(path, "PDF has no text, neither a text layer nor any that OCR could read")
    artefacts = set_aside_furniture(pages)
    blocks, dropped = assemble(pages, ocr_dictionary())
    fmt = "scan" if len(scanned) == count else "pdf"
    source = describe_source(path, data, fmt, pages=count)
    return LayoutDocument(source=source, blocks=blocks, artefacts=artefacts + dropped + repairs)


def page_text(page: Page) -> str:
    """All the text a page's text layer holds, free lines and cells."""
    cells = [line.text for piece in page.pieces for cell in piece.cells for line in cell.lines]
    return "\n".join([line.text for line in page.lines] + cells)


def ocr_scanned_pages(path: Path, pages: list[Page], numbers: list[int], settings: Settings) -> list[Artefact]:
    """Replace the pages without a usable text layer by their OCR; returns the OCR repairs made."""
    from .ocr import ocr_pages

    repairs: list[Artefact] = []
    for scan in ocr_pages(path, numbers, settings):
        pages[scan.number - 1] = page_from_words(scan.number, scan.width, scan.height, scan.tables, scan.words)
        repairs.extend(scan.artefacts)
    return repairs
