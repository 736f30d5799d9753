"""Reader for Word .docx: paragraphs and tables in body order, merged cells as spans.

Word stores a horizontal merge as one `w:tc` with `w:gridSpan` and a vertical merge as a
`w:vMerge="restart"` cell followed by `w:vMerge` (continue) cells in the rows below. We emit one
cell per merge: its top-left place with `col_span`/`row_span`, and nothing for the continued
places, so a goal cell merged down over its activities is read once and the rows below leave the
goal column empty ("the goal goes on"). A .docx has no pages, so origins carry no page number;
table index and row come from the table's place in the body. A table nested in a cell is read as
lines of that cell, except in a frame (a table of one cell a row around content), whose paragraphs
and tables are read as body. Text boxes follow the paragraph that anchors them.

The package (an OPC zip) is opened with the standard zipfile module, and only the parts we read are
unpacked and parsed: `[Content_Types].xml`, the package's and the main document's relationships, the
main document, its headers and footers, and its styles part only when a paragraph names a style (then
only as far as those styles). python-docx's OPC reader unpacked every part the relationships reach
(Word's two styles parts alone unpack to ~800 KB): an eighth of the reader's work. Each part we parse is
refused if encrypted or if its prolog declares a DOCTYPE or ENTITY (`check_container` checks every part,
for LibreOffice, which parses them all).
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import regex as re
from lxml import etree

from ..errors import InputError
from ..model.layout import Artefact, LayoutDocument, Paragraph, Table
from ..settings import Settings
from .docx_lists import number_paragraphs
from .markup import normalise_space
from .source import describe_source

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# python-docx's own parser settings (blank text between elements dropped, entities never resolved), without
# its element classes: our walk reads plain elements, which lxml makes faster.
XML_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
XML_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
ROOT_START = re.compile(rb"<[A-Za-z_]")
ZIP_ENCRYPTED = 0x1  # general purpose bit 0 of a zip member: its data is encrypted
HEADING_STYLE = re.compile(r"^(?:heading|заглавие)\s*(\d)$", re.I)
# Inline containers whose runs belong to the paragraph's text (hyperlinks, tracked insertions, fields…).
RUN_CONTAINERS = frozenset(
    W + name for name in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "sdt", "sdtContent", "moveTo")
)


def check_container(path: Path, data: bytes, max_uncompressed: int) -> None:
    """Refuse zip bombs, encrypted XML parts and XML with DOCTYPE/ENTITY declarations before any XML parser sees
    the file (LibreOffice's, which reads every part)."""
    try:
        with open_archive(path, data, max_uncompressed) as archive:
            for member in archive.infolist():
                if member.filename.endswith((".xml", ".rels")):
                    _refuse_encrypted(path, member)
                    _refuse_declarations(path, member.filename, _prolog(archive, member))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(path, f"damaged zip container ({exc})") from None


def open_archive(path: Path, data: bytes, max_uncompressed: int) -> zipfile.ZipFile:
    """The zip container, opened once its members are known to unpack within the limit (no zip bomb)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError(path, f"damaged zip container ({exc})") from None
    total = sum(member.file_size for member in archive.infolist())
    if total > max_uncompressed:
        archive.close()
        raise InputError(path, f"unpacks to {total} bytes, over the limit of {max_uncompressed}")
    return archive


def read_part(path: Path, archive: zipfile.ZipFile, name: str) -> bytes:
    """A part's XML, refused if encrypted or if its prolog declares a DOCTYPE or ENTITY: the check
    `check_container` makes of every part, made here of the few parts our reader parses (KeyError if absent)."""
    member = archive.getinfo(name)
    _refuse_encrypted(path, member)
    xml = archive.read(member)
    root = ROOT_START.search(xml)
    _refuse_declarations(path, name, xml[:root.start()] if root else xml)
    return xml


def _refuse_encrypted(path: Path, member: zipfile.ZipInfo) -> None:
    if member.flag_bits & ZIP_ENCRYPTED:
        raise InputError(path, f"{member.filename} is encrypted (refused)")


def _refuse_declarations(path: Path, name: str, prolog: bytes) -> None:
    if XML_DECLARATION.search(prolog):
        raise InputError(path, f"{name} declares a DOCTYPE or ENTITY (refused)")


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
            if boxes and child in boxes:
                lines.extend(cell_text(box, boxes) for box in boxes[child])
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
    return _int_of(_child(element, name), default)


def _int_of(node, default: int) -> int:
    """The number in a property's `w:val`, or the default when it has none (or no property)."""
    value = node.get(W_VAL) if node is not None else None
    return int(value) if value is not None and value.isdigit() else default


def _merge_properties(tc_pr) -> tuple[int, bool]:
    """A cell's grid span (`w:gridSpan`, at least 1) and whether it continues the vertical merge above (a
    `w:vMerge` not restarting one), read in one pass over its properties (`w:tcPr`)."""
    span = v_merge = None
    if tc_pr is not None:
        for prop in tc_pr:
            tag = prop.tag
            if tag == W_GRIDSPAN:
                span = prop if span is None else span
            elif tag == W_VMERGE:
                v_merge = prop if v_merge is None else v_merge
    continues = v_merge is not None and v_merge.get(W_VAL, "continue") == "continue"
    return max(1, _int_of(span, 1)), continues


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
        tr_pr, cells = _row_parts(tr)
        col = _int_val(tr_pr, W + "gridBefore", 0)
        header = _is_header_row(tr_pr)
        row: list[dict] = []
        for tc in cells:
            span, continues = _merge_properties(_child(tc, W_TCPR))
            text = cell_text(tc, boxes)
            above = continued.get(col)
            if continues and above is not None:
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


def _row_parts(tr) -> tuple:
    """A row's properties (its first `w:trPr`, or None) and its `w:tc`, looking through content controls and
    custom XML wrapping cells: one pass over the row (lxml makes a Python object for each child it yields)."""
    tr_pr = None
    cells: list = []
    for child in tr:
        tag = child.tag
        if tag == W_TC:
            cells.append(child)
        elif tag == W_TRPR:
            tr_pr = child if tr_pr is None else tr_pr
        elif tag in WRAPPERS:
            content = _child(child, W_SDT_CONTENT)
            cells.extend(_row_cells(content if content is not None else child))
    return tr_pr, cells


def _row_cells(tr) -> list:
    """The `w:tc` of a row, looking through content controls and custom XML wrapping cells."""
    return _row_parts(tr)[1]


def is_frame(tbl) -> bool:
    """A table used as a frame around content: one cell a row, holding a table of its own (read as body).
    Left at the first row of another number of cells (nearly every table: its first row)."""
    nested = False
    for tr in tbl:
        if tr.tag == W_TR:
            cells = _row_cells(tr)
            if len(cells) != 1:
                return False
            nested = nested or _child(cells[0], W_TBL) is not None
    return nested


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


class Styles(NamedTuple):
    """What the paragraph styles in use say: each id's name, and the list (`w:numId`, `w:ilvl`) a style numbers its
    paragraphs in (`List Number`, a heading style with outline numbering)."""

    names: dict[str, str]
    lists: dict[str, tuple[str, str]]


def read_styles(styles: bytes | None, wanted: set[str]) -> Styles:
    """Name and list numbering of the style ids a paragraph's `w:pStyle` refers to, read from the `w:styles` part.

    The part is parsed as a stream and left as soon as every wanted id is read: Word's styles part
    runs to hundreds of kilobytes of table styles no paragraph of ours refers to.
    """
    found = Styles({}, {})
    if not styles or not wanted:
        return found
    for _, style in etree.iterparse(BytesIO(styles), tag=W + "style", resolve_entities=False, no_network=True):
        style_id = style.get(W + "styleId")
        if style_id in wanted:
            name = _child(style, W + "name")
            found.names[style_id] = (name.get(W_VAL) if name is not None else None) or ""
            num_pr = _child(_child(style, W + "pPr"), W + "numPr")
            num_id = _child(num_pr, W + "numId")
            if num_id is not None and num_id.get(W_VAL) not in (None, "0"):
                level = _child(num_pr, W + "ilvl")
                found.lists[style_id] = (num_id.get(W_VAL), level.get(W_VAL, "0") if level is not None else "0")
            if len(found.names) == len(wanted):
                break
        style.clear()
    return found


# Main parts of a Word document, template, and their macro-enabled kinds (macros are never run, only text read).
WORD_MAIN_PARTS = frozenset((
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
))


@dataclass(frozen=True)
class WordPackage:
    """The parts of a .docx we read: the main document's XML, its styles part (member name, unpacked only when a
    paragraph names a style) and its header/footer parts."""

    document: etree._Element
    styles: str | None
    furniture: dict[str, etree._Element]  # header/footer parts by relationship id of the main document
    numbering: etree._Element | None = None  # the list definitions (`w:numbering`), if a paragraph is listed
    numbering_part: str | None = None  # its member name, for lists a paragraph style gives


CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT, RT_STYLES, RT_HEADER, RT_FOOTER, RT_NUMBERING = (
    RT + name for name in ("officeDocument", "styles", "header", "footer", "numbering"))


def relationships(path: Path, archive: zipfile.ZipFile, partname: str) -> dict[str, tuple[str, str]]:
    """A part's internal relationships (the package's for `/`): id → (type, target part name), from the part's
    `_rels/<name>.rels` member, if any; targets resolved against the part's folder as OPC says."""
    folder, name = posixpath.split(partname)
    try:
        xml = read_part(path, archive, posixpath.join(folder, "_rels", f"{name}.rels")[1:])
    except KeyError:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for rel in etree.fromstring(xml, XML_PARSER).iterchildren(RELATIONSHIP):
        if rel.get("TargetMode", "Internal") != "External":
            found[rel.get("Id")] = (rel.get("Type"), posixpath.normpath(posixpath.join(folder, rel.get("Target"))))
    return found


def content_type(types: etree._Element, partname: str) -> str:
    """A part's content type from `[Content_Types].xml`: its own `Override`, else the `Default` for its extension
    (both matched regardless of case, the last of equals winning); KeyError if neither."""
    overrides = {item.get("PartName").lower(): item.get("ContentType")
                 for item in types.iterchildren(CONTENT_TYPES + "Override")}
    if partname.lower() in overrides:
        return overrides[partname.lower()]
    defaults = {item.get("Extension").lower(): item.get("ContentType")
                for item in types.iterchildren(CONTENT_TYPES + "Default")}
    extension = posixpath.splitext(partname)[1].lower()
    if extension.startswith(".") and extension[1:] in defaults:
        return defaults[extension[1:]]
    raise KeyError(f"no content type for partname '{partname}' in [Content_Types].xml")


def open_package(path: Path, archive: zipfile.ZipFile) -> WordPackage:
    """The parts of a Word package we read; a package whose main part is not a Word document's is refused."""
    types = etree.fromstring(read_part(path, archive, "[Content_Types].xml"), XML_PARSER)
    main = next((target for reltype, target in relationships(path, archive, "/").values()
                 if reltype == RT_OFFICE_DOCUMENT), None)
    kind = content_type(types, main) if main is not None else "no main document part"
    if kind not in WORD_MAIN_PARTS:
        raise InputError(path, f"not a Word document ({kind})")
    own = relationships(path, archive, main)
    styles = next((target[1:] for reltype, target in own.values() if reltype == RT_STYLES), None)
    furniture = {rid: etree.fromstring(read_part(path, archive, target[1:]), XML_PARSER)
                 for rid, (reltype, target) in own.items() if reltype in (RT_HEADER, RT_FOOTER)}
    document = etree.fromstring(read_part(path, archive, main[1:]), XML_PARSER)
    numbering = next((target[1:] for reltype, target in own.values() if reltype == RT_NUMBERING), None)
    lists = None
    if numbering is not None and document.find(f".//{W}numPr") is not None:  # unpacked only when a paragraph is listed
        lists = etree.fromstring(read_part(path, archive, numbering), XML_PARSER)
    return WordPackage(document, styles, furniture, lists, numbering)


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
    with open_archive(path, data, settings.limits.max_uncompressed_bytes) as archive:
        try:
            package = open_package(path, archive)
            body = _child(package.document, W + "body")
            if body is None:
                raise ValueError("the main document part has no body")
            wanted = {style.get(W_VAL) for style in body.iter(W + "pStyle")} - {None}
            styles = read_part(path, archive, package.styles) if wanted and package.styles is not None else None
            style_info = read_styles(styles, wanted)
            numbering = package.numbering
            if numbering is None and style_info.lists and package.numbering_part is not None:
                numbering = etree.fromstring(read_part(path, archive, package.numbering_part), XML_PARSER)
            number_paragraphs(body, numbering, style_info.lists)
            blocks = body_blocks(body, style_info.names)
            artefacts = header_footer_artefacts(package)
        except (KeyError, ValueError, etree.LxmlError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise InputError(path, f"damaged Word document ({type(exc).__name__}: {exc})") from None
    if not blocks:
        raise InputError(path, "no text found")
    return LayoutDocument(source=describe_source(path, data, "docx"), blocks=blocks, artefacts=artefacts)
