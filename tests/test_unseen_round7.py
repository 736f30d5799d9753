"""Layouts of a seventh red-team round (Стара Загора 2010, Бургас 2013, Перник 2016, Варна 2009, Велико Търново
2019, Брацигово 2014): an annex with no table, its measures written as numbered paragraphs with labelled fields
(`Срок: …`, `Отговорник: …`, on lines of their own or run into the measure's paragraph), Word list numbering kept
out of the text, a year joined to a lasting deadline by `и`, and tables printed without vertical rulings whose
area and goal rows run across the columns. Fixtures are inline converted text, Word files and PDF words.
"""

from __future__ import annotations

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from extractor.api import extract
from extractor.model.layout import Paragraph
from extractor.normalise.deadlines import parse_deadline
from extractor.readers import read
from extractor.readers.pdf_columns import unruled_tables

from .conftest import activities, document_from_text

HEAD = ["ПРИЛОЖЕНИЕ № 1", "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2010 ГОДИНА"]


def fields(activity) -> tuple:
    return (activity.number, activity.text, activity.executors_raw, activity.deadline_raw, activity.financing_raw,
            activity.expected_result)


def test_measures_written_as_paragraphs_take_the_labelled_lines_under_them_as_their_fields():
    text = "\n".join(HEAD + [
        "Приоритет 1: Здравеопазване", "Цел 1. Намаляване на заболеваемостта", "Мерки:",
        "1.1. Беседи за здравословно хранене", "Срок: 2010 г. и постоянен",
        "Отговорни институции: РЗИ, училищата", "Финансиране: в рамките на бюджета на съответната институция",
        "Очакван резултат: Обхванати 2 000 ученици",
        "1.2. Профилактични прегледи", "Финансиране: общински бюджет", "Отговорник: ОПЛ", "Срок: до 30.06.2010 г.",
        "Програмата може да бъде допълвана.",
    ])
    document = document_from_text(text)
    found = activities(document)
    assert [(area.number, goal.number) for area, goal, _ in found] == [(1, "1"), (1, "1")]
    assert [fields(a) for _, _, a in found] == [
        ("1.1", "Беседи за здравословно хранене", "РЗИ, училищата", "2010 г. и постоянен",
         "в рамките на бюджета на съответната институция", "Обхванати 2 000 ученици"),
        ("1.2", "Профилактични прегледи", "ОПЛ", "до 30.06.2010 г.", "общински бюджет", ""),  # labelled for 1.1
    ]
    assert [f.text for f in document.annex.fragments] == ["Мерки:"]  # kept, not lost
    assert document.annex.closing == ["Програмата може да бъде допълвана."]
    assert [c.header for c in document.annex.areas[0].columns] == [
        "Срок", "Отговорни институции", "Финансиране", "Очакван резултат"]


def test_labels_run_into_the_measures_paragraph_cut_it_at_sentence_ends_and_an_abbreviation_keeps_its_dot():
    text = "\n".join(HEAD + [
        "Приоритетна област I. Здравеопазване", "Оперативна цел 1.1: Ограничаване на рисковото поведение",
        "1.1.1. Беседи за вредата от тютюнопушенето. Срок: м. май. Отговорник: РЗИ – Бургас. "
        "Финансиране: общински бюджет – 2 000 лв. Очакван резултат: Обхванати 500 ученици.",
        "1.1.2. Кампания „Не на дрогата“. Срок: до 30.09.2013 г. Отговорници: МКБППМН, РУО. Финансиране: няма.",
    ])
    found = activities(document_from_text(text))
    assert [fields(a) for _, _, a in found] == [
        ("1.1.1", "Беседи за вредата от тютюнопушенето", "РЗИ – Бургас", "м. май", "общински бюджет – 2 000 лв.",
         "Обхванати 500 ученици"),
        ("1.1.2", "Кампания „Не на дрогата“", "МКБППМН, РУО", "до 30.09.2013 г.", "няма", ""),
    ]
    assert {goal.number for _, goal, _ in found} == {"1.1"}


def test_a_numbered_paragraph_without_fields_heads_the_measures_whose_numbers_extend_its_own():
    text = "\n".join(HEAD + [
        "Приоритетна област 1 – Семейна среда",
        "1. Подкрепа на родителите",
        "1.1. Групи за родители", "Отговорник: ЦОП", "Срок: постоянен",
        "2. Превенция на изоставянето",
        "2.1. Работа с бременни жени в риск", "Отговорник: ДСП", "Срок: 2016 г.",
    ])
    found = activities(document_from_text(text))
    assert [(goal.number, goal.text, a.number) for _, goal, a in found] == [
        ("1", "Подкрепа на родителите", "1.1"), ("2", "Превенция на изоставянето", "2.1")]


def test_numbered_paragraphs_without_labelled_fields_stay_text():
    text = "\n".join(HEAD + ["Приоритет 1: Здравеопазване", "1.1. Беседи", "Срок: м. май",
                             "1. Общината осигурява средства.", "2. Програмата се отчита в края на годината."])
    document = document_from_text(text)
    assert [a.number for _, _, a in activities(document)] == ["1.1"]
    assert document.annex.closing == ["1. Общината осигурява средства.", "2. Програмата се отчита в края на годината."]


def _numbered(document, level: int, text: str, num_id: int) -> None:
    paragraph = document.add_paragraph(text)
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(value))
        num_pr.append(element)
    paragraph._p.get_or_add_pPr().append(num_pr)


