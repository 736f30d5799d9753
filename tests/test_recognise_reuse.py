"""What the recogniser works out once and reuses gives the answers it gives when worked out afresh."""

from __future__ import annotations

import pytest

from extractor.recognise.align import CellText, align_row, fit
from extractor.recognise.header import header_roles

ROLES = [None, "area", "goal", "activity", "number", "executor", "partner", "financing", "budget", "deadline",
         "result", "indicator"]
CELLS = [
    "", "–", " . ", "1.", "2.1.", "2.Б.1", "1. А.1. Работа с родители", "3", "12 000 лв.", "2021", "2021 г.",
    "до 31.12.2021 г.", "целогодишно", "постоянен", "I-во тримесечие", "Дирекция „Социални дейности“",
    "СО, ЗСУ, ДСП", "Бюджет на МОН.", "Общински бюджет", "В рамките на делегирания бюджет", "Брой обучени деца",
    "Създаден регистър", "1. Подкрепа на деца с изявени дарби.", "а) Развитие на услугите",
    "Провеждане на кампании за набиране на приемни семейства в общината",
]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_a_cell_contradicts_its_column_without_the_words_that_only_back_a_role(role):
    for text in CELLS:
        cell = CellText(text)
        assert (fit(role, cell, support=False) > -1.0) == (fit(role, cell) > -1.0), text


def test_cells_read_once_per_document_align_rows_as_when_read_afresh():
    roles = ["goal", "activity", "executor", "financing", "deadline"]
    rows = [
        ["1. Подкрепа на деца", "1.1. Кампания", "СО, ЗСУ, ДСП", "Общински бюджет", "целогодишно"],
        ["", "1.2. Обучения", "СО, ЗСУ, ДСП", "Общински бюджет", "целогодишно"],
        ["", "1.3. Срещи", "целогодишно", "СО, ЗСУ, ДСП", "Общински бюджет"],  # shifted: realigned
        ["1.4. Работа с родители", "СО, ЗСУ, ДСП", "целогодишно"],  # goal and financing cells lost: realigned
    ]
    seen: dict[str, CellText] = {}
    for texts in rows:
        assert align_row(roles, texts, seen) == align_row(roles, texts)
    assert set(seen) == {text for texts in rows for text in texts}


def test_header_roles_remembered_from_an_earlier_table_are_the_roles_read_afresh():
    header = ["Цели", "Дейности", "Изпълнител / Партньори", "Финансиране", "Срок за изпълнение"]
    known: dict = {}
    assert header_roles(header, known) == header_roles(header) == ["goal", "activity", "executor", "financing",
                                                                   "deadline"]
    assert header_roles(list(header), known) == header_roles(header)
    assert header_roles(["Цели", "Очаква ни резулт ати"], known) is None  # no activity column: no header


def test_a_row_with_a_cell_too_long_for_a_header_is_no_header_row():
    assert header_roles(["Дейности", "Срок", "Изпълнител " + "и партньори " * 5]) is None


NUMBER_TEXTS = CELLS + [
    " 2.1. Кампания", "\u00a03.А.2 Срещи", "Дейност 1.2. Обучения", "Мярка № 3.1.", "Задача 2.1 Доклад",
    "задача 2.1", "Дейности по проекта", "Министерство на труда", "Z.1", "A.1. Latin", "5) Провеждане",
    "5. „Кампания“", "\x1c1.2. Срещи", "  ", "12.3.4 Работа", "1 . 2 . Работа",
]  # fmt: skip


def test_an_activity_number_looked_for_only_where_the_first_character_allows_one_is_found_as_before():
    from extractor.recognise.numbering import ACTIVITY_NUMBER, SINGLE_NUMBER, match_activity_number, numbered_activity

    for text in NUMBER_TEXTS:
        expected = ACTIVITY_NUMBER.match(text)
        found = match_activity_number(text)
        assert (found and found.span()) == (expected and expected.span()), text
        single = expected or SINGLE_NUMBER.match(text)
        numbered = numbered_activity(text, found, single_level=True)
        assert numbered.raw == (single.group(0).strip() if single else None), text


def test_an_activity_number_loses_every_kind_of_space_and_its_last_dot():
    from extractor.recognise.numbering import normalise_activity_number

    assert normalise_activity_number("1. А.\u00a01.") == "1.А.1"
    assert normalise_activity_number("2 .\u2009B . 3") == "2.В.3"


def test_a_cell_opening_with_a_letter_is_neither_an_amount_nor_a_row_count():
    from extractor.recognise.align import AMOUNT, ROW_NUMBER

    for text in NUMBER_TEXTS:
        cell = CellText(text)
        if cell.letter_first:
            assert AMOUNT.fullmatch(text) is None and ROW_NUMBER.fullmatch(text) is None, text
    assert not CellText("12 000 лв.").letter_first and CellText("Общински бюджет").letter_first
