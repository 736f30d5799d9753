"""Cells and headers of unseen documents: deadline wordings the realigner must know, header wordings and
two-row headers whose sub-cells name no role of their own."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from extractor.api import extract
from extractor.model.flat import activity_records
from extractor.recognise.align import align_row, reads_as_deadline

from .test_docx_reader import add_table, mark_header
from .test_unseen_layouts import paragraphs

TITLE = ["ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2024 г.", "Приоритетна област 1: Закрила"]
ROLES = ["number", "activity", "executor", "partner", "deadline", "financing"]


def programme(tmp_path: Path, rows: list[list[str]], name: str = "fixture.docx", header_rows: int = 1) -> Path:
    """A programme title, an area heading and one table whose first `header_rows` rows are header rows."""
    document = docx.Document()
    paragraphs(document, TITLE)
    table = add_table(document, rows)
    for index in range(header_rows):
        mark_header(table.rows[index])
    path = tmp_path / name
    document.save(path)
    return path


# -- F1: deadlines the deadline parser reads are deadlines to the realigner too -------------------
DEADLINE_WORDINGS = [
    "при необходимост", "при нужда", "по график", "съгласно графика", "м. IX – XII 2024", "I-во тримесечие",
    "до края на годината", "в срок до 31.05.2024", "01.01 – 31.12.2024", "не по-късно от 30.06.2024",
    "2024/2025 учебна година", "целогодишно", "ежегодно",
]  # fmt: skip


@pytest.mark.parametrize("deadline", DEADLINE_WORDINGS)
def test_a_deadline_the_parser_reads_stays_in_its_column_beside_empty_cells(deadline):
    for texts in (["1.1.", "Работа по случаи", "ОЗД", "", deadline, "В рамките на бюджета"],
                  ["1.3.", "Консултации на родители", "", "", deadline, "Делегирана държавна дейност"]):
        alignment = align_row(ROLES, texts)
        assert alignment.values["deadline"] == deadline
        assert not alignment.realigned


def test_a_day_quoted_among_other_words_is_not_a_deadline_cell():
    assert not reads_as_deadline("Отбелязване на 1 юни – Ден на детето")
    assert not reads_as_deadline("Общински бюджет") and not reads_as_deadline("5 000")
    assert reads_as_deadline("по график") and reads_as_deadline("м. IX 2024")


def test_unknown_to_the_old_word_list_deadlines_keep_their_column_end_to_end(tmp_path):
    rows = [
        ["№", "Дейност", "Водещи институции", "Партниращи институции", "Срок", "Финансиране"],
        ["1.1.", "Работа по случаи на деца в риск", "ОЗД", "", "при необходимост", "В рамките на бюджета"],
        ["1.2.", "Заседания на Комисията за детето", "Общинска администрация", "ДСП", "по график", ""],
        ["1.3.", "Консултации на родители", "", "", "при нужда", "Делегирана държавна дейност"],
    ]
    records = activity_records(extract(programme(tmp_path, rows)))
    assert [(r.executors_raw, r.partners_raw, r.deadline_raw, r.deadline_kind, r.financing_raw) for r in records] == [
        ("ОЗД", "", "при необходимост", "as_needed", "В рамките на бюджета"),
        ("Общинска администрация", "ДСП", "по график", "periodic", ""),
        ("", "", "при нужда", "as_needed", "Делегирана държавна дейност"),
    ]


# -- F1b: a repair only when a cell moved ------------------------------------------------------
def test_a_row_whose_best_assignment_is_its_own_order_reports_no_realignment():
    roles = ["number", "activity", "executor", "deadline", "financing"]
    texts = ["1.1.", "Беседи в училищата", "РЗИ", "Отчет", "Общински бюджет"]  # `Отчет` fits no column better
    alignment = align_row(roles, texts)
    assert dict(zip(roles, texts)) == alignment.values and not alignment.realigned


def test_a_row_shifted_by_a_lost_cell_still_reports_its_realignment():
    roles = ["activity", "executor", "deadline", "financing"]
    alignment = align_row(roles, ["1.1. Беседи в училищата", "м. IX 2024", "Общински бюджет"])  # executor lost
    assert alignment.values == {"activity": "1.1. Беседи в училищата", "deadline": "м. IX 2024",
                                "financing": "Общински бюджет"}
    assert alignment.realigned


# -- F4: header wordings of other municipalities ---------------------------------------------------
ROW = ["1.1.", "Беседи в училищата", "РЗИ, училищата", "м. IX 2024", "Общински бюджет"]


@pytest.mark.parametrize("activity_header", ["Мероприятия", "Инициативи", "Действия"])
def test_other_words_for_activities_head_the_activity_column(tmp_path, activity_header):
    header = ["№", activity_header, "Отговорни институции", "Срок", "Финансиране"]
    (record,) = activity_records(extract(programme(tmp_path, [header, ROW])))
    assert (record.activity, record.activity_text, record.executors_raw, record.deadline_raw, record.financing_raw) == (
        "1.1", "Беседи в училищата", "РЗИ, училищата", "м. IX 2024", "Общински бюджет")


def test_a_column_naming_the_responsible_institution_and_partners_is_the_executor_column(tmp_path):
    header = ["№", "Дейност", "Отговорна институция/ партньори", "Срок", "Финансиране"]
    (record,) = activity_records(extract(programme(tmp_path, [header, ROW])))
    assert record.executors_raw == "РЗИ, училищата" and record.executors == ["rzi", "schools"]
    assert record.partners_raw is None


def test_time_for_completion_and_needed_resources_name_deadline_and_financing(tmp_path):
    header = ["№", "Дейност", "Отговорни институции", "Време за изпълнение", "Необходими ресурси"]
    (record,) = activity_records(extract(programme(tmp_path, [header, ROW])))
    assert (record.deadline_raw, record.financing_raw, record.extra_raw) == ("м. IX 2024", "Общински бюджет", None)


@pytest.mark.parametrize(("header", "role"), [
    ("Мероприятия", "activity"), ("Инициативи", "activity"), ("Действия", "activity"),
    ("Очаквано въздействие", "result"), ("Отговорна институция/ партньори", "executor"),
    ("Отговорни институции и партньори", "executor"), ("Институции-партньори", "partner"),
    ("Време за изпълнение", "deadline"), ("Ресурси", "financing"), ("Необходими ресурси", "financing"),
    ("Ресурсно осигуряване", "financing"), ("Финансово осигуряване", "financing"), ("Подцел", "goal"),
])  # fmt: skip
def test_header_wordings_of_other_municipalities_name_their_role(header, role):
    from extractor.recognise.header import role_of_header

    assert role_of_header(header) == role


def test_columns_of_no_role_keep_their_own_header_as_the_key_of_their_text():
    roles = ["number", "activity", "executor", "deadline", None, None]
    alignment = align_row(roles, ["1.1.", "Беседи в училищата", "РЗИ", "2024 г.", "м. IX 2024", "ежегодно"])
    assert alignment.values["deadline"] == "2024 г." and alignment.extras == {4: "м. IX 2024", 5: "ежегодно"}


def test_text_in_columns_of_no_role_is_keyed_by_their_headers_end_to_end(tmp_path):
    header = ["№", "Дейност", "Отговорни институции", "Срок", "Етап", "Забележка"]
    row = ["1.1.", "Беседи в училищата", "РЗИ", "2024 г.", "м. IX 2024", "ежегодно"]
    (record,) = activity_records(extract(programme(tmp_path, [header, row])))
    assert record.deadline_raw == "2024 г."
    assert record.extra_raw == "Етап: м. IX 2024\nЗабележка: ежегодно"


# -- F5: two-row headers whose sub-cells name no role of their own ---------------------------------
def two_row_programme(tmp_path: Path, top: list[str], sub: list[str], rows: list[list[str]],
                      spans: list[tuple[int, int]]) -> Path:
    """A table whose header cells in `spans` (first, last column) are merged across and the others down."""
    document = docx.Document()
    paragraphs(document, TITLE)
    table = add_table(document, [top, sub, *rows])
    mark_header(table.rows[0])
    mark_header(table.rows[1])
    spanned = set()
    for first, last in spans:
        table.cell(0, first).merge(table.cell(0, last)).text = top[first]
        spanned.update(range(first, last + 1))
    for col in range(len(top)):
        if col not in spanned:
            table.cell(0, col).merge(table.cell(1, col)).text = top[col]
    path = tmp_path / "two-row-header.docx"
    document.save(path)
    return path


@pytest.mark.parametrize(("start", "end"), [("Начало", "Край"), ("от", "до")])
def test_start_and_end_under_a_deadline_give_one_range_and_amounts_under_financing_the_budget(tmp_path, start, end):
    top = ["№", "Дейност", "Отговорни институции", "Срок", "", "Финансиране", ""]
    sub = ["", "", "", start, end, "Източник", "Размер"]
    row = ["1.1.", "Беседи в училищата", "РЗИ", "01.2024", "12.2025", "Общински бюджет", "5 000"]
    document = extract(two_row_programme(tmp_path, top, sub, [row], [(3, 4), (5, 6)]))
    (record,) = activity_records(document)
    assert (record.activity, record.activity_text) == ("1.1", "Беседи в училищата")  # no phantom activity
    assert record.deadline_raw == "01.2024 – 12.2025"
    assert (record.deadline_start.isoformat(), record.deadline_end.isoformat()) == ("2024-01-01", "2025-12-31")
    assert (record.financing_raw, record.budget_raw, record.extra_raw) == ("Общински бюджет", "5 000", None)
    assert [(c.header, c.role) for c in document.annex.areas[0].columns][3:] == [
        (f"Срок / {start}", "deadline"), (f"Срок / {end}", "deadline"),
        ("Финансиране / Източник", "financing"), ("Финансиране / Размер", "budget")]


def test_amounts_under_one_sub_column_per_source_keep_their_source_as_a_label(tmp_path):
    top = ["№", "Дейност", "Отговорни институции", "Срок", "Финансиране (лв.)", "", ""]
    sub = ["", "", "", "", "Общински бюджет", "Държавен бюджет", "Други източници"]
    rows = [["1.1.", "Беседи в училищата", "РЗИ", "2024 г.", "5 000", "", "2 000"],
            ["1.2.", "Лятна програма", "Община", "2024 г.", "1 000", "3 000", ""]]
    document = extract(two_row_programme(tmp_path, top, sub, rows, [(4, 6)]))
    records = activity_records(document)
    assert [(r.activity, r.financing_raw, r.budget_raw, r.extra_raw) for r in records] == [
        ("1.1", "Общински бюджет: 5 000; Други източници: 2 000", None, None),
        ("1.2", "Общински бюджет: 1 000; Държавен бюджет: 3 000", None, None)]
    assert sorted(records[1].financing) == ["municipal_budget", "state_budget"]


def test_a_row_with_an_activity_number_is_never_read_as_a_sub_header():
    from extractor.recognise.header import subheader_columns

    header = ["№", "Дейност", "Срок", ""]
    roles = ["number", "activity", "deadline", None]
    assert subheader_columns(header, roles, ["", "", "Начало", "Край"]) is not None
    assert subheader_columns(header, roles, ["1.1.", "", "Начало", "Край"]) is None
    assert subheader_columns(header, roles, ["", "", "01.2024", "12.2025"]) is None  # dates, not labels
