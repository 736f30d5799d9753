"""OCR of cells page OCR passed over, and numbers it read short: small drawn pages, Tesseract mocked where the shape
of its answer is the point."""

from __future__ import annotations

import numpy as np
import pytest

from extractor.readers import ocr
from extractor.readers.grid import GridCell, TableGrid
from extractor.settings import OcrOptions

from .test_ocr import numbers_page


def five_column_grid(rows: int) -> tuple[TableGrid, list[GridCell]]:
    """A 5-column grid, 80 px rows from y=20: columns 20-130-240-350-460-580, each narrow (under a quarter)."""
    cols = (20, 130, 240, 350, 460, 580)
    cells = [GridCell(r, c, 1, 1, (cols[c], 20 + 80 * r, cols[c + 1], 100 + 80 * r)) for r in range(rows) for c in range(5)]
    grid = TableGrid((20, 20, 580, 20 + 80 * rows), tuple(20 + 80 * r for r in range(rows + 1)), cols, tuple(cells))
    return grid, cells


def ink_at(shape: tuple[int, int], *boxes: tuple[int, int, int, int]) -> np.ndarray:
    ink = np.zeros(shape, dtype=bool)
    for x0, y0, x1, y1 in boxes:
        ink[y0:y1, x0:x1] = True
    return ink


def test_a_blank_cell_in_any_column_of_a_row_with_words_is_found_and_marked_narrow_where_a_number_may_stand():
    grid, cells = five_column_grid(3)
    ink = ink_at((300, 600), (370, 40, 420, 60), (170, 120, 200, 140), (370, 200, 420, 220))
    words = [ocr.Word("Activity", 0.95, (30, 40, 140, 60), (1, 1, 1)),   # row 0: a word in column 0
             ocr.Word("Activity", 0.95, (30, 120, 140, 140), (1, 1, 2)),  # row 1: a word in column 0
             ocr.Word("1.", 0.95, (165, 118, 205, 142), (1, 1, 2))]       # …and one over the ink in column 1
    found = ocr.blank_cells(ink, words, [grid], 200)
    # row 0, column 3: ink, no word; row 1, column 1 holds a word; row 2 has no word at all (a blank row stays blank)
    assert [(cell, narrow) for _, cell, narrow in found] == [(cells[3].box, True)]
    assert found[0][0] == (370, 40, 420, 60)


def test_a_short_number_page_ocr_passed_over_in_a_later_narrow_column_is_read_from_its_ink():
    gray, boxes, _ = numbers_page(["2.1."])
    x0, y0, x1, y1 = boxes[0]
    shifted = np.full_like(gray, 255)
    shifted[:, 150:290] = gray[:, 20:160]  # the number moved into column 1 (130-240)
    grid, cells = five_column_grid(1)
    words = [ocr.Word("Activity", 0.95, (470, y0, 570, y1), (1, 1, 0))]
    blank = ocr.blank_numbering_cells(shifted < 128, words, [grid], 200)
    assert [cell for _, cell in blank] == [cells[1].box]
    with ocr.single_threaded_tesseract():
        fixed, changed = ocr.reread_numbers(shifted, words, [c.box for c in cells], OcrOptions(dpi=200), blank)
    assert [text for _, text in changed] == ["2.1."] and fixed[-1].text == "2.1."


