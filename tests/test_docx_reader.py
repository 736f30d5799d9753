"""The .docx reader: body order, merged cells, repeated headers, nested tables, hostile containers."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement

from extractor.errors import InputError
from extractor.model.layout import Paragraph, Table
from extractor.readers import read
from extractor.recognise import recognise
from extractor.settings import Limits, Settings

from .conftest import activities

HEADER = ["Цели", "Дейности", "Изпълнител / Партньори", "Финансиране", "Срок за изпълнение"]


def mark_header(row) -> None:
    """Mark a python-docx table row as a header row repeated on each page (`w:tblHeader`)."""
    flag = OxmlElement("w:tblHeader")
    row._tr.get_or_add_trPr().append(flag)


def add_table(document, rows: list[list[str]]):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    return table


def save(document, tmp_path: Path, name: str = "fixture.docx") -> Path:
    path = tmp_path / name
    document.save(path)
    return path


def annex_with_merged_goal(tmp_path: Path) -> Path:
    """One table: header, a full-width area row, a goal cell merged down over three activity rows."""
    document = docx.Document()
    document.add_paragraph("ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2022 ГОДИНА", style="Heading 1")
    rows = [
        HEADER,
        ["Приоритетна област I: Социална политика", "", "", "", ""],
        ["1. Подкрепа на семействата.", "1.1. Консултации на родители.", "ДСП", "Държавно", "целогодишно"],
        ["", "1.2. Групи за родители.", "ЦОП", "Общинско", "2022 г."],
        ["", "1.3. Кампания за приемна грижа.", "СО, НПО", "Проектно", "до м. май"],
        ["2. Превенция на отпадането.", "2.1. Работа с медиатори.", "РУО", "Държавно", "целогодишно"],
    ]
    table = add_table(document, rows)
    mark_header(table.rows[0])
    area = table.cell(1, 0).merge(table.cell(1, 4))
    area.text = "Приоритетна област I: Социална политика"
    goal = table.cell(2, 0).merge(table.cell(4, 0))
    goal.text = "1. Подкрепа на семействата."
    return save(document, tmp_path)


def test_goal_cell_merged_over_three_rows_is_one_cell_with_row_span(tmp_path):
    layout = read(annex_with_merged_goal(tmp_path))
    table = next(b for b in layout.blocks if isinstance(b, Table))
    goal = table.rows[2][0]
    assert (goal.text, goal.row_span, goal.col) == ("1. Подкрепа на семействата.", 3, 0)
    assert [c.col for c in table.rows[3]] == [1, 2, 3, 4]
    assert [c.col for c in table.rows[4]] == [1, 2, 3, 4]


def test_goal_cell_merged_over_three_rows_belongs_to_each_activity_once(tmp_path):
    document = recognise(read(annex_with_merged_goal(tmp_path)))
    (area,) = document.annex.areas
    assert area.number == 1 and area.title == "Социална политика"
    assert [(g.number, [a.number for a in g.activities]) for g in area.goals] == [
        ("1", ["1.1", "1.2", "1.3"]), ("2", ["2.1"])
    ]
    assert area.goals[0].text == "Подкрепа на семействата."
    assert [a.provenance.row for _, _, a in activities(document)] == [2, 3, 4, 5]


def test_full_width_area_row_is_one_cell_spanning_the_grid(tmp_path):
    layout = read(annex_with_merged_goal(tmp_path))
    table = next(b for b in layout.blocks if isinstance(b, Table))
    (area_cell,) = table.rows[1]
    assert (area_cell.col, area_cell.col_span) == (0, 5)
    assert table.n_cols == 5


def test_repeated_header_row_is_marked_header_and_read_once(tmp_path):
    layout = read(annex_with_merged_goal(tmp_path))
    table = next(b for b in layout.blocks if isinstance(b, Table))
    assert all(cell.header for cell in table.rows[0])
    assert not any(cell.header for row in table.rows[1:] for cell in row)
    document = recognise(layout)
    assert [c.role for c in document.annex.areas[0].columns] == [
        "goal", "activity", "executor", "financing", "deadline"
    ]


def test_heading_style_is_kept_on_the_paragraph(tmp_path):
    layout = read(annex_with_merged_goal(tmp_path))
    assert layout.blocks[0] == Paragraph(
        text="ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2022 ГОДИНА", raw="ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2022 ГОДИНА",
        style="heading 1",
    )
    assert layout.source.format == "docx"
    assert layout.blocks[1].rows[0][0].origin.page is None


def test_a_table_per_area_with_headings_between_keeps_body_order(tmp_path):
    document = docx.Document()
    for number, title in ((1, "УСТОЙЧИВО ВКЛЮЧВАНЕ"), (2, "СЕМЕЙНА СРЕДА")):
        document.add_paragraph(f"Стратегическа цел {number}. {title}")
        add_table(document, [
            ["Цел", "Дейност", "Срок", "Институция/ Организация", "Източник на финансиране", "Очакван резултат"],
            [f"а. Цел {number}", f"{number}.А.1. Дейност {number}", "Постоянен", "ЦОП", "Проекти", "Брой случаи"],
        ])
    layout = read(save(document, tmp_path))
    assert [type(b).__name__ for b in layout.blocks] == ["Paragraph", "Table", "Paragraph", "Table"]
    assert [b.index for b in layout.blocks if isinstance(b, Table)] == [0, 1]
    recognised = recognise(layout)
    assert [(a.number, a.title) for a in recognised.annex.areas] == [(1, "УСТОЙЧИВО ВКЛЮЧВАНЕ"), (2, "СЕМЕЙНА СРЕДА")]
    assert [(g.number, a.number, a.expected_result) for _, g, a in activities(recognised)] == [
        ("а", "1.А.1", "Брой случаи"), ("а", "2.А.1", "Брой случаи")
    ]


def test_row_split_as_at_a_page_break_is_merged_back_by_the_recogniser(tmp_path):
    document = docx.Document()
    add_table(document, [
        HEADER,
        ["1. Подкрепа.", "1.1. Предоставяне на консултации на родители", "ДСП", "Държавно", "целогодишно"],
        ["", "и на деца в риск.", "", "", ""],
    ])
    recognised = recognise(read(save(document, tmp_path)))
    (activity,) = [a for _, _, a in activities(recognised)]
    assert activity.text == "Предоставяне на консултации на родители и на деца в риск."


def test_cell_paragraphs_become_lines_and_nested_table_text_is_kept(tmp_path):
    document = docx.Document()
    table = add_table(document, [["a", "b"]])
    cell = table.cell(0, 1)
    cell.text = "Дирекция „Култура“"
    cell.add_paragraph("Съюз на артистите")
    nested = cell.add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "РУО"
    nested.cell(0, 1).text = "НПО"
    layout = read(save(document, tmp_path))
    assert layout.blocks[0].rows[0][1].text == "Дирекция „Култура“\nСъюз на артистите\nРУО\nНПО"


def test_horizontal_merge_inside_a_data_row_keeps_later_cells_on_their_grid_columns(tmp_path):
    document = docx.Document()
    table = add_table(document, [["a", "b", "c", "d"], ["x", "", "y", "z"]])
    table.cell(1, 0).merge(table.cell(1, 1))
    layout = read(save(document, tmp_path))
    assert [(c.col, c.col_span) for c in layout.blocks[0].rows[1]] == [(0, 2), (2, 1), (3, 1)]


def test_docx_unpacking_past_the_limit_is_refused(tmp_path):
    path = annex_with_merged_goal(tmp_path)
    settings = Settings(limits=Limits(max_uncompressed_bytes=1000))
    with pytest.raises(InputError, match="unpacks to .* over the limit"):
        read(path, settings)


def rewrite_member(path: Path, name: str, change) -> Path:
    """A copy of a .docx with one member's bytes changed (`changed.docx` beside it)."""
    out = path.with_name("changed.docx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, change(data) if info.filename == name else data)
    return out


def test_entity_declaration_in_document_xml_is_refused(tmp_path):
    def add_entities(data: bytes) -> bytes:
        head, rest = data.split(b"?>", 1)
        return head + b'?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + rest

    path = rewrite_member(annex_with_merged_goal(tmp_path), "word/document.xml", add_entities)
    with pytest.raises(InputError, match="DOCTYPE or ENTITY"):
        read(path)


def test_damaged_document_xml_is_an_input_error(tmp_path):
    path = rewrite_member(annex_with_merged_goal(tmp_path), "word/document.xml", lambda data: data[: len(data) // 2])
    with pytest.raises(InputError, match="damaged Word document"):
        read(path)


def test_header_and_footer_text_is_set_aside_as_page_furniture(tmp_path):
    document = docx.Document()
    document.add_paragraph("Текст")
    document.sections[0].footer.paragraphs[0].text = "Електронен документ, подписан с КЕП."
    layout = read(save(document, tmp_path))
    assert [(a.reason, a.raw) for a in layout.artefacts] == [("running-header", "Електронен документ, подписан с КЕП.")]
    assert [b.text for b in layout.blocks] == ["Текст"]


def test_vmerge_continued_cell_with_text_keeps_its_text_on_the_merged_cell():
    xml = (
        '<w:tbl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>горе</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>'
        '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>скрит</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    )
    from lxml import etree

    from extractor.readers.docx import read_table

    table = read_table(etree.fromstring(xml), 0)
    assert [(c.text, c.row_span) for c in table.rows[0]] == [("горе\nскрит", 2), ("1", 1)]
    assert [(c.col, c.text) for c in table.rows[1]] == [(1, "2")]


def test_zip_that_is_not_a_word_document_is_refused(tmp_path):
    path = tmp_path / "x.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="zip archive that is not a Word or OpenDocument text document"):
        read(path)


def test_legacy_doc_without_libreoffice_names_the_package_to_install(tmp_path, monkeypatch):
    from extractor.errors import MissingToolError
    from extractor.readers import doc

    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(MissingToolError, match="apt-get install -y libreoffice-writer-nogui"):
        read(path)


def test_soft_hyphens_typed_into_the_text_are_dropped_from_the_cleaned_text_and_kept_raw(tmp_path):
    document = docx.Document()
    add_table(document, [HEADER, ["1. Цел.", "1.1. Дейност.", "ДСП", "Общин\u00adски бюджет", "2022 г."]])
    layout = read(save(document, tmp_path), Settings())
    (table,) = [b for b in layout.blocks if isinstance(b, Table)]
    cell = table.rows[1][3]
    assert cell.text == "Общински бюджет"
    assert cell.raw == "Общин\u00adски бюджет"
    ((_, _, activity),) = activities(recognise(layout))
    assert activity.financing_raw == "Общински бюджет"


def test_heading_style_added_last_to_the_styles_part_is_found_by_its_name(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.styles.add_style("Заглавие 3", WD_STYLE_TYPE.PARAGRAPH)  # appended after the template's table styles
    document.add_paragraph("I. ВЪВЕДЕНИЕ", style="Заглавие 3")
    document.add_paragraph("Обикновен текст", style="Heading 2")
    layout = read(save(document, tmp_path))
    assert [(b.text, b.style) for b in layout.blocks] == [("I. ВЪВЕДЕНИЕ", "heading 3"),
                                                          ("Обикновен текст", "heading 2")]


def test_style_id_unlike_its_name_is_read_through_the_styles_part(tmp_path):
    document = docx.Document()
    document.add_paragraph("Раздел", style="Heading 1")
    path = save(document, tmp_path)
    renamed = rewrite_member(path, "word/document.xml", lambda data: data.replace(b'w:val="Heading1"', b'w:val="1"'))
    renamed = rewrite_member(renamed.rename(tmp_path / "renamed.docx"), "word/styles.xml",
                             lambda data: data.replace(b'w:styleId="Heading1"', b'w:styleId="1"'))
    assert [(b.text, b.style) for b in read(renamed).blocks] == [("Раздел", "heading 1")]


def test_header_and_first_page_footer_of_each_section_are_page_furniture_once(tmp_path):
    from docx.enum.section import WD_SECTION

    document = docx.Document()
    document.add_paragraph("Текст")
    first = document.sections[0]
    first.header.paragraphs[0].text = "Община Примерово"
    first.different_first_page_header_footer = True
    first.first_page_footer.paragraphs[0].text = "стр. 1"
    second = document.add_section(WD_SECTION.NEW_PAGE)
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Община Примерово"  # the same text again: one artefact
    document.add_paragraph("Още текст")
    layout = read(save(document, tmp_path))
    assert [a.raw for a in layout.artefacts] == ["Община Примерово", "стр. 1"]
    assert [b.text for b in layout.blocks] == ["Текст", "Още текст"]


def test_macro_enabled_document_is_read_and_a_main_part_of_another_kind_refused(tmp_path):
    path = annex_with_merged_goal(tmp_path)
    word_main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    macro = rewrite_member(path, "[Content_Types].xml", lambda data: data.replace(
        word_main, b"application/vnd.ms-word.document.macroEnabled.main+xml"))
    assert recognise(read(macro)).annex is not None  # a .docm: its macros are never run, its text is read
    other = rewrite_member(path, "[Content_Types].xml", lambda data: data.replace(word_main, b"application/xml"))
    with pytest.raises(InputError, match=r"not a Word document \(application/xml\)"):
        read(other)


TEXT_BOX_RUN = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
  xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>
 <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
  <w:p><w:r><w:t>ПРИЛОЖЕНИЕ № 1</w:t></w:r></w:p>
  <w:p><w:r><w:t>към решение № 12</w:t></w:r></w:p>
 </w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
 <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
  <w:p><w:r><w:t>ПРИЛОЖЕНИЕ № 1</w:t></w:r></w:p>
  <w:p><w:r><w:t>към решение № 12</w:t></w:r></w:p>
 </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def test_text_box_text_follows_its_anchor_paragraph_once_not_its_vml_copy(tmp_path):
    from lxml import etree

    document = docx.Document()
    anchor = document.add_paragraph("Общински съвет")
    anchor._p.append(etree.fromstring(TEXT_BOX_RUN))
    document.add_paragraph("Текст след полето")
    table = add_table(document, [["Клетка"]])
    table.cell(0, 0).paragraphs[0]._p.append(etree.fromstring(TEXT_BOX_RUN))
    layout = read(save(document, tmp_path))
    assert [b.text for b in layout.blocks if isinstance(b, Paragraph)] == [
        "Общински съвет", "ПРИЛОЖЕНИЕ № 1", "към решение № 12", "Текст след полето"
    ]
    (table,) = [b for b in layout.blocks if isinstance(b, Table)]
    assert table.rows[0][0].text == "Клетка\nПРИЛОЖЕНИЕ № 1\nкъм решение № 12"


def test_table_used_as_a_frame_around_the_annex_is_read_as_body_and_its_tables_as_tables(tmp_path):
    document = docx.Document()
    document.add_paragraph("ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2020 ГОДИНА")
    frame = document.add_table(rows=2, cols=1)
    for row, (area, activity) in enumerate((("Приоритетна област 1: Образование", "1.1. Занимания."),
                                            ("Приоритетна област 2: Здраве", "2.1. Прегледи."))):
        cell = frame.cell(row, 0)
        cell.paragraphs[0].text = area
        inner = cell.add_table(rows=2, cols=4)
        for c, text in enumerate(["Цел", "Дейност", "Отговорник", "Срок"]):
            inner.cell(0, c).text = text
        for c, text in enumerate([f"{row + 1}. Цел.", activity, "РУО", "2020 г."]):
            inner.cell(1, c).text = text
        cell.add_paragraph("")
    document.add_paragraph("край")
    layout = read(save(document, tmp_path))
    assert [type(b).__name__ for b in layout.blocks] == ["Paragraph", "Paragraph", "Table", "Paragraph", "Table",
                                                         "Paragraph"]
    assert [b.index for b in layout.blocks if isinstance(b, Table)] == [0, 1]
    found = [(area.title, activity.number, activity.text) for area, _, activity in activities(recognise(layout))]
    assert found == [("Образование", "1.1", "Занимания."), ("Здраве", "2.1", "Прегледи.")]


def encrypt_member(path: Path, name: str) -> Path:
    """A copy of a .docx whose member `name` carries the zip flag of encrypted data (`encrypted.docx` beside it)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo(name)
    data[member.header_offset + 6] |= 1  # general purpose flags of the local header
    central = data.find(b"PK\x01\x02")
    while central != -1:
        length = int.from_bytes(data[central + 28:central + 30], "little")
        if data[central + 46:central + 46 + length] == name.encode():
            data[central + 8] |= 1  # and of the central directory entry
        central = data.find(b"PK\x01\x02", central + 4)
    out = path.with_name("encrypted.docx")
    out.write_bytes(data)
    return out


def test_encrypted_document_part_is_refused_as_input_error(tmp_path):
    path = encrypt_member(annex_with_merged_goal(tmp_path), "word/document.xml")
    with pytest.raises(InputError, match="word/document.xml is encrypted"):
        read(path)


def test_entity_declaration_in_a_part_the_reader_never_parses_is_refused_by_the_container_check(tmp_path):
    from extractor.readers.docx import check_container

    def add_entities(data: bytes) -> bytes:
        head, rest = data.split(b"?>", 1)
        return head + b'?><!DOCTYPE w:settings [<!ENTITY a "aaaaaaaaaa">]>' + rest

    path = rewrite_member(annex_with_merged_goal(tmp_path), "word/settings.xml", add_entities)
    with pytest.raises(InputError, match="settings.xml declares a DOCTYPE or ENTITY"):
        check_container(path, path.read_bytes(), Settings().limits.max_uncompressed_bytes)  # what LibreOffice gets
    assert read(path).blocks[0].text == "ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2022 ГОДИНА"


def test_missing_part_the_reader_never_reads_does_not_stop_the_reading(tmp_path):
    path = annex_with_merged_goal(tmp_path)
    out = tmp_path / "no-theme.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if not info.filename.startswith("word/theme/"):
                target.writestr(info, source.read(info))
    assert read(out).blocks == read(path).blocks
