"""Reader for Word .docx: paragraphs and tables in body order, merged cells as spans.

Word stores a horizontal merge as one `w:tc` with `w:gridSpan` and a vertical merge as a
`w:vMerge="restart"` cell followed by `w:vMerge` (continue) cells in the rows below. We emit one
cell per merge: its top-left place with `col_span`/`row_span`, and nothing for the continued
places, so a goal cell merged down over its activities is read once and the rows below leave the
goal column empty ("the goal goes on"). A .docx has no pages, so origins carry no page number;
table index and row come from the table's place in the body.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import regex as re

from ..errors import InputError
from ..model.layout import Artefact, Cell, LayoutDocument, Paragraph, Table
from ..settings import Settings
from .markup import normalise_space
from .source import describe_source

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
HEADING_STYLE = re.compile(r"^(?:heading|заглавие)\s*(\d)$", re.I)
# Inline containers whose runs belong to the paragraph's text (hyperlinks, tracked insertions, fields…).
RUN_CONTAINERS = frozenset(
    W + name for name in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "sdt", "sdtContent", "moveTo")
)


def check_container(path: Path, data: bytes, max_uncompressed: int) -> None:
    """Refuse zip bombs and XML with DOCTYPE/ENTITY declarations before any XML parser sees the file."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
            total = sum(member.file_size for member in members)
            if total > max_uncompressed:
                raise InputError(path, f"unpacks to {total} bytes, over the limit of {max_uncompressed}")
            for member in members:
                if member.filename.endswith((".xml", ".rels")) and XML_DECLARATION.search(archive.read(member)):
                    raise InputError(path, f"{member.filename} declares a DOCTYPE or ENTITY (refused)")
    except zipfile.BadZipFile as exc:
        raise InputError(path, f"damaged zip container ({exc})") from None


def run_text(run) -> str:
    """Text of one `w:r`: text, tabs, line breaks and non-breaking hyphens as Word shows them."""
    parts = []
    for child in run:
        tag = child.tag
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def paragraph_text(p) -> str:
    """Text of one `w:p`, including runs inside hyperlinks, insertions and content controls, never deletions."""
    parts: list[str] = []

    def walk(node) -> None:
        for child in node:
            if child.tag == W + "r":
                parts.append(run_text(child))
            elif child.tag in RUN_CONTAINERS:
                walk(child)

    walk(p)
    return "".join(parts)


def heading_style(p, style_names: dict[str, str]) -> str | None:
    """`heading N` or `title` for paragraphs in a heading style or with an outline level, else None."""
    p_pr = p.find(W + "pPr")
    if p_pr is None:
        return None
    style = p_pr.find(W + "pStyle")
    name = style_names.get(style.get(W + "val"), style.get(W + "val")) if style is not None else ""
    match = HEADING_STYLE.match(name.strip())
    if match:
        return f"heading {match.group(1)}"
    if name.strip().lower() in ("title", "заглавие"):
        return "title"
    outline = p_pr.find(W + "outlineLvl")
    if outline is not None and (outline.get(W + "val") or "").isdigit() and int(outline.get(W + "val")) < 9:
        return f"heading {int(outline.get(W + 'val')) + 1}"
    return None


def cell_text(tc) -> str:
    """Text of one `w:tc`: its paragraphs one per line, nested tables' cells one per line in body order."""
    lines: list[str] = []
    for child in tc:
        if child.tag == W + "p":
            lines.append(paragraph_text(child))
        elif child.tag == W + "tbl":
            for row in child.iter(W + "tr"):
                for nested in row.findall(W + "tc"):
                    text = cell_text(nested)
                    if text.strip():
                        lines.append(text)
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent")
            lines.append(cell_text(content if content is not None else child))
    return "\n".join(lines)


def _int_val(element, name: str, default: int) -> int:
    node = element.find(name) if element is not None else None
    value = node.get(W + "val") if node is not None else None
    return int(value) if value is not None and value.isdigit() else default


def _is_header_row(tr) -> bool:
    tr_pr = tr.find(W + "trPr")
    flag = tr_pr.find(W + "tblHeader") if tr_pr is not None else None
    return flag is not None and flag.get(W + "val", "true") not in ("0", "false", "off")


