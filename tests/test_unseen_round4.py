"""Layouts of a fourth red-team round (Русе, Плевен, Враца, Хасково, Пазарджик, Благоевград): activities lettered
`а)`, `б)` in the activity cell or the number column, goals lettered with capitals (`А. …`), areas as unnumbered
rows in capitals and as a Roman number in the number column beside the title. Fixtures are inline converted text
(tab-separated rows, merged rows as lines of their own) and Word tables, read end to end.
"""

from __future__ import annotations

import docx

from extractor.api import extract
from extractor.model.flat import activity_records

from .conftest import activities, document_from_text
from .test_unseen_layouts import headed_table, paragraphs

TITLE = "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2012 ГОДИНА"


def test_activities_lettered_in_the_activity_cell_are_activities_of_their_own(rows):
    """`б) …` opens a row in lower case yet is the next lettered activity, not the rest of `а) …`."""
    text = rows(["Приоритет 1. Здравеопазване"], ["Цели", "Дейности", "Срок", "Отговорни институции", "Финансиране"],
                ["Цел 1. Детско здраве", "а) Профилактични прегледи", "постоянен", "ОПЛ", "в рамките на бюджета"],
                ["", "б) Здравни кабинети в училищата", "м. март", "Община Враца", "Общински бюджет"])
    found = activities(document_from_text(text))
    assert [(g.number, a.number, a.text, a.deadline_raw) for _, g, a in found] == [
        ("1", "а", "Профилактични прегледи", "постоянен"), ("1", "б", "Здравни кабинети в училищата", "м. март")]


def test_a_letter_out_of_sequence_opening_a_row_goes_on_the_activity_above(rows):
    """`в) …` after an activity that is not `б` is an enumeration inside an activity cut by a page break."""
    text = rows(["Приоритет 1. Здравеопазване"], ["№", "Дейност", "Срок", "Отговорни институции", "Финансиране"],
                ["1.", "Беседи по темите: а) хранене, б) хигиена,", "ежегодно", "РЗИ", "Общински бюджет"],
                ["", "в) спорт", "", "", ""])
    (_, _, activity), = activities(document_from_text(text))
    assert (activity.number, activity.text) == ("1", "Беседи по темите: а) хранене, б) хигиена, в) спорт")


def test_a_number_column_lettering_activities_keeps_cells_in_their_columns(rows):
    """A `№` column of `а)`, `б)` is read as numbers, not realigned into the activity and executor columns."""
    text = rows(["Стратегическа цел 1: Подкрепа за детето"], ["Оперативна цел 1.1. Превенция"],
                ["№", "Дейности", "Отговорна институция", "Партньори", "Срок за изпълнение", "Необходими ресурси"],
                ["а)", "Кампания за обхващане в училище", "РУО", "ДСП", "учебната 2018/2019 г.", "в рамките на бюджета"],
                ["б)", "Занимания по интереси в ЦОП", "ЦОП", "училищата", "съгласно графика", "2 000 лв."])
    found = activities(document_from_text(text))
    assert [(g.number, a.number, a.text, a.executors_raw, a.partners_raw) for _, g, a in found] == [
        ("1.1", "а", "Кампания за обхващане в училище", "РУО", "ДСП"),
        ("1.1", "б", "Занимания по интереси в ЦОП", "ЦОП", "училищата")]


def test_goal_rows_lettered_with_capitals_open_goals(rows):
    """`А. Детско здраве …`, `Б. …` rows (merged across, or lines of their own in converted text) are goals."""
    header = ["№", "Мярка", "Водещ", "Срок", "Финансиране"]
    text = rows(["Приоритетна област 1 – Здравеопазване"], header, ["А. Детско здраве и профилактика"],
                ["1.", "Профилактични прегледи", "РЗИ", "I-во тримесечие", "НЗОК"],
                ["Б. Превенция на зависимостите"], ["2.", "Обучения в училищата", "ПИЦ", "2019", "Общински бюджет"])
    found = activities(document_from_text(text))
    assert [(g.number, g.text, a.number, a.text) for _, g, a in found] == [
        ("А", "Детско здраве и профилактика", "1", "Профилактични прегледи"),
        ("Б", "Превенция на зависимостите", "2", "Обучения в училищата")]


def test_initials_before_a_name_or_out_of_sequence_are_no_capital_letter_goal(rows):
    """`Д. Петрова – зам.-кмет` is a signature, and `В. …` right after `А.` skips a letter: neither opens a goal."""
    header = ["№", "Мярка", "Водещ", "Срок", "Финансиране"]
    text = rows(["Приоритетна област 1 – Здравеопазване"], header, ["А. Детско здраве и профилактика"],
                ["1.", "Профилактични прегледи", "РЗИ", "2019", "НЗОК"], ["В. Връзки с медиите"],
                ["Д. Петрова – заместник-кмет"])
    document = document_from_text(text)
    assert [(g.number, g.text) for _, g, _ in activities(document)] == [("А", "Детско здраве и профилактика")]
    assert document.annex.closing == ["В. Връзки с медиите", "Д. Петрова – заместник-кмет"]