def test_the_text_read_from_a_blank_cell_joins_the_words_where_its_ink_stands(monkeypatch):
    import pytesseract

    gray = np.full((200, 600), 255, dtype=np.uint8)
    gray[40:60, 320:380] = 0  # the ink of a word in the cell (300, 20, 450, 100)
    seen = {}

    def reads(image, **kwargs):
        seen["config"] = kwargs["config"]
        top = (image.height - 20) // 2  # one crop: it stands between two gaps
        gap = top
        return {"text": ["ДДД", "'", "~"], "conf": [88, 91, 20], "left": [gap + 3, gap + 40, gap + 50],
                "top": [top, top, top], "width": [60, 3, 5], "height": [20, 5, 5],
                "block_num": [1, 1, 1], "par_num": [1, 1, 1], "line_num": [1, 1, 1]}

    monkeypatch.setattr(pytesseract, "image_to_data", reads)
    words = [ocr.Word("Activity", 0.95, (30, 40, 140, 60), (1, 1, 1))]
    fixed, changed = ocr.read_blank_cells(gray, gray < 128, words, [((320, 40, 380, 60), (300, 20, 450, 100))],
                                          OcrOptions(dpi=200))
    assert "--psm 6" in seen["config"]
    assert [w.text for w in fixed] == ["Activity", "ДДД"]  # a mark alone and a doubted word are dust
    x0, y0, x1, y1 = fixed[1].box
    assert 300 <= x0 < x1 <= 450 and 20 <= y0 < y1 <= 100 and abs(x0 - 320) <= 10
    assert fixed[1].line != words[0].line and fixed[1].raw == ""
    assert [text for _, text in changed] == ["ДДД"]


@pytest.mark.parametrize(("width", "height", "expected"), [
    (20, 3, "–"),     # as wide as an x-height: an en dash
    (10, 3, "-"),     # half as wide: a hyphen
    (20, 12, None),   # a block, not a stroke
    (4, 3, None),     # a dot
])
def test_a_blank_cell_whose_ink_is_one_thin_stroke_is_a_dash(width, height, expected):
    crop = np.zeros((30, 60), dtype=bool)
    crop[10:10 + height, 5:5 + width] = True
    assert ocr.lone_dash(crop, 20.0) == expected


def test_a_stroke_broken_in_two_is_no_dash():
    crop = np.zeros((30, 60), dtype=bool)
    crop[10:13, 5:12] = crop[10:13, 16:25] = True
    assert ocr.lone_dash(crop, 20.0) is None


@pytest.mark.parametrize(("text", "confidence", "reread", "extent", "taken"), [
    ("1.", 0.44, "1.1", (40, 88), True),      # the stop and digit page OCR lost, inside its box
    ("1.", 0.44, "1.1", (40, 130), False),    # the new digit lies beyond the box: a speck
    ("1.", 0.95, "1.1", (40, 88), False),     # a sure reading stays
    ("2.", 0.44, "1.1", (40, 88), False),     # the word's own digit is not kept
])
def test_a_re_read_with_one_more_digit_is_taken_only_from_inside_a_doubted_word(text, confidence, reread, extent, taken):
    word = ocr.Word(text, confidence, (40, 40, 90, 70), (1, 1, 1))
    cell = (20, 20, 300, 100)
    left, _ = ocr.crop_origin(word.box, cell)
    offset = 30  # where the crop stands in the stack
    within = ocr.within_word(word, cell, offset, [(extent[0] - left + offset, extent[1] - left + offset)])
    assert ocr.added_inside(word, reread, within) is taken


# ---------------------------------------------------------------- numbers put right from the table around them

from extractor.model.layout import Cell, Table  # noqa: E402
from extractor.readers.ocr_repair import (  # noqa: E402
    Heading, repair_heading_numbers, repair_letter_sequence, repair_number_sequence,
)
from extractor.readers.pdf import repair_scanned_numbers  # noqa: E402


def numbers_of(headings):
    return [number for number, _ in repair_heading_numbers(headings)]


def test_a_heading_number_read_as_cyrillic_before_a_title_is_the_roman_number_it_looks_like():
    headings = [Heading("П", "Превенция на зависимостите", inline=True), Heading("П", "ДЕИНСТИТУЦИОНАЛИЗАЦИЯ", inline=False)]
    assert numbers_of(headings) == ["II", "II"]


def test_an_initial_before_a_name_is_no_heading_number():
    assert numbers_of([Heading("П", "Петрова", inline=True), Heading("П", "Петрова", inline=False)]) == ["П", "П"]


