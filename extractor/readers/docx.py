"""Reader for Word .docx: paragraphs and tables in body order, merged cells as spans.

Word stores a horizontal merge as one `w:tc` with `w:gridSpan` and a vertical merge as a
`w:vMerge="restart"` cell followed by `w:vMerge` (continue) cells in the rows below. We emit one
cell per merge: its top-left place with `col_span`/`row_span`, and nothing for the continued
places, so a goal cell merged down over its activities is read once and the rows below leave the
goal column empty ("the goal goes on"). A .docx has no pages, so origins carry no page number;
table index and row come from the table's place in the body. A table nested in a cell is read as
lines of that cell, except in a frame (a table of one cell a row around content), whose paragraphs
and tables are read as body. Text boxes follow the paragraph that anchors them.

The package is opened with python-docx's OPC reader (content types, relationships, part names),
and only the parts we read are parsed: the main document, its headers and footers, and its styles
part only as far as the styles its paragraphs name. Loading the whole `docx.Document` parsed every
part into python-docx's element classes: more than all the rest of our reading together.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from types import MappingProxyType

import regex as re
from lxml import etree

from ..errors import InputError
from ..model.layout import Artefact, LayoutDocument, Paragraph, Table
from ..settings import Settings
from .markup import normalise_space
from .source import describe_source

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# python-docx's own parser settings (blank text between elements dropped, entities never resolved), without
# its element classes: our walk reads plain elements, which lxml makes faster.
XML_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
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
W_TXBX = W + "txbxContent"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
NO_BOXES: Mapping = MappingProxyType({})
W_SDT_CONTENT = W + "sdtContent"
# What each text-bearing child of a `w:r` shows: text, tabs, line breaks, non-breaking hyphens.
RUN_MARKS = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
RUN_CONTENT = (W_T, *RUN_MARKS)


def _child(element, tag: str):
    """The first child with the tag, or None (a loop over the few children: lxml's `find` costs ~2 µs a call)."""
    if element is not None:
        for child in element:
            if child.tag == tag:
                return child
    return None


def paragraph_text(p) -> str:
    """Text of one `w:p`, including runs inside hyperlinks, insertions and content controls, never deletions."""
    parts: list[str] = []
    _run_texts(p, parts)
    return "".join(parts)


def _run_texts(node, parts: list[str]) -> None:
    """Texts of the runs directly in a paragraph or an inline container (not a text box's), in order."""
    for child in node:  # plain loops: a tag filter of several tags costs more than the children it skips
        tag = child.tag
        if tag == W_R:
            for mark in child:
                mark_tag = mark.tag
                if mark_tag == W_T:
                    parts.append(mark.text or "")
                elif mark_tag in RUN_MARKS:
                    parts.append(RUN_MARKS[mark_tag])
        elif tag in RUN_CONTAINERS:
            _run_texts(child, parts)


def text_boxes(root) -> dict:
    """The text boxes (`w:txbxContent`) under an element by the paragraph anchoring each, in order; not the
    VML copy Word keeps of a box for older readers (`mc:Fallback`). A box inside a box belongs to the
    paragraph of the outer box that anchors it."""
    boxes: dict = {}
    for box in root.iter(W_TXBX):
        parent = box.getparent()
        while parent is not None and parent.tag != W_P and parent.tag != MC_FALLBACK:
            parent = parent.getparent()
        if parent is not None and parent.tag == W_P:
            boxes.setdefault(parent, []).append(box)
    return boxes


def heading_style(p, style_names: dict[str, str]) -> str | None:
    """`heading N` or `title` for paragraphs in a heading style or with an outline level, else None."""
    p_pr = _child(p, W + "pPr")
    if p_pr is None:
        return None
    style = _child(p_pr, W + "pStyle")
    name = style_names.get(style.get(W + "val"), style.get(W + "val")) if style is not None else ""
    match = HEADING_STYLE.match(name.strip())
    if match:
        return f"heading {match.group(1)}"
    if name.strip().lower() in ("title", "заглавие"):
        return "title"
    outline = _child(p_pr, W + "outlineLvl")
    if outline is not None and (outline.get(W + "val") or "").isdigit() and int(outline.get(W + "val")) < 9:
        return f"heading {int(outline.get(W + 'val')) + 1}"
    return None


def cell_text(tc, boxes: Mapping = NO_BOXES) -> str:
    """Text of one `w:tc`: its paragraphs one per line, nested tables' cells one per line in body order."""
    lines: list[str] = []
    for child in tc:
        tag = child.tag
        if tag == W_P:
            lines.append(paragraph_text(child))
            lines.extend(cell_text(box, boxes) for box in boxes.get(child, ()))
        elif tag == W_TBL:
            for row in child.iter(W_TR):
                for nested in _row_cells(row):
                    text = cell_text(nested, boxes)
                    if text.strip():
                        lines.append(text)
        elif tag in WRAPPERS:
            content = _child(child, W_SDT_CONTENT)
            lines.append(cell_text(content if content is not None else child, boxes))
    return "\n".join(lines)


def _int_val(element, name: str, default: int) -> int:
    node = _child(element, name)
    value = node.get(W_VAL) if node is not None else None
    return int(value) if value is not None and value.isdigit() else default


def _is_header_row(tr_pr) -> bool:
    """Whether a row's properties (`w:trPr`) mark it a header row repeated on each page."""
    flag = _child(tr_pr, W + "tblHeader")
    return flag is not None and flag.get(W_VAL, "true") not in ("0", "false", "off")


def read_table(tbl, index: int, boxes: Mapping = NO_BOXES) -> Table:
    """One `w:tbl` as a layout table: one cell per merged region, placed on the table grid.

    Cells are built as the fields of `Cell` (a vertical merge extends the cell above while the rows
    below continue it) and the table is validated once: one pydantic call instead of one per cell.
    """
    rows: list[list[dict]] = []
    continued: dict[int, dict] = {}  # the cell a vMerge continues, by grid column
    for row_index, tr in enumerate(child for child in tbl if child.tag == W_TR):
        tr_pr = _child(tr, W_TRPR)
        col = _int_val(tr_pr, W + "gridBefore", 0)
        header = _is_header_row(tr_pr)
        row: list[dict] = []
        for tc in _row_cells(tr):
            tc_pr = _child(tc, W_TCPR)
            span = max(1, _int_val(tc_pr, W_GRIDSPAN, 1))
            v_merge = _child(tc_pr, W_VMERGE)
            text = cell_text(tc, boxes)
            above = continued.get(col)
            if v_merge is not None and v_merge.get(W_VAL, "continue") == "continue" and above is not None:
                above["row_span"] = row_index - above["row"] + 1
                if text.strip():  # Word hides it, but never lose text
                    above["raw"] = f"{above['raw']}\n{text}"
            else:
                cell = {"row": row_index, "col": col, "col_span": span, "raw": text, "header": header}
                row.append(cell)
                for covered in range(col, col + span):
                    continued[covered] = cell
            col += span
        rows.append(row)
    for row in rows:
        for cell in row:
            cell["text"] = normalise_space(cell["raw"])
    return Table.model_validate({"index": index, "rows": rows})


def _row_cells(tr):
    """The `w:tc` of a row, looking through content controls and custom XML wrapping cells."""
    for child in tr:
        if child.tag == W_TC:
            yield child
        elif child.tag in WRAPPERS:
            content = _child(child, W_SDT_CONTENT)
            yield from _row_cells(content if content is not None else child)


def is_frame(tbl) -> bool:
    """A table used as a frame around content: one cell a row, holding a table of its own (read as body)."""
    cells = [list(_row_cells(tr)) for tr in tbl if tr.tag == W_TR]
    return all(len(row) == 1 for row in cells) and any(_child(row[0], W_TBL) is not None for row in cells)


def body_blocks(body, style_names: dict[str, str]) -> list:
    """Paragraphs and tables of the document body in order; empty paragraphs skipped."""
    blocks: list = []
    boxes = text_boxes(body)

    def walk(node) -> None:
        for child in node:
            if child.tag == W_P:
                raw = paragraph_text(child)
                text = normalise_space(raw)
                if text:
                    blocks.append(Paragraph(text=text, raw=raw, style=heading_style(child, style_names)))
                for box in boxes.get(child, ()):
                    walk(box)
            elif child.tag == W_TBL and is_frame(child):
                for tc in (tc for tr in child if tr.tag == W_TR for tc in _row_cells(tr)):
                    walk(tc)
            elif child.tag == W_TBL:
                blocks.append(read_table(child, sum(1 for b in blocks if isinstance(b, Table)), boxes))
            elif child.tag in WRAPPERS:
                content = _child(child, W_SDT_CONTENT)
                walk(content if content is not None else child)

    walk(body)
    return blocks


def style_names_of(styles: bytes | None, wanted: set[str]) -> dict[str, str]:
    """Style id → style name for the ids a paragraph's `w:pStyle` refers to, read from the `w:styles` part.

    The part is parsed as a stream and left as soon as every wanted id is named: Word's styles part
    runs to hundreds of kilobytes of table styles no paragraph of ours refers to.
    """
    names: dict[str, str] = {}
    if not styles or not wanted:
        return names
    for _, style in etree.iterparse(BytesIO(styles), tag=W + "style", resolve_entities=False, no_network=True):
        if style.get(W + "styleId") in wanted:
            name = _child(style, W + "name")
            names[style.get(W + "styleId")] = (name.get(W_VAL) if name is not None else None) or ""
            if len(names) == len(wanted):
                break
        style.clear()
    return names


# Main parts of a Word document, template, and their macro-enabled kinds (macros are never run, only text read).
WORD_MAIN_PARTS = frozenset((
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
))


@dataclass(frozen=True)
class WordPackage:
    """The parts of a .docx we read: the main document's XML, its styles part and its header/footer parts."""

    document: etree._Element
    styles: bytes | None
    furniture: dict[str, etree._Element]  # header/footer parts by relationship id of the main document


def open_package(path: Path, data: bytes) -> WordPackage:
    """The package's parts through python-docx's OPC reader; only the parts we read are parsed."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.pkgreader import PackageReader

    reader = PackageReader.from_file(BytesIO(data))
    parts = {partname: (content_type, blob) for partname, content_type, _, blob in reader.iter_sparts()}
    relationships: dict[str, dict[str, tuple[str, str]]] = {}
    for source, rel in reader.iter_srels():
        if not rel.is_external:
            relationships.setdefault(source, {})[rel.rId] = (rel.reltype, rel.target_partname)
    main = next((target for reltype, target in relationships.get(PACKAGE_URI, {}).values()
                 if reltype == RT.OFFICE_DOCUMENT), None)
    if main is None or parts[main][0] not in WORD_MAIN_PARTS:
        kind = parts[main][0] if main is not None else "no main document part"
        raise InputError(path, f"not a Word document ({kind})")
    own = relationships.get(main, {})
    styles = next((parts[target][1] for reltype, target in own.values() if reltype == RT.STYLES), None)
    furniture = {rid: etree.fromstring(parts[target][1], XML_PARSER) for rid, (reltype, target) in own.items()
                 if reltype in (RT.HEADER, RT.FOOTER)}
    return WordPackage(etree.fromstring(parts[main][1], XML_PARSER), styles, furniture)


# Header and footer references a section may carry: default, first-page and even-page ones.
FURNITURE_REFERENCES = tuple((W + tag, kind) for kind in ("default", "first", "even")
                             for tag in ("headerReference", "footerReference"))
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def header_footer_artefacts(package: WordPackage) -> list[Artefact]:
    """Text of the sections' own headers and footers (page furniture), each distinct text once."""
    seen: dict[str, None] = {}
    for section in package.document.iter(W + "sectPr"):
        for tag, kind in FURNITURE_REFERENCES:
            reference = next((ref for ref in section.iterchildren(tag) if ref.get(W + "type") == kind), None)
            part = package.furniture.get(reference.get(R_ID)) if reference is not None else None
            if part is None:
                continue  # no reference of its own: the section shows the previous section's
            text = "\n".join(line for line in map(paragraph_text, part.iterchildren(W_P)) if line.strip())
            if text:
                seen.setdefault(text, None)
    return [Artefact(reason="running-header", raw=text) for text in seen]


def read_docx(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    """Read a .docx file into a layout document."""
    from docx.opc.exceptions import OpcError

    check_container(path, data, settings.limits.max_uncompressed_bytes)
    try:
        package = open_package(path, data)
        body = _child(package.document, W + "body")
        if body is None:
            raise ValueError("the main document part has no body")
        wanted = {style.get(W_VAL) for style in body.iter(W + "pStyle")} - {None}
        blocks = body_blocks(body, style_names_of(package.styles, wanted))
        artefacts = header_footer_artefacts(package)
    except (KeyError, ValueError, OpcError, etree.LxmlError, zipfile.BadZipFile) as exc:
        raise InputError(path, f"damaged Word document ({type(exc).__name__}: {exc})") from None
    if not blocks:
        raise InputError(path, "no text found")
    return LayoutDocument(source=describe_source(path, data, "docx"), blocks=blocks, artefacts=artefacts)