def test_unnumbered_rows_in_capitals_name_areas_in_a_table_and_in_converted_text(tmp_path, rows):
    """`ЗДРАВЕОПАЗВАНЕ` merged across the table (or on a line of its own) opens an area without a number."""
    header = ["Цели", "Дейности", "Срок", "Отговорни институции", "Бюджет/средства"]
    table = [header, ["ЗДРАВЕОПАЗВАНЕ", "", "", "", ""],
             ["Цел 1. Детско здраве", "а) Профилактични прегледи", "постоянен", "ОПЛ", "в рамките на бюджета"],
             ["ОБРАЗОВАНИЕ", "", "", "", ""],
             ["Цел 2. Достъп до образование", "а) Обхващане в училище", "2012 – 2013 г.", "РИО", "в рамките на бюджета"]]
    document = docx.Document()
    paragraphs(document, ["ОБЩИНА ВРАЦА", TITLE])
    headed_table(document, table, [(1, table[1][0]), (3, table[3][0])])
    path = tmp_path / "capitals.docx"
    document.save(path)
    text = rows([TITLE], header, ["ЗДРАВЕОПАЗВАНЕ"], table[2], ["ОБРАЗОВАНИЕ"], table[4])
    for found in ([(r.area, r.area_title, r.goal, r.activity) for r in activity_records(extract(path))],
                  [(a.number, a.title, g.number, x.number) for a, g, x in activities(document_from_text(text))]):
        assert found == [(None, "ЗДРАВЕОПАЗВАНЕ", "1", "а"), (None, "ОБРАЗОВАНИЕ", "2", "а")]


def test_a_row_in_capitals_under_a_numbered_area_opens_no_area(tmp_path):
    """Where areas are numbered, an unnumbered row in capitals below one opens no area of its own."""
    rows = [["Дейности", "Срок", "Отговорни институции", "Финансиране"], ["ПРЕВЕНЦИЯ НА ЗАБОЛЯВАНИЯТА", "", "", ""],
            ["Профилактични прегледи", "постоянен", "ОПЛ", "НЗОК"]]
    document = docx.Document()
    paragraphs(document, [TITLE, "Приоритетна област 1: Здраве"])
    headed_table(document, rows, [(1, rows[1][0])])
    path = tmp_path / "capitals-goal.docx"
    document.save(path)
    records = activity_records(extract(path))
    assert {(r.area, r.area_title) for r in records} == {(1, "Здраве")}
    assert "ПРЕВЕНЦИЯ НА ЗАБОЛЯВАНИЯТА" in {r.goal_text for r in records} | {r.activity_text for r in records}


def test_rows_in_capitals_under_a_numbered_area_are_its_goals_in_word_and_converted_text(tmp_path, rows):
    """`ДЕТСКО ЗДРАВЕ …` merged across the table (or a line of its own) under `1. Приоритетна област: …` (the
    number before the label) heads the activities below as an unnumbered goal, in Word as in converted text."""
    header = ["№", "Дейност", "Срок", "Отговорник", "Финансиране"]
    table = [header, ["1. Приоритетна област: Здравеопазване"], ["ДЕТСКО ЗДРАВЕ И ПРОФИЛАКТИКА"],
             ["1.1.", "Профилактични прегледи", "постоянен", "ОПЛ", "НЗОК"],
             ["ПРЕВЕНЦИЯ НА ЗАВИСИМОСТИТЕ"], ["1.2.", "Обучения в училищата", "2019 г.", "ПИЦ", "Общински бюджет"],
             ["2. Приоритетна област: Образование"], ["ДОСТЪП ДО ОБРАЗОВАНИЕ"],
             ["2.1.", "Обхващане в училище", "2019 г.", "РУО", "в рамките на бюджета"]]
    merged = [index for index, row in enumerate(table) if len(row) == 1]
    document = docx.Document()
    paragraphs(document, [TITLE])
    headed_table(document, [row + [""] * (len(header) - len(row)) for row in table],
                 [(index, table[index][0]) for index in merged])
    path = tmp_path / "capitals-goals.docx"
    document.save(path)
    expected = [(1, "Здравеопазване", None, "ДЕТСКО ЗДРАВЕ И ПРОФИЛАКТИКА", "1.1", "ОПЛ"),
                (1, "Здравеопазване", None, "ПРЕВЕНЦИЯ НА ЗАВИСИМОСТИТЕ", "1.2", "ПИЦ"),
                (2, "Образование", None, "ДОСТЪП ДО ОБРАЗОВАНИЕ", "2.1", "РУО")]
    records = activity_records(extract(path))
    assert [(r.area, r.area_title, r.goal, r.goal_text, r.activity, r.executors_raw) for r in records] == expected
    found = activities(document_from_text(rows([TITLE], *table)))
    assert [(a.number, a.title, g.number, g.text, x.number, x.executors_raw) for a, g, x in found] == expected


