"""Layouts of a fifth red-team round (Габрово, Сливен, Ловеч, Силистра, Търговище, Видин): areas as bare-numbered
Word headings before a table each, goals labelled `Цел 1` in the number column, `Дейност 1.` numbers, markdown
headings, a decision that decides in its basis paragraph, and cells (`ДПС при РУ`, `Няма нужда от финансиране`,
`5 хил.` under `Сума (лв.)`, `ПМС № 129`). Fixtures are inline converted text and Word files, read end to end.
"""

from __future__ import annotations

import docx
import pytest

from extractor.api import extract
from extractor.model.flat import activity_records
from extractor.normalise.amounts import header_unit, parse_amounts
from extractor.normalise.executors import load_glossary, resolve_executors
from extractor.normalise.financing import classify_financing

from .conftest import activities, document_from_text
from .test_unseen_layouts import headed_table, paragraphs

TITLE = "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2019 ГОДИНА"
HEADER = ["№", "Мерки", "Отговорник", "Срок", "Източник на финансиране"]


def _areas_as_headings(path, style: str | None, goal_rows: bool) -> None:
    """`1. Здравеопазване` and `2. Закрила` as paragraphs (in `style`, if given), one table after each."""
    document = docx.Document()
    paragraphs(document, [TITLE])
    for number, title, activity in (("1", "Здравеопазване", "Профилактични прегледи"),
                                    ("2", "Закрила от насилие", "Кампания в училищата")):
        document.add_paragraph(f"{number}. {title}", style=style)
        rows = [HEADER] + ([["Цел 1. Подкрепа", "", "", "", ""]] if goal_rows else [])
        rows.append(["Мярка 1.1.", activity, "РЗИ", "текущ", "Бюджет на РЗИ"])
        headed_table(document, rows, [(1, rows[1][0])] if goal_rows else [])
    document.save(path)


@pytest.mark.parametrize("style", ["Heading 2", None])
def test_a_bare_numbered_title_before_a_table_of_goal_rows_opens_an_area(tmp_path, rows, style):
    """`2. Закрила …` straight before a table whose first row is `Цел 1. …` names an area, set as a heading or not,
    in Word and in converted text (the goal row a line of its own)."""
    path = tmp_path / "areas.docx"
    _areas_as_headings(path, style, goal_rows=True)
    text = rows([TITLE], ["1. Здравеопазване"], HEADER, ["Цел 1. Подкрепа"],
                ["Мярка 1.1.", "Профилактични прегледи", "РЗИ", "текущ", "Бюджет на РЗИ"], [""],
                ["2. Закрила от насилие"], HEADER, ["Цел 1. Подкрепа"],
                ["Мярка 1.1.", "Кампания в училищата", "РЗИ", "текущ", "Бюджет на РЗИ"])
    expected = [(1, "Здравеопазване", "1", "1.1"), (2, "Закрила от насилие", "1", "1.1")]
    assert [(r.area, r.area_title, r.goal, r.activity) for r in activity_records(extract(path))] == expected
    assert [(a.number, a.title, g.number, x.number) for a, g, x in activities(document_from_text(text))] == expected


def test_a_numbered_word_heading_before_a_table_opens_an_area_without_goal_rows(tmp_path):
    """Set as a heading, `1. Здравеопазване` names the area of the table below even with no goal rows in it."""
    path = tmp_path / "headings.docx"
    _areas_as_headings(path, "Heading 2", goal_rows=False)
    assert [(r.area, r.area_title, r.activity_text) for r in activity_records(extract(path))] == [
        (1, "Здравеопазване", "Профилактични прегледи"), (2, "Закрила от насилие", "Кампания в училищата")]


def test_a_plain_numbered_line_before_a_table_without_goal_rows_opens_no_area(rows):
    """Neither a heading nor followed by a goal row, `1. Въведение` before the first table stays in the preamble."""
    text = rows([TITLE], ["1. Въведение към програмата"], HEADER,
                ["1.", "Профилактични прегледи", "РЗИ", "текущ", "Бюджет на РЗИ"])
    document = document_from_text(text)
    assert [(a.number, a.title) for a, _, _ in activities(document)] == [(None, "")]
    assert document.annex.preamble[-1] == "1. Въведение към програмата"


