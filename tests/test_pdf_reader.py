"""The PDF reader: stitched tables, repeated headers, cut rows, page furniture, line joining, bad files.

The fixture PDFs in tests/fixtures/ were made by LibreOffice from python-docx documents
(`tests/fixtures/make_pdf_fixtures.py`); the tests read them and need no LibreOffice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.model.layout import Paragraph, Table
from extractor.readers import read
from extractor.readers.lines import Line, join_hyphenated, join_lines, join_unhyphenated, vocabulary
from extractor.readers.pdf import PdfCell, TablePiece, drop_repeated_headers, merge_cut_row
from extractor.recognise import recognise
from extractor.settings import Limits, Settings

from .conftest import activities

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ACROSS_PAGES = FIXTURES / "table-across-pages.pdf"


@pytest.fixture(scope="module")
def layout():
    return read(ACROSS_PAGES)


def tables(layout) -> list[Table]:
    return [block for block in layout.blocks if isinstance(block, Table)]


def test_table_crossing_a_page_is_one_table_with_rows_numbered_across_pages(layout):
    (table,) = tables(layout)
    assert [row[0].row for row in table.rows] == [0, 1, 2, 3]
    assert [row[0].origin.page for row in table.rows] == [1, 1, 1, 2]


def test_header_row_repeated_on_the_next_page_is_set_aside(layout):
    (table,) = tables(layout)
    assert [c.text for c in table.rows[0]] == ["Цели", "Дейности", "Изпълнител", "Срок"]
    assert sum(1 for row in table.rows if row[0].text == "Цели") == 1
    repeated = [a for a in layout.artefacts if a.raw == "Цели\tДейности\tИзпълнител\tСрок"]
    assert [(a.reason, a.origin.page) for a in repeated] == [("running-header", 2)]


def test_row_cut_by_the_page_break_is_merged_into_one_row(layout):
    (table,) = tables(layout)
    cut = table.rows[2][1]
    assert cut.text.startswith("1.2. Предоставяне на психологически")
    assert cut.text.endswith("информационни кампании в училищата и детските градини, работа на терен с мобилни "
                             "екипи и консултиране по телефона.")
    assert "\n" not in cut.text
    assert cut.origin.page == 1


def test_page_numbers_running_header_and_signature_are_page_furniture(layout):
    reasons = sorted((a.reason, a.raw) for a in layout.artefacts if a.origin.page == 1)
    assert reasons == [
        ("page-number", "стр. 1 от 2"),
        ("running-header", "Община Пример – програма 2022"),
        ("signature", "Електронен документ, подписан с КЕП."),
    ]
    texts = [b.text for b in layout.blocks if isinstance(b, Paragraph)]
    assert texts == ["Програмата подкрепя образование и здраве на децата в общината.",
                     "Приоритетна област I: Социална политика"]


def test_word_hyphenated_at_a_line_end_is_rejoined_and_a_compound_keeps_its_hyphen(layout):
    (table,) = tables(layout)
    assert table.rows[1][1].text == "1.1. Консултации за образование на родители и деца в риск."
    assert table.rows[1][1].raw == "1.1. Консултации за образова-\nние на родители и деца в риск."
    assert table.rows[3][1].text == "2.1. Мерки за социално-икономически растеж на семействата."


def test_cells_carry_page_and_bounding_box(layout):
    (table,) = tables(layout)
    cell = table.rows[3][2]
    assert cell.text == "СО" and cell.origin.page == 2
    x0, top, x1, bottom = cell.origin.bbox
    assert x0 < x1 and top < bottom
    assert layout.source.format == "pdf" and layout.source.pages == 2


def test_pdf_fixture_is_recognised_as_an_area_with_goals_and_activities(layout):
    document = recognise(layout)
    assert [(g.number, a.number, a.deadline_raw) for _, g, a in activities(document)] == [
        ("1", "1.1", "2022 г."), ("1", "1.2", "целогодишно"), ("2", "2.1", "2022 г."),
    ]


def line(text: str, width: float, first: float, page: int = 1) -> Line:
    return Line(text=text, x0=0.0, x1=width, top=0.0, bottom=10.0, page=page, first_word_width=first)


@pytest.mark.parametrize(
    ("left", "right", "known", "expected"),
    [
        ("за образова-", "ние на", {"образование"}, "за образование на"),
        ("за социално-", "икономически растеж", set(), "за социално-икономически растеж"),
        ("за социално-", "икономически", {"социалноикономически", "социално"}, "за социално-икономически"),
        ("по-", "ниска", {"пониска", "по"}, "по-ниска"),
        ("РЦПППО – София-", "град", {"софия-"}, "РЦПППО – София- град"),
        ("София -", "град", {"-град"}, "София -град"),
        ("София -", "град", set(), "София - град"),
        ("01.2021г.-", "12.2021г.", set(), "01.2021г.-12.2021г."),
    ],
)
def test_line_end_hyphen_is_decided_by_the_word_forms_of_the_document(left, right, known, expected):
    assert join_hyphenated(left, right, known) == expected


def test_wrapped_line_joins_with_a_space_and_an_early_line_end_is_a_line_break():
    wrapped = [line("Дирекция за социално", 95.0, 40.0), line("подпомагане", 50.0, 50.0)]
    early = [line("Постоянен", 40.0, 40.0), line("2013 г.", 30.0, 20.0)]
    assert join_lines(wrapped, 100.0, 2.5, set()) == "Дирекция за социално подпомагане"
    assert join_lines(early, 100.0, 2.5, set()) == "Постоянен\n2013 г."


def test_ocr_slack_lets_a_line_a_pixel_short_of_the_cell_prove_a_word_broken():
    """`Допълнител` / `но обучение`: the whole is a word, `но` one too, so only the layout can join them; OCR's
    boxes fall a pixel or two short of the cell, which the slack forgives (and without it the lines keep a space)."""
    lines = [line("Допълнител", 56.6, 56.6), line("но обучение", 50.0, 10.8)]
    dictionary = {"допълнително", "но", "обучение"}
    assert join_lines(lines, 62.6, 2.5, set(), dictionary) == "Допълнител но обучение"
    assert join_lines(lines, 62.6, 2.5, set(), dictionary, slack=1.0) == "Допълнително обучение"


def test_a_words_last_o_wrapped_alone_and_read_as_zero_is_put_back():
    """`целогодишн` / `0`: OCR reads a lone wrapped `о` as a zero; the head is no word, with `о` it is one."""
    dictionary = {"целогодишно", "до", "година"}
    assert join_lines([line("целогодишн", 57.0, 57.0), line("0", 5.0, 5.0)], 62.0, 2.5, set(), dictionary) == (
        "целогодишно")
    # a number after a word, or a zero after a known word, stays as it is
    assert join_lines([line("година", 58.0, 58.0), line("0", 5.0, 5.0)], 62.0, 2.5, set(), dictionary) == "година 0"


def test_vocabulary_leaves_out_the_hyphenated_word_at_a_line_end():
    known = vocabulary([line("развитие на образова-", 1, 1), line("„образование“, с", 1, 1)])
    assert known == {"развитие", "на", "образование", "с"}


@pytest.mark.parametrize(
    ("name", "settings", "reason"),
    [
        ("encrypted.pdf", None, "encrypted PDF"),
        ("no-text.pdf", None, "no text"),
        ("table-across-pages.pdf", Settings(limits=Limits(max_pages=1)), "2 pages, over the limit of 1"),
    ],
)
def test_unreadable_pdf_is_a_one_line_input_error(name, settings, reason):
    with pytest.raises(InputError, match=reason) as error:
        read(FIXTURES / name, settings)
    assert "\n" not in str(error.value)


def test_damaged_pdf_is_an_input_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    with pytest.raises(InputError):
        read(path)


def test_repeated_header_read_with_a_speck_is_still_the_header():
    def cell(text: str, x0: float) -> PdfCell:
        return PdfCell(bbox=(x0, 0, x0 + 100, 20), page=1, lines=[Line(text, x0, x0 + 50, 2, 12, 1, 40)])

    first = TablePiece(page=1, bbox=(0, 0, 200, 40), cells=[cell("Цели", 0), cell("> Финансиране", 100)])
    again = TablePiece(page=2, bbox=(0, 0, 200, 40), cells=[cell("Цели", 0), cell("Финансиране", 100)])
    again.cells += [PdfCell(bbox=(0, 20, 100, 40), page=2, lines=[Line("1. Цел", 0, 50, 22, 32, 2, 40)])]
    rows, artefacts = drop_repeated_headers([first, again])
    assert [[c.raw for c in row] for row in rows[1]] == [["1. Цел"]]
    assert [a.reason for a in artefacts] == ["running-header"]


def test_a_scanned_row_merged_across_the_page_break_stays_ocrd():
    """Both halves OCR'd: the merged cell keeps the lower confidence, so scan-only repairs still see it as OCR'd."""
    def cell(text: str, top: float, page: int, confidence: float | None) -> PdfCell:
        return PdfCell(bbox=(0, top, 100, top + 20), page=page, lines=[Line(text, 0, 50, top + 2, top + 12, page, 40)],
                       confidence=confidence)

    merged = merge_cut_row([cell("|–ТУ", 700, 1, 0.9)], [cell("тримесечие 2017", 40, 2, 0.7)])
    assert [(c.confidence, [line.text for line in c.lines]) for c in merged] == [(0.7, ["|–ТУ", "тримесечие 2017"])]
    assert merge_cut_row([cell("I–IV", 700, 1, None)], [cell("тримесечие", 40, 2, None)])[0].confidence is None


WORDS = frozenset({"постоянен", "срок", "ежегодно", "ен"})


@pytest.mark.parametrize(("left", "right", "dictionary", "expected"), [
    ("Срок: Постоян", "ен", frozenset({"постоянен"}), "Срок: Постоянен"),  # neither half a word: rejoined
    ("Срок: Постоян", "ен", WORDS, "Срок: Постоян ен"),  # `ен` is a word: two words
    ("Срок", "ежегодно", WORDS, "Срок ежегодно"),  # `срокежегодно` is no word
    ("Срок: Постоян", "ен", None, "Срок: Постоян ен"),  # no dictionary: the halves are printed, so known
    ("2013", "г.", WORDS, "2013 г."),
])
def test_line_broken_inside_a_word_without_hyphen_is_rejoined_only_on_dictionary_evidence(left, right, dictionary, expected):
    known = vocabulary([Line(left, 0, 50, 0, 10, 1, 20), Line(right, 0, 20, 12, 22, 1, 20)])
    assert join_unhyphenated(left, right, known, dictionary) == expected


def test_table_printed_without_ruling_lines_is_read_from_its_header_columns():
    from extractor.api import extract
    from extractor.model.flat import activity_records

    records = activity_records(extract(FIXTURES / "borderless-table.pdf"))
    assert [(r.area, r.goal, r.goal_text, r.activity, r.activity_text, r.executors_raw, r.partners_raw, r.deadline_raw)
            for r in records] == [
        (1, "1", "Подкрепа", "1.1", "Консултации", "ДСП", "ЦОП, НПО", "целогодишно"),
        (1, "1", "Подкрепа", "1.2", "Помощи", "Община", "БЧК", "2023 г."),
        (1, "2", "Достъп", "2.1", "Такси", "Община", "", "2023 г."),
        (2, "1", "Имунизации", "1.1", "Кампания", "РЗИ", "ОПЛ", "2023 г."),
    ]