def test_a_capitals_row_repeating_the_area_title_is_kept_as_a_repeat_not_a_goal_or_activity(tmp_path, rows):
    """`ЗДРАВЕОПАЗВАНЕ` merged across the table under `Приоритетна област 1: Здравеопазване` repeats the area's
    title: the activities below stay in the area's goal, and the row is kept as a fragment, not an activity."""
    header = ["№", "Дейност", "Срок", "Отговорник", "Финансиране"]
    table = [header, ["Приоритетна област 1: Здравеопазване", "", "", "", ""], ["ЗДРАВЕОПАЗВАНЕ", "", "", "", ""],
             ["1.", "Профилактични прегледи", "постоянен", "ОПЛ", "НЗОК"]]
    document = docx.Document()
    paragraphs(document, [TITLE])
    headed_table(document, table, [(1, table[1][0]), (2, table[2][0])])
    path = tmp_path / "repeated-title.docx"
    document.save(path)
    extracted = extract(path)
    assert [(r.area_title, r.goal_text, r.activity) for r in activity_records(extracted)] == [("Здравеопазване", "", "1")]
    assert [(f.reason, f.text) for f in extracted.annex.fragments] == [("area title repeated", "ЗДРАВЕОПАЗВАНЕ")]
    found = activities(document_from_text(rows([TITLE], header, [table[1][0]], [table[2][0]], table[3])))
    assert [(a.title, g.text, x.number) for a, g, x in found] == [("Здравеопазване", "", "1")]


def test_a_roman_number_beside_a_title_in_the_number_column_opens_an_area(rows):
    """`I. | ОСИГУРЯВАНЕ …` (the number column, the title beside it, nothing else) is an area; `1.` goals and
    `1.1.` activities go under it, numbering again under `II.`."""
    header = ["№", "Дейност", "Отговорни институции", "Срок", "Източник на финансиране"]
    text = rows(["ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2024 г."], header,
                ["I.", "СЕМЕЙНА СРЕДА", "", "", ""], ["1.", "Подкрепа на семейства в риск", "", "", ""],
                ["1.1.", "Консултиране на родители", "ДСП", "постоянен", "ДДД"],
                ["II.", "ОБРАЗОВАНИЕ", "", "", ""], ["1.", "Приобщаване", "", "", ""],
                ["1.1.", "Занимания по български език", "училищата", "2024 г.", "НП"])
    found = activities(document_from_text(text))
    assert [(a.number, a.title, g.number, x.number, x.deadline_raw) for a, g, x in found] == [
        (1, "СЕМЕЙНА СРЕДА", "1", "1.1", "постоянен"), (2, "ОБРАЗОВАНИЕ", "1", "1.1", "2024 г.")]


def test_bare_roman_rows_under_a_labelled_area_are_its_goals(rows):
    """`I. …`, `II. …` rows under `Приоритет 1: …` number goals (restarting per area), not areas of their own."""
    header = ["Дейности", "Срок", "Отговорни институции", "Финансиране"]
    text = rows(["Приоритет 1: Здравеопазване"], header, ["I. Майчино здраве"],
                ["Патронажна грижа", "ежемесечно", "Община", "Общински бюджет"], ["II. Превенция на зависимостите"],
                ["Беседи", "съгласно графика", "ПИЦ", "Общински бюджет"], ["Приоритет 2: Закрила"],
                ["I. Превенция на насилието"], ["Обучения на педагози", "м. октомври", "РУО", "Бюджет на РУО"])
    found = activities(document_from_text(text))
    assert [(a.number, a.title, g.number, g.text) for a, g, _ in found] == [
        (1, "Здравеопазване", "I", "Майчино здраве"), (1, "Здравеопазване", "II", "Превенция на зависимостите"),
        (2, "Закрила", "I", "Превенция на насилието")]


def test_bare_roman_rows_without_labelled_areas_still_open_areas(rows):
    """Where no area carries a label, `II. ОБРАЗОВАНИЕ` is the next area as before."""
    header = ["Дейности", "Срок", "Отговорни институции", "Финансиране"]
    text = rows([TITLE], header, ["I. ЗДРАВЕОПАЗВАНЕ"], ["Патронажна грижа", "ежемесечно", "Община", "Общински бюджет"],
                ["II. ОБРАЗОВАНИЕ"], ["Обхващане в училище", "2012 г.", "РУО", "в рамките на бюджета"])
    assert [(a.number, a.title) for a, _, _ in activities(document_from_text(text))] == [
        (1, "ЗДРАВЕОПАЗВАНЕ"), (2, "ОБРАЗОВАНИЕ")]