def test_one_among_roman_headings_of_its_kind_is_the_roman_one():
    headings = [Heading("1", "ЗДРАВЕ И ЗДРАВНА ПРОФИЛАКТИКА", inline=True),
                Heading("П", "СОЦИАЛНА ЗАКРИЛА", inline=True),
                Heading("1", "Подкрепа на семейства в риск", inline=True)]  # a goal: another kind, no Roman among its kind
    fixed = repair_heading_numbers(headings)
    assert [number for number, _ in fixed] == ["I", "II", "1"]
    assert [(r.before, r.after, r.rule) for r in fixed[0][1]] == [("1", "I", "roman-numeral")]


def test_headings_counting_in_digits_keep_their_ones():
    headings = [Heading("1", "ЗДРАВЕ", inline=False), Heading("2", "ОБРАЗОВАНИЕ", inline=False),
                Heading("П", "СОЦИАЛНА ЗАКРИЛА", inline=False)]
    assert numbers_of(headings) == ["1", "2", "II"]


@pytest.mark.parametrize(("column", "expected"), [
    (["Цел 1", "11", "1.2"], [None, "1.1", None]),           # before 1.2: 1.1
    (["1.1.", "12", "Цел 2"], [None, "1.2.", None]),         # after 1.1.: 1.2., stopped the same way
    (["2.1.1.", "212", "2.1.3."], [None, "2.1.2.", None]),
    (["1.1", "11", "1.3"], [None, None, None]),              # neither neighbour's next or previous
    (["10.", "11", "12."], [None, None, None]),              # a count with no inner stops
    (["11", "Цел 2", "2.1"], [None, None, None]),
])
def test_a_number_whose_stops_ocr_lost_is_stopped_as_its_neighbour_in_the_column(column, expected):
    assert [fix and fix[0] for fix in repair_number_sequence(column)] == expected


def test_a_six_after_an_a_in_a_column_of_lettered_items_is_the_letter_be():
    column = ["а) Профилактични прегледи", "6) Осигуряване на кабинети", None, "а)", "6)", "6) 600 лв."]
    fixed = repair_letter_sequence(column)
    assert [fix and fix[0] for fix in fixed] == [None, "б) Осигуряване на кабинети", None, None, "б)", None]
    assert [(r.before, r.after) for r in fixed[1][1]] == [("6)", "б)")]


def cell(row, col, text, span=1, scanned=True):
    return Cell(row=row, col=col, text=text, raw=text, col_span=span, confidence=0.9 if scanned else None)


def test_scanned_tables_get_their_heading_numbers_and_sequences_put_right_and_recorded():
    rows = [[cell(0, 0, "1. ЗДРАВЕ И ЗДРАВНА ПРОФИЛАКТИКА", span=3)],
            [cell(1, 0, "14"), cell(1, 1, "Прегледи"), cell(1, 2, "ОПЛ")],
            [cell(2, 0, "1.2"), cell(2, 1, "Ваксинации"), cell(2, 2, "РЗИ")],
            [cell(3, 0, "П. СОЦИАЛНА ЗАКРИЛА", span=3)]]
    table = Table(index=0, rows=rows)
    artefacts = repair_scanned_numbers([table])
    assert [[c.text for c in row] for row in table.rows] == [
        ["I. ЗДРАВЕ И ЗДРАВНА ПРОФИЛАКТИКА"], ["14", "Прегледи", "ОПЛ"], ["1.2", "Ваксинации", "РЗИ"],
        ["II. СОЦИАЛНА ЗАКРИЛА"]]  # `14` is no `11`: digits never change
    assert sorted(a.raw for a in artefacts) == ["1 → I", "П → II"]
    assert table.rows[0][0].raw == "1. ЗДРАВЕ И ЗДРАВНА ПРОФИЛАКТИКА"


