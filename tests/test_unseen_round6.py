"""Layouts and cells of a sixth red-team round (Шумен, Ямбол, Кърджали, Добрич, Монтана, Разград): quarters written
`Q3 2016`, a post before its body (`Директор на ДСП`), a district team named by its town (`ОЕПГ – Добрич`), a
`Мярка` column beside the `Дейност` column, `Мярка 1.1. …` rows between a strategic goal and its activities, and an
area's label and title on two lines of one merged cell. Fixtures are inline converted text and Word files.
"""

from __future__ import annotations

import docx
import pytest

from extractor.api import extract
from extractor.model.flat import activity_records
from extractor.normalise.deadlines import parse_deadline
from extractor.normalise.executors import load_glossary, resolve_executors
from extractor.recognise.header import header_roles

from .conftest import activities, document_from_text
from .test_unseen_layouts import headed_table, paragraphs

TITLE = "ПЛАН ЗА ДЕЙСТВИЕ ЗА 2016 ГОДИНА ЗА ИЗПЪЛНЕНИЕ НА СТРАТЕГИЯТА ЗА РАЗВИТИЕ НА СОЦИАЛНИТЕ УСЛУГИ"


@pytest.mark.parametrize(("raw", "kind", "start", "end"), [
    ("Q3 2016", "date", "2016-07-01", "2016-09-30"),
    ("Q1–Q2 2021", "range", "2021-01-01", "2021-06-30"),
    ("H2 2024", "date", "2024-07-01", "2024-12-31"),
    ("q4", "month", "2021-10-01", "2021-12-31"),  # no year: the programme's
])
def test_a_quarter_or_half_written_q3_or_h2_is_that_part_of_the_year(raw, kind, start, end):
    deadline = parse_deadline(raw, 2021)
    assert (deadline.kind, deadline.start.isoformat(), deadline.end.isoformat()) == (kind, start, end)


@pytest.mark.parametrize("raw", ["Qatar 2016", "IQ2 2020", "Q5 2016", "H3 2020"])
def test_letters_and_a_digit_inside_a_word_or_past_the_parts_of_a_year_are_no_quarter(raw):
    assert parse_deadline(raw, 2021).kind == "unknown"


@pytest.mark.parametrize(("cell", "ids"), [
    ("Директор на ДСП, Община Шумен", ["dsp", "obshtina"]),
    ("Директор на Дирекция „Социални дейности“", ["d-sd"]),
    ("Директорът на РУО", ["ruo"]),
    ("директорите на училищата", ["schools"]),
    ("Председател на МКБППМН", ["mkbppmn"]),
])
def test_a_post_before_its_body_names_that_body_and_leaves_nothing_unknown(cell, ids):
    matches = resolve_executors(cell, load_glossary())
    assert [m.id for m in matches] == ids
    assert not [m.raw for m in matches if m.match == "unknown"]


def test_a_district_foster_care_team_takes_the_town_written_after_it():
    (match,) = resolve_executors("ОЕПГ – Добрич", load_glossary())
    assert (match.id, match.raw) == ("oepg", "ОЕПГ – Добрич")


def test_a_measure_column_beside_the_activity_column_is_the_goal_level():
    assert header_roles(["Мярка", "№", "Дейност", "Отговорна институция", "Срок"]) == [
        "goal", "number", "activity", "executor", "deadline"]
    # alone, or naming both, the column is the activities'
    assert header_roles(["№", "Мерки", "Отговорник", "Срок"]) == ["number", "activity", "executor", "deadline"]
    assert header_roles(["Мерки и дейности", "Отговорна институция", "Срок"]) == ["activity", "executor", "deadline"]


def test_measures_merged_down_a_first_column_are_the_goals_of_the_activities_beside_them(tmp_path):
    header = ["Мярка", "№", "Дейност", "Отговорна институция", "Срок", "Източник на финансиране"]
    rows = [header,
            ["Мярка 1.1. Ранна интервенция", "1.1.1", "Услуга за ранно детско развитие", "ЦОП", "Q1 2022", "ДДД"],
            ["", "1.1.2", "Мобилна работа със семейства", "ДСП", "2022 г.", "ДДД"],
            ["Мярка 1.2. Подкрепа за родителите", "1.2.1", "Клуб на родителите", "ЦСРИ", "2022 г.", "ДДД"]]
    document = docx.Document()
    paragraphs(document, [TITLE, "Стратегическа цел 1: Превенция на социалното изключване"])
    table = headed_table(document, rows, [])
    table.cell(1, 0).merge(table.cell(2, 0)).text = rows[1][0]
    path = tmp_path / "measures.docx"
    document.save(path)
    assert [(r.goal, r.goal_text, r.activity, r.activity_text, r.extra_raw) for r in activity_records(extract(path))] == [
        ("1.1", "Ранна интервенция", "1.1.1", "Услуга за ранно детско развитие", None),
        ("1.1", "Ранна интервенция", "1.1.2", "Мобилна работа със семейства", None),
        ("1.2", "Подкрепа за родителите", "1.2.1", "Клуб на родителите", None)]