def _multilevel_list(document, abstract_id: int = 77, num_id: int = 77) -> None:
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    for level, pattern in enumerate(("%1.", "%1.%2.")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", pattern)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            lvl.append(element)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract_id))
    num.append(ref)
    numbering.append(num)


def test_word_list_numbering_is_read_before_each_paragraph_as_word_prints_it(tmp_path):
    document = docx.Document()
    _multilevel_list(document)
    for level, text in ((0, "Подкрепа на родителите"), (1, "Групи за родители"), (1, "Консултиране"),
                        (0, "Превенция"), (1, "Работа с бременни жени")):
        _numbered(document, level, text, 77)
    document.add_paragraph("Срок: постоянен")
    path = tmp_path / "list.docx"
    document.save(path)
    texts = [block.text for block in read(path).blocks if isinstance(block, Paragraph)]
    assert texts == ["1. Подкрепа на родителите", "1.1. Групи за родители", "1.2. Консултиране", "2. Превенция",
                     "2.1. Работа с бременни жени", "Срок: постоянен"]


def test_paragraphs_a_list_style_numbers_are_numbered_as_word_prints_them(tmp_path):
    """`List Number` paragraphs hold no number of their own: the style's list gives them `1.`, `2.`, and the
    labelled lines under them make them activities; `List Bullet` paragraphs get their bullet."""
    document = docx.Document()
    for text in ("ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2012 г.", "Приоритетна област 1: Здраве"):
        document.add_paragraph(text)
    for text, deadline in (("Профилактични прегледи", "постоянен"), ("Здравни беседи", "м. май 2012 г.")):
        document.add_paragraph(text, style="List Number")
        document.add_paragraph(f"Срок: {deadline}")
        document.add_paragraph("Отговорник: РЗИ")
    document.add_paragraph("Забележка към програмата", style="List Bullet")
    path = tmp_path / "list-style.docx"
    document.save(path)
    texts = [block.text for block in read(path).blocks if isinstance(block, Paragraph)]
    assert texts[2] == "1. Профилактични прегледи" and texts[5] == "2. Здравни беседи"
    assert texts[-1] == "• Забележка към програмата"
    found = [(a.number, a.text, a.deadline_raw, a.executors_raw) for _, _, a in activities(extract(path))]
    assert found == [("1", "Профилактични прегледи", "постоянен", "РЗИ"),
                     ("2", "Здравни беседи", "м. май 2012 г.", "РЗИ")]


@pytest.mark.parametrize(("raw", "start", "end"), [
    ("2010 г. и постоянен", "2010-01-01", "2010-12-31"),
    ("постоянен и през 2011 г.", "2011-01-01", "2011-12-31"),
])
def test_a_year_joined_to_a_lasting_deadline_by_and_bounds_it(raw, start, end):
    deadline = parse_deadline(raw, 2010)
    assert (deadline.kind, deadline.start.isoformat(), deadline.end.isoformat()) == ("permanent", start, end)


def _words(line_top: float, *cells: tuple[float, str]) -> list[dict]:
    """Words of one printed line: each (x0, text) is one word 6 pt a letter wide."""
    return [{"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": line_top, "bottom": line_top + 10}
            for x0, text in cells]


HEADER_X = (90.0, 150.0, 300.0, 400.0)


def _row(top: float, *texts: str) -> list[dict]:
    return _words(top, *zip(HEADER_X, texts))


def test_a_borderless_table_goes_on_under_an_area_row_running_across_its_columns():
    words = (_row(100, "№", "Мерки", "Срок", "Финансиране")
             + _words(115, (90.0, "I."), (103.0, "ЗДРАВЕОПАЗВАНЕ"), (193.0, "НА"), (211.0, "ДЕЦАТА"),
                      (253.0, "ВЪВ"), (277.0, "ВАРНА"))
             + _row(130, "1.1.", "Беседи", "май", "Бюджет")
             + _row(145, "1.2.", "Прегледи", "юни", "Няма"))
    tables = unruled_tables(words, 595.0)
    assert len(tables) == 2  # the header, then the rows below the area line (left out as a line of its own)
    header, body = tables
    assert len(header) == 4 and len(body) == 8
    assert min(box[1] for box in body) > 115 + 10  # the area line is in neither


def test_a_borderless_table_ends_at_prose_below_it_that_no_number_opens():
    words = (_row(100, "№", "Мерки", "Срок", "Финансиране")
             + _row(115, "1.1.", "Беседи", "май", "Бюджет")
             + _words(130, (90.0, "Програмата"), (156.0, "се"), (172.0, "отчита"), (214.0, "пред"),
                      (244.0, "общинския"), (304.0, "съвет"))
             + _words(145, (90.0, "Кмет:")))
    (table,) = unruled_tables(words, 595.0)
    assert max(box[3] for box in table) < 130


def test_a_row_far_below_the_repeated_header_of_a_page_is_still_a_row_of_its_table():
    words = _row(72, "№", "Дейност", "Срок", "Финансиране") + _row(137, "1.2.1.", "Обучение", "май", "ДДД") \
        + _row(152, "", "приемни", "", "") + _row(177, "1.2.2.", "Превенция", "юни", "Няма")
    (table,) = unruled_tables([w for w in words if w["text"]], 595.0)
    assert len(table) == 4 * 3  # header, 1.2.1 (two lines), 1.2.2
