"""Area headings as rows inside one table below a single header row (Word annexes laid out as one table)."""

from __future__ import annotations

from .conftest import document_from_text


def test_area_rows_under_one_header_row_each_get_the_header_columns(rows):
    text = rows(
        ["Цели", "Дейности", "Изпълнител / Партньори", "Финансиране", "Срок за изпълнение"],
        ["Приоритетна област I: Социална политика", ""],
        ["1. Подкрепа.", "1.1. Консултации.", "ДСП", "Държавно", "целогодишно"],
        ["Приоритетна област II: Образование", ""],
        ["1. Достъп.", "1.1. Медиатори.", "РУО", "Общинско", "2022 г."],
    )
    document = document_from_text(text)
    assert [(a.number, a.title) for a in document.annex.areas] == [(1, "Социална политика"), (2, "Образование")]
    for area in document.annex.areas:
        assert [c.role for c in area.columns] == ["goal", "activity", "executor", "financing", "deadline"]
    assert [g.activities[0].executors_raw for a in document.annex.areas for g in a.goals] == ["ДСП", "РУО"]