def test_markdown_heading_marks_are_markup_not_text(rows):
    """`## Приоритет 1. …` and `### Цел 1. …` in a markdown file open the area and the goal, without the `#`."""
    text = "\n".join([TITLE, "", "## Приоритет 1. Семейна среда", "", "### Цел 1. Подкрепа на родителите", "",
                      "| № | Дейност | Отговорни институции | Срок |", "|---|---|---|---|",
                      "| Дейност 1. | Училище за родители | ЦОП | текущ |"])
    (area, goal, activity), = activities(document_from_text(text))
    assert (area.number, area.title, goal.number, goal.text, activity.number) == (
        1, "Семейна среда", "1", "Подкрепа на родителите", "1")


def test_a_goal_labelled_in_the_number_column_opens_a_goal(rows):
    """`Цел 1` in the number column, the goal's text in the activity column and nothing else, is a goal row."""
    header = ["№", "Цел / дейност", "Водеща институция", "Времеви график", "Необходими средства (лв.)"]
    text = rows(["I. ЗДРАВЕ"], header, ["Цел 1", "Намаляване на заболеваемостта", "", "", ""],
                ["1.1", "Профилактични прегледи", "ОПЛ", "текущ", "Бюджет на НЗОК"],
                ["Цел 2", "Здравно образование", "", "", ""],
                ["2.1", "Беседи за хранене", "здравните кабинети", "в срок до 30.06.", "Няма нужда от финансиране"])
    found = activities(document_from_text(text))
    assert [(g.number, g.text, x.number, x.text) for _, g, x in found] == [
        ("1", "Намаляване на заболеваемостта", "1.1", "Профилактични прегледи"),
        ("2", "Здравно образование", "2.1", "Беседи за хранене")]


def test_a_number_cell_naming_the_activity_word_keeps_the_row_in_its_columns(rows):
    """`Дейност 1.` in the number column is a number: a row whose activity names bodies (`детските градини`) and
    whose budget is empty is not shifted into the executor column."""
    header = ["№", "Дейност", "Отговорни институции", "Срок", "Бюджет (лв.)", "Източник"]
    text = rows([TITLE], ["Приоритет 1. Образование"], header,
                ["Дейност 1.", "Обхващане на децата в детските градини", "РУО, ДГ", "учебната 2019/2020 година", "",
                 "Няма нужда от финансиране"])
    (_, _, activity), = activities(document_from_text(text))
    assert (activity.number, activity.text, activity.executors_raw) == (
        "1", "Обхващане на децата в детските градини", "РУО, ДГ")


def test_a_decision_deciding_in_its_basis_paragraph_is_followed_by_the_programme(rows):
    """`На основание … Общински съвет – Ловеч приема Общинска програма …` with no `РЕШИ:` line decides: the
    capitals title after it opens the annex, so its year is the programme's."""
    text = rows(["РЕШЕНИЕ № 217"], ["На основание чл. 21 от ЗМСМА Общински съвет – Ловеч приема Общинска програма "
                                    "за закрила на детето съгласно приложението."],
                ["ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО НА ОБЩИНА ЛОВЕЧ ЗА 2021 Г."],
                ["Дейност", "Срок", "Отговорни институции"], ["Летни занимания", "м. юли", "ЦПЛР"])
    document = document_from_text(text)
    assert (document.parts, document.year) == (["decision", "programme"], 2021)


@pytest.mark.parametrize(("cell", "expected"), [
    ("МКБППМН, ДПС при РУ – Ловеч", [("МКБППМН", "mkbppmn"), ("ДПС", "dps"), ("РУ – Ловеч", "ru-mvr")]),
    ("Община Сливен, Фондация „Приемна грижа – Сливен“",
     [("Община Сливен", "obshtina"), ("Фондация „Приемна грижа – Сливен“", None)]),
])
def test_executor_cells_split_at_при_and_keep_a_quoted_name_with_a_dash_whole(cell, expected):
    assert [(m.raw, m.id) for m in resolve_executors(cell, load_glossary())] == expected


@pytest.mark.parametrize("cell", ["Няма нужда от финансиране", "Не са нужни средства"])
def test_no_need_of_funds_is_not_required(cell):
    assert classify_financing(cell).categories == ["not_required"]


def test_a_scale_word_alone_under_a_header_in_leva_is_a_sum_and_a_numbered_decree_is_not():
    unit = header_unit("Сума (лв.)")
    assert [(a.value, a.currency) for a in parse_amounts("5 хил.", unit)] == [(5000.0, "BGN")]
    assert [a.value for a in parse_amounts("5 хил.", header_unit("Бюджет в хил. лв."))] == [5000.0]
    assert parse_amounts("ПМС № 129", unit) == []
