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