@dataclass
class _OpenCell:
    """A cell being built: vertical merges extend it while the rows below continue it."""

    row: int
    col: int
    col_span: int
    raw: str
    header: bool
    row_span: int = 1


@dataclass
class _Grid:
    cells: list[list[_OpenCell]] = field(default_factory=list)
    by_col: dict[int, _OpenCell] = field(default_factory=dict)  # the cell a vMerge continues, by grid column


def read_table(tbl, index: int) -> Table:
    """One `w:tbl` as a layout table: one cell per merged region, placed on the table grid."""
    grid = _Grid()
    for row_index, tr in enumerate(tbl.findall(W + "tr")):
        tr_pr = tr.find(W + "trPr")
        col = _int_val(tr_pr, W + "gridBefore", 0)
        header = _is_header_row(tr)
        row: list[_OpenCell] = []
        for tc in _row_cells(tr):
            tc_pr = tc.find(W + "tcPr")
            span = max(1, _int_val(tc_pr, W + "gridSpan", 1))
            v_merge = tc_pr.find(W + "vMerge") if tc_pr is not None else None
            text = cell_text(tc)
            above = grid.by_col.get(col)
            if v_merge is not None and v_merge.get(W + "val", "continue") == "continue" and above is not None:
                above.row_span = row_index - above.row + 1
                if text.strip():  # Word hides it, but never lose text
                    above.raw = f"{above.raw}\n{text}"
            else:
                cell = _OpenCell(row=row_index, col=col, col_span=span, raw=text, header=header)
                row.append(cell)
                for covered in range(col, col + span):
                    grid.by_col[covered] = cell
            col += span
        grid.cells.append(row)
    rows = [
        [
            Cell(row=c.row, col=c.col, text=normalise_space(c.raw), raw=c.raw, row_span=c.row_span,
                 col_span=c.col_span, header=c.header)
            for c in row
        ]
        for row in grid.cells
    ]
    return Table(index=index, rows=rows)


def _row_cells(tr):
    """The `w:tc` of a row, looking through content controls and custom XML wrapping cells."""
    for child in tr:
        if child.tag == W + "tc":
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent")
            yield from _row_cells(content if content is not None else child)


def body_blocks(body, style_names: dict[str, str]) -> list:
    """Paragraphs and tables of the document body in order; empty paragraphs skipped."""
    blocks: list = []

    def walk(node) -> None:
        for child in node:
            if child.tag == W + "p":
                raw = paragraph_text(child)
                text = normalise_space(raw)
                if text:
                    blocks.append(Paragraph(text=text, raw=raw, style=heading_style(child, style_names)))
            elif child.tag == W + "tbl":
                blocks.append(read_table(child, sum(1 for b in blocks if isinstance(b, Table))))
            elif child.tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent")
                walk(content if content is not None else child)

    walk(body)
    return blocks


def header_footer_artefacts(document) -> list[Artefact]:
    """Text of the section headers and footers (page furniture), each distinct text once."""
    seen: dict[str, None] = {}
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if part.is_linked_to_previous:
                continue
            text = "\n".join(p.text for p in part.paragraphs if p.text.strip())
            if text:
                seen.setdefault(text, None)
    return [Artefact(reason="running-header", raw=text) for text in seen]


def read_docx(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    """Read a .docx file into a layout document."""
    import docx
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    check_container(path, data, settings.limits.max_uncompressed_bytes)
    try:
        document = docx.Document(BytesIO(data))
        style_names = {style.style_id: style.name or "" for style in document.styles}
        blocks = body_blocks(document.element.body, style_names)
        artefacts = header_footer_artefacts(document)
    except (KeyError, ValueError, OpcError, LxmlError, zipfile.BadZipFile) as exc:
        raise InputError(path, f"damaged Word document ({type(exc).__name__}: {exc})") from None
    if not blocks:
        raise InputError(path, "no text found")
    return LayoutDocument(source=describe_source(path, data, "docx"), blocks=blocks, artefacts=artefacts)