def test_tables_read_from_a_text_layer_are_left_as_printed():
    rows = [[cell(0, 0, "1. ЗДРАВЕ", span=2, scanned=False)], [cell(1, 0, "11", scanned=False), cell(1, 1, "А", scanned=False)],
            [cell(2, 0, "1.2", scanned=False), cell(2, 1, "Б", scanned=False)], [cell(3, 0, "II. ОБРАЗОВАНИЕ", span=2, scanned=False)]]
    table = Table(index=0, rows=rows)
    assert repair_scanned_numbers([table]) == []
    assert table.rows[0][0].text == "1. ЗДРАВЕ" and table.rows[1][0].text == "11"


# ---------------------------------------------------------------- words and marks of one cell

from extractor.readers.ocr_repair import Lexicon, repair_ocr_text, repair_with_lexicon  # noqa: E402

WORDS = frozenset({"изпълнен", "бременни", "риск", "училищата", "лагер", "деца", "светла", "дом", "в", "на", "за", "от", "общината"})


def lexicon_of(*document: str) -> Lexicon:
    return Lexicon.of(document, WORDS, frozenset({"ОЗД", "ДДД", "ОбСНВ", "МВНР"}))


@pytest.mark.parametrize(("token", "fixed"), [
    ("ДДд", "ДДД"), ("Ддд", "ДДД"), ("ОзД", "ОЗД"), ("озД", "ОЗД"),  # a letter's case lost in a known abbreviation
    ("бременнив", "бременни в"), ("училищатав", "училищата в"), ("лагерза", "лагер за"),  # a preposition run in
    ("в8", "в 8"),                                                       # a preposition run into a number
])
def test_clear_word_misreads_are_repaired_against_the_lexicon(token, fixed):
    assert repair_with_lexicon(token, lexicon_of())[0] == fixed


@pytest.mark.parametrize("token", [
    "ОбСНВ",      # printed so in the glossary
    "Дом",        # a capitalised word
    "Светлана",   # a capitalised name ending as a word and a preposition
    "Ддх",        # capitals of no abbreviation
    "домза",      # `дом` is too short a word to cut after
    "изпълненна", # a doubled letter at the cut: a misspelling, not a lost space
])
def test_known_forms_names_and_unclear_tokens_stay(token):
    assert repair_with_lexicon(token, lexicon_of()) == (token, [])


def test_an_abbreviation_printed_with_a_small_letter_among_capitals_keeps_its_case():
    from extractor.readers.ocr_repair import _abbreviation_mixed_case

    assert _abbreviation_mixed_case("МВнР", lexicon_of()) is None and _abbreviation_mixed_case("ОзД", lexicon_of()) == "ОЗД"


def test_a_mixed_case_form_the_document_prints_as_often_stays():
    assert repair_with_lexicon("ОзД", lexicon_of("ОзД ОзД ОзД ОзД"))[0] == "ОзД"


@pytest.mark.parametrize(("text", "fixed"), [
    ("до 30.06.2018 Р.", "до 30.06.2018 г."),
    ("Обхванати 95 Фо от децата", "Обхванати 95 % от децата"),
    ("95Фо", "95%"),
])
def test_a_year_mark_and_a_per_cent_sign_misread_after_numbers_are_put_back(text, fixed):
    assert repair_ocr_text(text)[0] == fixed


@pytest.mark.parametrize("text", ["Р. Петрова", "2018 Р.Иванов", "Фонд", "5 Фонда", "с. Фо"])
def test_r_and_fo_elsewhere_stay(text):
    assert repair_ocr_text(text)[0] == text


def test_a_year_mark_and_a_per_cent_sign_wrapped_onto_the_next_line_of_a_cell_are_put_back():
    from extractor.readers.ocr_repair import repair_cell_text

    assert repair_cell_text("до 30.06.2018\nР.")[0] == "до 30.06.2018\nг."
    assert repair_cell_text("Обхванати 95\nФо от децата")[0] == "Обхванати 95\n% от децата"
