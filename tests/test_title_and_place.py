"""The programme's year and municipality when the title is set over several paragraphs or the name in capitals."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from extractor.api import extract
from extractor.model.flat import activity_records
from extractor.model.layout import Paragraph
from extractor.recognise import municipality as find_municipality

from .test_docx_reader import add_table, mark_header, save

HEADER = ["№", "Дейност", "Отговорни институции", "Срок", "Финансиране"]
ROW = ["1.1.", "Беседи в училищата", "РЗИ", "IV тримесечие", "Общински бюджет"]


def programme(tmp_path, head: list[str]):
    document = docx.Document()
    for text in [*head, "Приоритетна област 1: Здравеопазване", "Цел 1. Профилактика"]:
        document.add_paragraph(text)
    mark_header(add_table(document, [HEADER, ROW]).rows[0])
    return extract(save(document, tmp_path))


@pytest.mark.parametrize(
    "head",
    [
        ["ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО", "ЗА 2025 ГОДИНА"],
        ["ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО", "НА ОБЩИНА ШУМЕН", "ЗА 2025 Г."],
        ["ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО", "Велико Търново, 2025 година"],
    ],
)
def test_year_on_a_paragraph_after_the_title_dates_the_deadlines(tmp_path, head):
    document = programme(tmp_path, head)
    [record] = activity_records(document)
    assert document.year == 2025
    assert (record.deadline_start, record.deadline_end) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def test_title_in_capitals_runs_on_into_its_short_capital_lines(tmp_path):
    document = programme(tmp_path, ["ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО", "НА ОБЩИНА ШУМЕН", "ЗА 2025 Г."])
    assert document.title == "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО НА ОБЩИНА ШУМЕН ЗА 2025 Г."


def test_a_year_in_a_long_paragraph_after_the_title_is_not_the_programme_year(tmp_path):
    document = programme(tmp_path, [
        "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО",
        "Програмата следва Закона за закрила на детето, обнародван в Държавен вестник през 2000 г., и "
        "Националната стратегия за детето.",
    ])
    assert document.year is None


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["ОБЩИНА ДОЛНИ ЧИФЛИК"], "Община Долни чифлик"),
        (["Община Долни чифлик"], "Община Долни чифлик"),
        (["ОБЩИНА СЛИВО ПОЛЕ"], "Община Сливо поле"),
        (["Община Две могили"], "Община Две могили"),
        (["ОБЩИНА БЯЛА СЛАТИНА"], "Община Бяла Слатина"),
        (["Община Бяла за 2024 г."], "Община Бяла"),
        (["Общински съвет – Нови пазар"], "Община Нови пазар"),
        (["ОБЩИНА ГРАД ДОБРИЧ"], "Община град Добрич"),
        # the spelling the text gives in small letters wins over capitalising by rule
        (["ОБЩИНА ГОРНА МАЛИНА", "Относно: програма на Община Горна Малина"], "Община Горна Малина"),
    ],
)
def test_municipality_keeps_its_official_spelling(paragraphs, expected):
    assert find_municipality([Paragraph(text=text, raw=text) for text in paragraphs]) == expected