def test_measure_rows_under_a_strategic_goal_are_goals_as_lines_of_converted_text(rows):
    """`Мярка 1.1. …` merged across the table, printed as a line of its own between the rows."""
    text = rows([TITLE], ["№", "Дейност", "Отговорник", "Срок", "Финансиране"],
                ["Стратегическа цел 1. Превенция на изоставянето"],
                ["Мярка 1.1. Развитие на услугите в общността"],
                ["1.1.1.", "Разкриване на ЦОП", "Община", "2016 г.", "Общински бюджет"],
                ["Мярка 1.2. Подкрепа на приемната грижа"],
                ["1.2.1.", "Кампания за приемни семейства", "ОЕПГ", "2016 г.", "Общински бюджет"])
    document = document_from_text(text)
    assert [(a.number, g.number, g.text, x.number) for a, g, x in activities(document)] == [
        (1, "1.1", "Развитие на услугите в общността", "1.1.1"), (1, "1.2", "Подкрепа на приемната грижа", "1.2.1")]
    assert not document.annex.fragments


def test_an_area_label_with_its_title_on_the_next_line_of_its_cell_keeps_the_title(rows):
    """`Приоритетна област 1:` / `Здраве` in one merged cell comes out of a conversion as two lines."""
    text = rows([TITLE], ["№", "Дейности", "Отговорни институции", "Срок", "Финансиране"],
                ["Приоритетна област 1:"], ["Здраве и благополучие"],
                ["1.1.", "Кампания за кърмене", "РЗИ", "2024 г.", "УНИЦЕФ"],
                ["Приоритетна област 2:"], ["Образование"],
                ["2.1.", "Допълнително обучение", "РУО", "2024 г.", "ДДД"])
    document = document_from_text(text)
    assert [(a.number, a.title, x.number) for a, _, x in activities(document)] == [
        (1, "Здраве и благополучие", "1.1"), (2, "Образование", "2.1")]
    assert not document.annex.fragments


@pytest.mark.parametrize("joint", [", ", " "])  # a conversion's comma; a PDF's printed line
def test_an_executor_labelled_in_the_activity_cell_of_a_table_without_an_executor_column_is_the_executor(rows, joint):
    text = rows(["ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2019 ГОДИНА"],
                ["Дейност / отговорник", "Срок", "Финансиране", "Очакван резултат"],
                ["Приоритетна област 1: Здравеопазване"], ["Цел 1: Профилактика"],
                [f"1.1. Информационна кампания за имунизациите{joint}Отговорник: РЗИ – Ямбол, ОПЛ", "2019 г.",
                 "Бюджет на РЗИ", "Обхванати 95% от децата"])
    ((_, _, activity),) = activities(document_from_text(text))
    assert (activity.number, activity.text, activity.executors_raw) == (
        "1.1", "Информационна кампания за имунизациите", "РЗИ – Ямбол, ОПЛ")
    assert activity.repairs[-1].raw.endswith("Отговорник: РЗИ – Ямбол, ОПЛ")  # the cell as printed kept


def test_an_executor_on_the_next_line_of_a_word_activity_cell_is_the_executor(tmp_path):
    rows = [["Дейност / отговорник", "Срок", "Финансиране"],
            ["1.1. Информационна кампания\nОтговорник: РЗИ – Ямбол, ОПЛ", "2019 г.", "Бюджет на РЗИ"]]
    document = docx.Document()
    paragraphs(document, ["ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2019 ГОДИНА", "Приоритетна област 1: Здраве"])
    headed_table(document, rows, [])
    path = tmp_path / "inline.docx"
    document.save(path)
    (record,) = activity_records(extract(path))
    assert (record.activity, record.activity_text, record.executors_raw, record.executors) == (
        "1.1", "Информационна кампания", "РЗИ – Ямбол, ОПЛ", ["rzi", "gp"])


def test_a_labelled_line_in_the_activity_cell_stays_there_beside_an_executor_column(rows):
    text = rows(["ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2019 ГОДИНА"],
                ["№", "Дейност", "Отговорник", "Срок"], ["Приоритетна област 1: Здравеопазване"],
                ["1.1.", "Кампания, Отговорник: класните ръководители", "РЗИ", "2019 г."])
    ((_, _, activity),) = activities(document_from_text(text))
    assert (activity.text, activity.executors_raw) == ("Кампания, Отговорник: класните ръководители", "РЗИ")
