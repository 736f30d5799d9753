"""Layouts of a third red-team round (Бургас, Ямбол, Кърджали, Нова Загора, Самоков, Добрич): deadline first and
no numbers, goals as `Цел: …` or `а) …` rows, areas in a merged first column or as `РАЗДЕЛ 1.` rows, the year
only in a decision printed after the annex, Markdown tables, converted text whose area headings fall between the
header and the rows. Fixtures are built here and read end to end through `extract`.
"""

from __future__ import annotations

import docx

from extractor.api import extract
from extractor.model.flat import activity_records

from .test_unseen_layouts import headed_table, paragraphs

TITLE = "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2019 г."


def save(document, tmp_path, name):
    path = tmp_path / name
    document.save(path)
    return path


def test_unnumbered_rows_with_the_deadline_first_are_activities_of_their_own(tmp_path):
    """A deadline column printed first opens rows in small letters (`ежегодно`): no continuation of the row above."""
    header = ["Срок", "Дейност", "Отговорник", "Финансиране"]
    rows = [header, ["Цел 1.1. Подкрепа на семействата", "", "", ""],
            ["до края на годината", "Еднократна помощ за многодетни семейства", "Община Бургас", "Общински бюджет"],
            ["ежегодно", "Отбелязване на 1 юни", "Община Бургас, читалищата", "Общински бюджет, дарения"],
            ["при необходимост", "Настаняване в приемни семейства", "ОЗД", "Целева субсидия"]]
    document = docx.Document()
    paragraphs(document, [TITLE, "Приоритет 1: Социална закрила"])
    headed_table(document, rows, [(1, rows[1][0])])
    records = activity_records(extract(save(document, tmp_path, "deadline-first.docx")))
    assert [(r.goal, r.activity_text, r.deadline_raw, r.deadline_kind) for r in records] == [
        ("1.1", "Еднократна помощ за многодетни семейства", "до края на годината", "until"),
        ("1.1", "Отбелязване на 1 юни", "ежегодно", "periodic"),
        ("1.1", "Настаняване в приемни семейства", "при необходимост", "as_needed"),
    ]


def test_goal_rows_written_cel_colon_or_lettered_open_goals_without_or_with_a_letter(tmp_path):
    """`Цел: …` opens a goal without a number; `а) …` a lettered one, and `6)` after `а)` is `б)`."""
    header = ["№", "Задача", "Срок", "Отговорни институции", "Източници на финансиране"]
    rows = [header, ["Цел: Подкрепа на семейства с ниски доходи", "", "", "", ""],
            ["1.", "Месечни помощи за деца", "целогодишно", "Д „СП“ – Самоков", "Републикански бюджет"],
            ["а) Безопасна училищна среда", "", "", "", ""],
            ["2.", "Обучения за противодействие на тормоза", "I-во полугодие", "РУО", "Бюджет на РУО"],
            ["6) Здравословен начин на живот", "", "", "", ""],  # `б)` misprinted (or misread) as `6)`
            ["3.", "Спортен празник", "м. V 2019", "Община Самоков", "Общински бюджет"]]
    document = docx.Document()
    paragraphs(document, [TITLE, "Приоритет 1. Социално включване"])
    headed_table(document, rows, [(1, rows[1][0]), (3, rows[3][0]), (5, rows[5][0])])
    records = activity_records(extract(save(document, tmp_path, "goal-rows.docx")))
    assert [(r.goal, r.goal_text, r.activity_text) for r in records] == [
        (None, "Подкрепа на семейства с ниски доходи", "Месечни помощи за деца"),
        ("а", "Безопасна училищна среда", "Обучения за противодействие на тормоза"),
        ("б", "Здравословен начин на живот", "Спортен празник"),
    ]
    assert records[0].executors == ["dsp"]


def test_an_area_column_headed_napravlenie_and_razdel_rows_name_the_areas(tmp_path):
    header = ["Направление", "№", "Мярка", "Срок за изпълнение", "Отговорни лица/институции"]
    rows = [header, ["Направление I. Превенция на изоставянето", "1.", "Консултации", "2014 г.", "ДСП"],
            ["", "2.", "Приемна грижа", "2014 г.", "ОЗД"],
            ["Направление II. Образование", "1.", "Медиатори", "2014 г.", "Училищата"]]
    document = docx.Document()
    paragraphs(document, [TITLE])
    table = headed_table(document, rows, [])
    table.cell(1, 0).merge(table.cell(2, 0)).text = rows[1][0]
    records = activity_records(extract(save(document, tmp_path, "area-column.docx")))
    assert [(r.area, r.area_title, r.activity, r.extra_raw) for r in records] == [
        (1, "Превенция на изоставянето", "1", None), (1, "Превенция на изоставянето", "2", None),
        (2, "Образование", "1", None)]


