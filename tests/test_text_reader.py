"""The converted-text reader: rows, markup, page furniture, encodings, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.model.layout import Paragraph, Table
from extractor.readers import read
from extractor.readers.markup import clean_inline

from .conftest import layout_from_text


def test_tab_separated_lines_become_one_table_across_blank_lines():
    layout = layout_from_text("Цели\tДейности\n\n1. Цел\t1.1. Дейност\n")
    tables = [b for b in layout.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert [[c.text for c in row] for row in tables[0].rows] == [["Цели", "Дейности"], ["1. Цел", "1.1. Дейност"]]
    assert tables[0].rows[1][0].origin.line == 3


def test_html_paragraphs_in_a_cell_become_line_breaks_and_raw_is_kept():
    raw = "<p>Дирекция „Култура“</p> <p>Съюз на артистите</p>"
    layout = layout_from_text(f"x\t{raw}\ty")
    cell = layout.blocks[0].rows[0][1]
    assert cell.text == "Дирекция „Култура“\nСъюз на артистите"
    assert cell.raw == raw


def test_bold_markup_inside_paragraph_is_removed():
    assert clean_inline("<p><b>Стратегическа цел 3. ЕФЕКТИВНА</b></p>") == "Стратегическа цел 3. ЕФЕКТИВНА"


def test_markdown_emphasis_is_removed_from_paragraphs():
    layout = layout_from_text("**ДОКЛАД\nот ИМЕ**")
    assert [b.text for b in layout.blocks] == ["ДОКЛАД", "от ИМЕ"]


def test_html_entities_are_decoded():
    assert clean_inline("Д &quot;СД&quot; &amp; НПО") == "Д \"СД\" & НПО"


def test_page_marker_and_signature_footer_are_set_aside_not_lost():
    layout = layout_from_text("Текст\n\n1 / 4\n\n*Електронен документ, подписан с КЕП.\nДо адресата се изпраща чрез АИССО.*\nОще")
    assert [b.text for b in layout.blocks] == ["Текст", "Още"]
    assert [a.reason for a in layout.artefacts] == ["page-number", "signature", "signature"]
    assert layout.blocks[1].origin.page == 2


def test_markdown_separator_row_is_set_aside():
    layout = layout_from_text("a\tb\n--\t---\nc\td")
    assert [[c.text for c in row] for row in layout.blocks[0].rows] == [["a", "b"], ["c", "d"]]
    assert layout.artefacts[0].reason == "table-separator"


def test_html_table_rows_are_read_as_rows():
    layout = layout_from_text("<table><tr><td>1. Цел</td><td colspan=2>2.1. Дейност</td><td>СО</td></tr></table>")
    row = layout.blocks[0].rows[0]
    assert [c.text for c in row] == ["1. Цел", "2.1. Дейност", "", "СО"]


def test_markdown_pipe_tables_are_read_as_rows():
    layout = layout_from_text("| Цели | Дейности |\n|---|:---|\n| 1. Цел | 1.1. Дейност<br>втори ред |\n| | a \\| b |")
    rows = [[c.text for c in row] for row in layout.blocks[0].rows]
    assert rows == [["Цели", "Дейности"], ["1. Цел", "1.1. Дейност\nвтори ред"], ["", "a | b"]]
    assert layout.artefacts[0].reason == "table-separator"


def test_inline_bullets_start_new_lines():
    assert clean_inline("Разработване. • „Професията“ - срещи. • Тренинги.") == "Разработване.\n• „Професията“ - срещи.\n• Тренинги."


def test_windows_1251_text_is_decoded(tmp_path: Path):
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Приоритетна област I: Социална политика\nЦели\tДейности\n".encode("cp1251"))
    layout = read(path)
    assert layout.source.encoding == "cp1251"
    assert layout.blocks[0].text.startswith("Приоритетна област I")


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"\x00\x01\x02binary\x00" * 50, "binary content"), (b"PK\x03\x04broken", "zip")],
)
def test_bad_input_raises_one_line_error_naming_the_file(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read(path)
    message = str(error.value)
    assert str(path) in message and reason in message and "\n" not in message


def test_missing_file_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="cannot open"):
        read(tmp_path / "absent.txt")


def test_sample_keeps_every_nonblank_line_as_block_or_artefact():
    from .conftest import PROGRAMME_2021

    layout = read(PROGRAMME_2021)
    lines = PROGRAMME_2021.read_text(encoding="utf-8").splitlines()
    seen = {a.origin.line for a in layout.artefacts}
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            seen.add(block.origin.line)
        else:
            seen.update(row[0].origin.line for row in block.rows)
    assert seen == {n for n, line in enumerate(lines, 1) if line.strip()}
