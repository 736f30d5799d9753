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
ROOT_START = re.compile(rb"<[A-Za-z_]")
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
                if member.filename.endswith((".xml", ".rels")) and XML_DECLARATION.search(_prolog(archive, member)):
                    raise InputError(path, f"{member.filename} declares a DOCTYPE or ENTITY (refused)")
    except zipfile.BadZipFile as exc:
        raise InputError(path, f"damaged zip container ({exc})") from None


def _prolog(archive: zipfile.ZipFile, member: zipfile.ZipInfo, chunk: int = 8192) -> bytes:
    """A part's bytes up to its root element: the only place XML allows a DOCTYPE (and its ENTITYs)."""
    head = b""
    with archive.open(member) as stream:
        while block := stream.read(chunk):
            head += block
            if ROOT_START.search(head):
                break
    return head


W_R, W_T, W_P, W_TBL, W_TR, W_TC = (W + name for name in ("r", "t", "p", "tbl", "tr", "tc"))
W_TCPR, W_TRPR, W_VMERGE, W_GRIDSPAN, W_VAL = (W + name for name in ("tcPr", "trPr", "vMerge", "gridSpan", "val"))
WRAPPERS = (W + "sdt", W + "customXml")
W_SDT_CONTENT = W + "sdtContent"
# What each text-bearing child of a `w:r` shows: text, tabs, line breaks, non-breaking hyphens.
RUN_MARKS = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
RUN_CONTENT = (W_T, *RUN_MARKS)


def _belongs_to(run, p) -> bool:
    """Whether a run is the paragraph's own, directly or through inline containers (not a text box's)."""
    parent = run.getparent()
    while parent is not p:
        if parent is None or parent.tag not in RUN_CONTAINERS:
            return False
        parent = parent.getparent()
    return True


def paragraph_text(p) -> str:
    """Text of one `w:p`, including runs inside hyperlinks, insertions and content controls, never deletions."""
    parts: list[str] = []
    for node in p.iter(*RUN_CONTENT):
        run = node.getparent()
        if run.tag == W_R and _belongs_to(run, p):
            parts.append((node.text or "") if node.tag == W_T else RUN_MARKS[node.tag])
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
        tag = child.tag
        if tag == W_P:
            lines.append(paragraph_text(child))
        elif tag == W_TBL:
            for row in child.iter(W_TR):
                for nested in row.findall(W_TC):
                    text = cell_text(nested)
                    if text.strip():
                        lines.append(text)
        elif tag in WRAPPERS:
            content = child.find(W_SDT_CONTENT)
            lines.append(cell_text(content if content is not None else child))
    return "\n".join(lines)


def _int_val(element, name: str, default: int) -> int:
    node = element.find(name) if element is not None else None
    value = node.get(W_VAL) if node is not None else None
    return int(value) if value is not None and value.isdigit() else default


def _is_header_row(tr) -> bool:
    tr_pr = tr.find(W_TRPR)
    flag = tr_pr.find(W + "tblHeader") if tr_pr is not None else None
    return flag is not None and flag.get(W_VAL, "true") not in ("0", "false", "off")


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
    for row_index, tr in enumerate(tbl.findall(W_TR)):
        tr_pr = tr.find(W_TRPR)
        col = _int_val(tr_pr, W + "gridBefore", 0)
        header = _is_header_row(tr)
        row: list[_OpenCell] = []
        for tc in _row_cells(tr):
            tc_pr = tc.find(W_TCPR)
            span = max(1, _int_val(tc_pr, W_GRIDSPAN, 1))
            v_merge = tc_pr.find(W_VMERGE) if tc_pr is not None else None
            text = cell_text(tc)
            above = grid.by_col.get(col)
            if v_merge is not None and v_merge.get(W_VAL, "continue") == "continue" and above is not None:
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
        if child.tag == W_TC:
            yield child
        elif child.tag in WRAPPERS:
            content = child.find(W_SDT_CONTENT)
            yield from _row_cells(content if content is not None else child)


def body_blocks(body, style_names: dict[str, str]) -> list:
    """Paragraphs and tables of the document body in order; empty paragraphs skipped."""
    blocks: list = []

    def walk(node) -> None:
        for child in node:
            if child.tag == W_P:
                raw = paragraph_text(child)
                text = normalise_space(raw)
                if text:
                    blocks.append(Paragraph(text=text, raw=raw, style=heading_style(child, style_names)))
            elif child.tag == W_TBL:
                blocks.append(read_table(child, sum(1 for b in blocks if isinstance(b, Table))))
            elif child.tag in WRAPPERS:
                content = child.find(W_SDT_CONTENT)
                walk(content if content is not None else child)

    walk(body)
    return blocks


def style_names_of(styles) -> dict[str, str]:
    """Style id → style name from the `w:styles` part (what a paragraph's `w:pStyle` refers to)."""
    names = {}
    for style in styles.iterchildren(W + "style"):
        name = style.find(W + "name")
        names[style.get(W + "styleId")] = (name.get(W_VAL) if name is not None else None) or ""
    return names


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
        style_names = style_names_of(document.styles.element)
        blocks = body_blocks(document.element.body, style_names)
        artefacts = header_footer_artefacts(document)
    except (KeyError, ValueError, OpcError, LxmlError, zipfile.BadZipFile) as exc:
        raise InputError(path, f"damaged Word document ({type(exc).__name__}: {exc})") from None
    if not blocks:
        raise InputError(path, "no text found")
    return LayoutDocument(source=describe_source(path, data, "docx"), blocks=blocks, artefacts=artefacts)