def test_razdel_rows_open_areas_and_a_decision_after_the_annex_gives_the_year(tmp_path):
    header = ["№", "Дейност", "Отговорник", "Срок", "Финансиране"]
    rows = [header, ["РАЗДЕЛ 1. ДЕТСКО ЗДРАВЕОПАЗВАНЕ", "", "", "", ""],
            ["1.", "Профилактични прегледи", "ОПЛ", "юни – август", "Общински бюджет"],
            ["РАЗДЕЛ 2. ЗАКРИЛА", "", "", "", ""], ["1.", "Работа по случаи", "ДСП", "постоянен", "ДДД"]]
    document = docx.Document()
    paragraphs(document, ["ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО"])
    headed_table(document, rows, [(1, rows[1][0]), (3, rows[3][0])])
    paragraphs(document, ["РЕШЕНИЕ № 312", "Общински съвет – Нова Загора приема Общинска програма за закрила на "
                                           "детето за 2021 г."])
    doc = extract(save(document, tmp_path, "razdel.docx"))
    records = activity_records(doc)
    assert (doc.year, doc.municipality) == (2021, "Община Нова Загора")
    assert [(r.area, r.area_title, r.activity_text) for r in records] == [
        (1, "ДЕТСКО ЗДРАВЕОПАЗВАНЕ", "Профилактични прегледи"), (2, "ЗАКРИЛА", "Работа по случаи")]
    assert (str(records[0].deadline_start), str(records[0].deadline_end)) == ("2021-06-01", "2021-08-31")
    assert records[1].financing == ["delegated_state_activity"]


def test_a_markdown_pipe_table_is_never_read_as_a_space_aligned_one(tmp_path):
    lines = [TITLE, "", "| № | Дейност | Отговорник | Срок | Финансиране |", "|---|---|---|---|---|",
             "| Приоритет 1. ЗДРАВЕ |  |  |  |  |",
             "| 1. | Здравни беседи с родители | Здравните медиатори | ежегодно | Няма |",
             "| 2. | Информационна кампания | ОбСНВ и ПИЦ | 31.05.2019 | Общински бюджет |"]
    path = tmp_path / "plan.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = activity_records(extract(path))
    assert [(r.area, r.activity, r.activity_text, r.financing) for r in records] == [
        (1, "1", "Здравни беседи с родители", ["not_required"]),
        (1, "2", "Информационна кампания", ["municipal_budget"])]


def test_converted_text_keeps_the_header_columns_for_areas_headed_between_header_and_rows(tmp_path):
    """An area heading line after the header line: the areas below keep the header's columns, none unnamed."""
    lines = ["ОБЩИНА ГРАД ДОБРИЧ", TITLE,
             "\t".join(["№", "Дейност", "Отговорни институции", "Срок", "Необходими средства (лв.)", "Целева група"]),
             "ПРИОРИТЕТНА ОБЛАСТ I: ОБРАЗОВАНИЕ", "а) Приобщаващо образование",
             "\t".join(["1.", "Медиатори в училищата", "Община град Добрич", "2019 г.", "45 000", "ученици"]),
             "ПРИОРИТЕТНА ОБЛАСТ II: ЗДРАВЕ",
             "\t".join(["1.", "Спортен празник", "Община град Добрич", "м. V 2019", "3 000", "деца 3–6 г."])]
    path = tmp_path / "dobrich.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = extract(path)
    records = activity_records(doc)
    assert doc.municipality == "Община град Добрич"
    assert [(r.area, r.goal, r.extra_raw, r.amount) for r in records] == [
        (1, "а", "Целева група: ученици", 45000.0), (2, None, "Целева група: деца 3–6 г.", 3000.0)]


def test_a_header_repeated_with_its_number_cell_blank_keeps_the_number_column():
    """Scans lose a `№` of a header repeated over the next area's table: the column still numbers activities, as
    the header before it said, where every other role agrees; `3,` (a dot read as a comma) is number 3."""
    from .conftest import document_from_text

    text = "\n".join([
        TITLE, "Приоритет 1. Социално включване",
        "№\tЗадача\tСрок\tОтговорни институции",
        "1.\tМесечни помощи за деца\tцелогодишно\tДСП",
        "3,\tТопъл обяд за деца\tпостоянен\tОбщина Самоков",
        "Приоритет 2. Здравеопазване",
        "\tЗадача\tСрок\tОтговорни институции",
        "1.\tИмунизации на децата\tюни 2019\tРЗИ",
    ])
    records = activity_records(document_from_text(text))
    assert [(r.area, r.activity, r.activity_text, r.extra_raw) for r in records] == [
        (1, "1", "Месечни помощи за деца", None),
        (1, "3", "Топъл обяд за деца", None),
        (2, "1", "Имунизации на децата", None),
    ]