def test_numbered_goal_rows_over_unnumbered_activities_open_goals(tmp_path, rows):
    """`1. Детско здраве` merged across a table without a number column, over unnumbered activities, is a goal
    (in Word and in converted text), not an activity without executors."""
    header = ["Срок", "Дейност", "Отговорни институции", "Финансиране"]
    table = [header, ["1. Детско здраве", "", "", ""], ["постоянен", "Профилактични прегледи", "ОПЛ", "НЗОК"],
             ["м. май", "Кампания за ваксинации", "РЗИ", "Бюджет на МЗ"],
             ["2. Превенция на зависимостите", "", "", ""], ["2017 г.", "Беседи в училищата", "ПИЦ", "Общински бюджет"]]
    document = docx.Document()
    paragraphs(document, [TITLE, "Приоритетна област 1. Здравеопазване"])
    headed_table(document, table, [(1, table[1][0]), (4, table[4][0])])
    path = tmp_path / "numbered-goals.docx"
    document.save(path)
    text = rows([TITLE], ["Приоритетна област 1. Здравеопазване"], header, [table[1][0]], *table[2:4], [table[4][0]],
                table[5])
    expected = [("1", "Детско здраве", None, "Профилактични прегледи"), ("1", "Детско здраве", None, "Кампания за ваксинации"),
                ("2", "Превенция на зависимостите", None, "Беседи в училищата")]
    assert [(r.goal, r.goal_text, r.activity, r.activity_text) for r in activity_records(extract(path))] == expected
    assert [(g.number, g.text, x.number, x.text) for _, g, x in activities(document_from_text(text))] == expected


def test_a_numbered_row_among_numbered_activities_stays_an_activity(rows):
    """Where activities carry numbers, `2. …` with its other cells empty is the next activity, not a goal."""
    header = ["Дейност", "Срок", "Отговорни институции", "Финансиране"]
    text = rows(["Приоритетна област 1. Здравеопазване"], header,
                ["1. Профилактични прегледи", "постоянен", "ОПЛ", "НЗОК"], ["2. Кампания за ваксинации", "", "", ""],
                ["3. Беседи", "2017 г.", "ПИЦ", "Общински бюджет"])
    found = activities(document_from_text(text))
    assert [(g.number, x.number, x.text) for _, g, x in found] == [
        (None, "1", "Профилактични прегледи"), (None, "2", "Кампания за ваксинации"), (None, "3", "Беседи")]


def test_a_budget_summary_table_after_the_activities_is_kept_as_fragments_not_activities(tmp_path, rows):
    """`Приоритетна област | Общински бюджет (лв.) | … | Общо (лв.)` heads a table listing no activities: its rows
    are kept whole as fragments, in Word and in converted text, and add no activity."""
    programme = [["№", "Дейност", "Срок", "Отговорник", "Финансиране"],
                 ["1.1.", "Профилактични прегледи", "постоянен", "ОПЛ", "НЗОК"]]
    summary = [["Приоритетна област", "Общински бюджет (лв.)", "Държавен бюджет (лв.)", "Общо (лв.)"],
               ["1. Здравеопазване", "5 000", "3 000", "8 000"], ["2. Образование", "2 000", "1 000", "3 000"]]
    document = docx.Document()
    paragraphs(document, [TITLE, "Приоритетна област 1: Здравеопазване"])
    headed_table(document, programme, [])
    paragraphs(document, ["ФИНАНСОВА РАМКА НА ПРОГРАМАТА"])
    headed_table(document, summary, [])
    path = tmp_path / "summary.docx"
    document.save(path)
    text = rows([TITLE], ["Приоритетна област 1: Здравеопазване"], *programme, ["ФИНАНСОВА РАМКА НА ПРОГРАМАТА"], *summary)
    for extracted in (extract(path), document_from_text(text)):
        assert [(a.number, x.number, x.text) for a, _, x in activities(extracted)] == [(1, "1.1", "Профилактични прегледи")]
        kept = [f.text for f in extracted.annex.fragments if f.reason == "table without activities"]
        assert kept[1:] == ["1. Здравеопазване | 5 000 | 3 000 | 8 000", "2. Образование | 2 000 | 1 000 | 3 000"]
        assert "ФИНАНСОВА РАМКА НА ПРОГРАМАТА" in {f.text for f in extracted.annex.fragments}
