"""Structures of small municipalities not in samples/: levels written only with numbers, closing totals, bullets.

Fixtures are written here (Word through python-docx, or tab-separated text) and read end to end through `extract`.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from extractor.api import extract
from extractor.model.flat import activity_records
from extractor.recognise.numbering import split_bullet

from .test_docx_reader import add_table, mark_header
from .test_unseen_layouts import headed_table, paragraphs

TITLE = "ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2024 г."
HEADER = ["№", "Дейност", "Отговорни институции", "Срок", "Финансиране"]
TALKS = ["1.1.1.", "Беседи в училищата", "РЗИ", "2024 г.", "Общински бюджет"]
SCREENING = ["1.1.2.", "Скрининг на зрението", "Здравни кабинети", "м. май 2024 г.", "Не изисква средства"]
FOSTER = ["1.2.1.", "Кампания за приемна грижа", "ДСП", "2024 г.", "Държавен бюджет"]
SUMMER = ["2.1.1.", "Летни занимания", "Читалища", "юли 2024 г.", "Общински бюджет"]


def save(document, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    document.save(path)
    return path


def one_table(tmp_path: Path, name: str, rows: list[list[str]], merged=(), before=(TITLE,)) -> Path:
    document = docx.Document()
    paragraphs(document, list(before))
    headed_table(document, [HEADER, *rows], [(index + 1, rows[index][0]) for index in merged])
    return save(document, tmp_path, name)


def tree(path: Path) -> list[tuple]:
    """(area, area title, goal, goal text, activity, activity text) of every record."""
    return [(r.area, r.area_title, r.goal, r.goal_text, r.activity, r.activity_text)
            for r in activity_records(extract(path))]


# -- F3: levels written only with numbers ------------------------------------------------------
def test_number_rows_with_empty_cells_head_the_rows_their_numbers_extend_as_area_and_goal(tmp_path):
    rows = [["1.", "ЗДРАВЕОПАЗВАНЕ", "", "", ""], ["1.1.", "Здравна профилактика", "", "", ""], TALKS, SCREENING,
            ["1.2.", "Приемна грижа", "", "", ""], FOSTER, ["2.", "СВОБОДНО ВРЕМЕ", "", "", ""],
            ["2.1.", "Занимания през лятото", "", "", ""], SUMMER]
    assert tree(one_table(tmp_path, "levels.docx", rows)) == [
        (1, "ЗДРАВЕОПАЗВАНЕ", "1.1", "Здравна профилактика", "1.1.1", "Беседи в училищата"),
        (1, "ЗДРАВЕОПАЗВАНЕ", "1.1", "Здравна профилактика", "1.1.2", "Скрининг на зрението"),
        (1, "ЗДРАВЕОПАЗВАНЕ", "1.2", "Приемна грижа", "1.2.1", "Кампания за приемна грижа"),
        (2, "СВОБОДНО ВРЕМЕ", "2.1", "Занимания през лятото", "2.1.1", "Летни занимания"),
    ]


@pytest.mark.parametrize("repeated", ["1.1", "1.1."])
def test_first_activity_numbered_like_its_heading_row_is_read_as_the_headings_first_activity(tmp_path, repeated):
    """`1.1.1` misprinted, or misread by OCR, as the `1.1.` of the full-width goal row above it."""
    rows = [["1.1. Здравна профилактика", "", "", "", ""], [repeated, *TALKS[1:]], SCREENING,
            ["1.2. Приемна грижа", "", "", "", ""], FOSTER]
    path = one_table(tmp_path, "repeated.docx", rows, merged=(0, 3))
    assert [row[2:] for row in tree(path)] == [
        ("1.1", "Здравна профилактика", "1.1.1", "Беседи в училищата"),
        ("1.1", "Здравна профилактика", "1.1.2", "Скрининг на зрението"),
        ("1.2", "Приемна грижа", "1.2.1", "Кампания за приемна грижа"),
    ]
    first = extract(path).annex.areas[0].goals[0].activities[0]
    assert (first.number_raw, [r.kind for r in first.repairs]) == (repeated, ["number-inferred"])


def test_with_two_levels_only_a_number_row_with_empty_cells_heads_its_rows_as_a_goal(tmp_path):
    rows = [["1.", "Здравна профилактика", "", "", ""], ["1.1.", "Беседи в училищата", "РЗИ", "2024 г.", "-"],
            ["2.", "Приемна грижа", "", "", ""], ["2.1.", "Кампания за приемна грижа", "ДСП", "2024 г.", "-"]]
    assert [(g, text, a) for _, _, g, text, a, _ in tree(one_table(tmp_path, "two-levels.docx", rows))] == [
        ("1", "Здравна профилактика", "1.1"), ("2", "Приемна грижа", "2.1")]


def test_a_number_row_with_filled_cells_or_not_extended_by_the_next_number_stays_an_activity(tmp_path):
    rows = [["1.", "Беседи в училищата", "РЗИ", "2024 г.", ""], ["1.1.", "Скрининг на зрението", "РЗИ", "2024 г.", ""],
            ["2.", "Кампания за приемна грижа", "", "", ""], ["3.", "Летни занимания", "Читалища", "2024 г.", ""]]
    records = tree(one_table(tmp_path, "flat.docx", rows))
    assert [(g, a) for _, _, g, _, a, _ in records] == [(None, "1"), (None, "1.1"), (None, "2"), (None, "3")]


def test_merged_rows_numbered_without_the_word_goal_head_the_activities_below_as_goals(tmp_path):
    rows = [["Приоритетна област 1: Здраве"] + [""] * 4, ["1.1. Здравна профилактика"] + [""] * 4, TALKS, SCREENING,
            ["1.2. Приемна грижа"] + [""] * 4, FOSTER]
    assert [(a, g, text, n) for a, _, g, text, n, _ in tree(one_table(tmp_path, "merged.docx", rows, (0, 1, 4)))] == [
        (1, "1.1", "Здравна профилактика", "1.1.1"), (1, "1.1", "Здравна профилактика", "1.1.2"),
        (1, "1.2", "Приемна грижа", "1.2.1")]


def test_a_numbered_capitals_paragraph_straight_before_each_table_opens_an_area(tmp_path):
    document = docx.Document()
    paragraphs(document, [TITLE, "1. ВЪВЕДЕНИЕ", "Програмата е разработена съгласно закона."])
    for heading, goal, row in (("1. ЗДРАВЕОПАЗВАНЕ", "1.1. Здравна профилактика", TALKS),
                               ("2. СВОБОДНО ВРЕМЕ", "2.1. Занимания през лятото", SUMMER)):
        document.add_paragraph(heading)
        headed_table(document, [HEADER, [goal] + [""] * 4, row], [(1, goal)])
    doc = extract(save(document, tmp_path, "area-paragraphs.docx"))
    assert [(r.area, r.area_title, r.goal, r.activity) for r in activity_records(doc)] == [
        (1, "ЗДРАВЕОПАЗВАНЕ", "1.1", "1.1.1"), (2, "СВОБОДНО ВРЕМЕ", "2.1", "2.1.1")]
    assert [area.label for area in doc.annex.areas] == ["", ""]
    assert doc.annex.preamble == [TITLE, "1. ВЪВЕДЕНИЕ", "Програмата е разработена съгласно закона."]
    assert not doc.annex.fragments


def test_in_text_goal_lines_numbered_by_depth_between_table_rows_open_goals(tmp_path):
    lines = [TITLE, "1. ЗДРАВЕОПАЗВАНЕ", "\t".join(HEADER), "1.1. Здравна профилактика", "\t".join(TALKS),
             "\t".join(SCREENING), "1.2. Приемна грижа", "\t".join(FOSTER), "2. СВОБОДНО ВРЕМЕ", "\t".join(HEADER),
             "2.1. Занимания през лятото", "\t".join(SUMMER)]
    path = tmp_path / "levels.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = extract(path)
    assert [(r.area, r.area_title, r.goal, r.goal_text, r.activity) for r in activity_records(doc)] == [
        (1, "ЗДРАВЕОПАЗВАНЕ", "1.1", "Здравна профилактика", "1.1.1"),
        (1, "ЗДРАВЕОПАЗВАНЕ", "1.1", "Здравна профилактика", "1.1.2"),
        (1, "ЗДРАВЕОПАЗВАНЕ", "1.2", "Приемна грижа", "1.2.1"),
        (2, "СВОБОДНО ВРЕМЕ", "2.1", "Занимания през лятото", "2.1.1"),
    ]
    assert not doc.annex.fragments


def test_a_numbered_paragraph_before_a_table_whose_numbers_do_not_extend_it_stays_text(tmp_path):
    document = docx.Document()
    paragraphs(document, [TITLE, "Приоритетна област 1: Здраве", "3.1. Виж също раздел 3.1 от стратегията"])
    headed_table(document, [HEADER, TALKS], [])
    doc = extract(save(document, tmp_path, "unrelated.docx"))
    assert [(r.goal, r.activity) for r in activity_records(doc)] == [(None, "1.1.1")]
    assert [f.text for f in doc.annex.fragments] == ["3.1. Виж също раздел 3.1 от стратегията"]


# -- F6: a closing totals row ------------------------------------------------------------------
def test_a_closing_total_row_is_kept_as_a_fragment_and_not_glued_onto_the_last_activity(tmp_path):
    rows = [["Приоритетна област 1: Здраве", "", "", "", ""],
            ["1.1.", "Беседи в училищата", "РЗИ", "2024 г.", "5 000 лв."],
            ["1.2.", "Общо събрание на родителите", "Училищата", "2024 г.", "12 500 лв."],
            ["", "ОБЩО:", "", "", "17 500 лв."]]
    doc = extract(one_table(tmp_path, "total.docx", rows, (0,)))
    records = activity_records(doc)
    assert [(r.activity_text, r.financing_raw) for r in records] == [
        ("Беседи в училищата", "5 000 лв."), ("Общо събрание на родителите", "12 500 лв.")]
    assert [(f.reason, f.text) for f in doc.annex.fragments] == [("table total", "ОБЩО: | 17 500 лв.")]


def test_total_rows_labelled_in_the_first_column_with_their_sum_are_kept_as_fragments_in_text_tables(tmp_path):
    lines = [TITLE, "\t".join(HEADER), "Приоритетна област 1: Здраве", "\t".join(TALKS), "Общо за област 1:\t\t\t\t5 000 лв.",
             "Приоритетна област 2: Свободно време", "\t".join(SUMMER), "Всичко: 7 000 лв.\t\t\t\t"]
    path = tmp_path / "totals.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = extract(path)
    assert [(r.area, r.activity_text, r.financing_raw) for r in activity_records(doc)] == [
        (1, "Беседи в училищата", "Общински бюджет"), (2, "Летни занимания", "Общински бюджет")]
    assert [f.text for f in doc.annex.fragments if f.reason == "table total"] == [
        "Общо за област 1: | 5 000 лв.", "Всичко: 7 000 лв."]


# -- F7: bullet markers --------------------------------------------------------------------------
def test_a_bullet_marker_is_taken_off_the_activity_text_and_kept_as_its_printed_number(tmp_path):
    rows = [["Приоритетна област 1: Здраве", "", "", ""], ["Цел 1: Профилактика", "", "", ""],
            ["• Беседи в училищата", "РЗИ", "2024 г.", "Общински бюджет"],
            ["- Скрининг на зрението", "РЗИ", "2024 г.", "Общински бюджет"],
            ["▪ Летни занимания", "Читалища", "2024 г.", "Общински бюджет"],
            ["o Кампания за приемна грижа", "ДСП", "2024 г.", "Държавен бюджет"],
            ["* Прегледи на децата до 7-годишна възраст", "ОПЛ", "2024 г.", "НЗОК"]]
    document = docx.Document()
    paragraphs(document, [TITLE])
    headed_table(document, [["Дейности", "Отговорници", "Срок", "Финансиране"], *rows],
                 [(1, rows[0][0]), (2, rows[1][0])])
    doc = extract(save(document, tmp_path, "bullets.docx"))
    activities = doc.annex.areas[0].goals[0].activities
    assert [(a.number, a.number_raw, a.text) for a in activities] == [
        (None, "•", "Беседи в училищата"), (None, "-", "Скрининг на зрението"), (None, "▪", "Летни занимания"),
        (None, "o", "Кампания за приемна грижа"), (None, "*", "Прегледи на децата до 7-годишна възраст")]
    assert all(not a.repairs for a in activities)


def test_a_dash_or_letter_o_joined_to_the_word_after_it_is_not_a_bullet():
    for text in ("-годишни прегледи", "–3 дни", "oбучение на родители", "Обучение на родители", "2024 г."):
        assert split_bullet(text) == (None, None, text)
    assert split_bullet("►  Летни занимания") == (None, "►", "Летни занимания")
