"""Layouts not in samples/: other municipalities, years, column orders, header wordings, Word and markdown.

Each fixture is a small bundle written here (2 areas, 3–4 goals, 5–7 activities) and read end to end
through `extract` and the flat view, field by field.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from extractor.api import extract
from extractor.model.flat import activity_records

from .test_docx_reader import add_table, mark_header


def merge_across(table, row: int, text: str) -> None:
    """Make a row one full-width merged cell holding `text` (area and goal headings in Word annexes)."""
    cell = table.cell(row, 0).merge(table.cell(row, len(table.columns) - 1))
    cell.text = text


def headed_table(document, rows: list[list[str]], merged: list[tuple[int, str]]):
    """A table whose first row is a repeated header and whose `merged` rows are full-width headings."""
    table = add_table(document, rows)
    mark_header(table.rows[0])
    for index, text in merged:
        merge_across(table, index, text)
    return table


def paragraphs(document, texts: list[str]) -> None:
    for text in texts:
        document.add_paragraph(text)


# -- Община Габрово: report, decision and a four-column programme ------------------------------
GABROVO_REPORT = [
    "ОБЩИНА ГАБРОВО", "ДО", "ОБЩИНСКИ СЪВЕТ – ГАБРОВО", "ДОКЛАДНА ЗАПИСКА",
    "от Мария Колева – заместник-кмет по хуманитарни дейности",
    "Относно: Приемане на Общинска програма за закрила на детето на Община Габрово за 2023 г.",
    "Уважаеми общински съветници,",
    "На основание чл. 21, ал. 1, т. 12 от ЗМСМА и чл. 3, ал. 1 от Правилника за прилагане на Закона за закрила "
    "на детето предлагам Общинският съвет да вземе следното",
]
GABROVO_DECISION = [
    "ПРОЕКТ! РЕШЕНИЕ № 45", "Общински съвет – Габрово", "На основание чл. 21, ал. 1, т. 12 от ЗМСМА", "Р Е Ш И:",
    "1. Приема Общинска програма за закрила на детето за 2023 г. съгласно Приложение № 1.",
    "2. Възлага на кмета на Община Габрово да организира изпълнението ѝ.", "Вносител:", "/Мария Колева/",
]
GABROVO_ROWS = [
    ["Дейност", "Отговорник", "Срок", "Финансиране"],
    ["Приоритетна област 1. Намаляване на детската бедност"],
    ["Цел 1. Подкрепа на семейства с деца в риск"],
    ["1.1. Еднократни помощи за ученически пособия", "Дирекция „Социално подпомагане“ – Габрово", "септември 2023 г.",
     "Държавен бюджет"],
    ["1.2. Безплатен обяд за децата от уязвими семейства", "Община Габрово", "2023 г.", "Общински бюджет"],
    ["Цел 2. Достъп до социални услуги в общността"],
    ["2.1. Консултации на родители в Центъра за обществена подкрепа", "ЦОП „Дете и семейство“", "постоянен",
     "Делегирана държавна дейност"],
    ["Приоритетна област 2. Здравеопазване"],
    ["Цел 1. Профилактика на детското здраве"],
    ["1.1. Профилактични прегледи в детските градини", "РЗИ – Габрово", "м. март – м. юни 2023 г.", "Бюджет на РЗИ"],
    ["1.2. Беседи за здравословно хранене", "Здравни кабинети", "учебната 2022/2023 г.", "Не са необходими средства"],
]  # fmt: skip


def gabrovo_bundle(tmp_path: Path) -> Path:
    """Report, decision, then one table whose area and goal headings are full-width merged rows."""
    document = docx.Document()
    paragraphs(document, [*GABROVO_REPORT, *GABROVO_DECISION, "Приложение № 1",
                          "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2023 ГОДИНА"])
    headed_table(document, [row + [""] * (4 - len(row)) for row in GABROVO_ROWS],
                 [(index, row[0]) for index, row in enumerate(GABROVO_ROWS) if len(row) == 1])
    path = tmp_path / "gabrovo-2023.docx"
    document.save(path)
    return path


def test_small_municipality_report_and_decision_in_other_wording(tmp_path):
    document = extract(gabrovo_bundle(tmp_path))
    assert document.parts == ["report", "decision", "programme"]
    assert (document.municipality, document.year, document.kind) == ("Община Габрово", 2023, "programme")
    assert document.title == "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2023 ГОДИНА"
    report, decision = document.report, document.decision
    assert (report.author, report.author_role) == ("Мария Колева", "заместник-кмет по хуманитарни дейности")
    assert report.addressee == "ОБЩИНСКИ СЪВЕТ – ГАБРОВО"
    assert report.subject.endswith("на Община Габрово за 2023 г.")
    assert [b.act for b in report.legal_bases] == ["ЗМСМА", "Правилника за прилагане на Закона за закрила на детето"]
    assert (decision.number, decision.council) == ("45", "Общински съвет – Габрово")
    assert decision.operative_points[0].startswith("Приема Общинска програма")
    assert len(decision.operative_points) == 2
    assert [(r.number, r.title) for r in decision.annex_references] == [("1", None)]
    assert [(p.name, p.role) for p in decision.signatories] == [("Мария Колева", "Вносител")]


def test_goal_rows_written_as_cel_n_across_the_table_open_goals(tmp_path):
    document = extract(gabrovo_bundle(tmp_path))
    summary = [(area.number, area.title, [(g.number, g.text, [a.number for a in g.activities]) for g in area.goals])
               for area in document.annex.areas]
    assert summary == [
        (1, "Намаляване на детската бедност", [("1", "Подкрепа на семейства с деца в риск", ["1.1", "1.2"]),
                                              ("2", "Достъп до социални услуги в общността", ["2.1"])]),
        (2, "Здравеопазване", [("1", "Профилактика на детското здраве", ["1.1", "1.2"])]),
    ]
    assert document.annex.fragments == []


def test_four_column_programme_flat_records_field_by_field(tmp_path):
    records = activity_records(extract(gabrovo_bundle(tmp_path)))
    data_rows = [row for row in GABROVO_ROWS[1:] if len(row) == 4]
    assert len(records) == len(data_rows) == 5
    for record, (activity, executor, deadline, financing) in zip(records, data_rows):
        assert f"{record.activity}. {record.activity_text}" == activity
        assert (record.executors_raw, record.deadline_raw, record.financing_raw) == (executor, deadline, financing)
        assert (record.year, record.kind, record.partners_raw, record.expected_result) == (2023, "programme", None, None)
    assert [(r.area, r.goal) for r in records] == [(1, "1"), (1, "1"), (1, "2"), (2, "1"), (2, "1")]
    assert [(r.deadline_kind, r.deadline_start and r.deadline_start.isoformat()) for r in records] == [
        ("date", "2023-09-01"), ("year", "2023-01-01"), ("permanent", None), ("range", "2023-03-01"),
        ("school_year", "2022-09-15")]
    assert [r.financing for r in records] == [
        ["state_budget"], ["municipal_budget"], ["state_budget", "delegated_state_activity"], ["state_budget"],
        ["not_required"]]


def test_school_year_and_dash_cells_are_not_read_as_shifted_rows(tmp_path):
    document = extract(gabrovo_bundle(tmp_path))
    assert [r.kind for area in document.annex.areas for g in area.goals for a in g.activities for r in a.repairs] == []


# -- Община Смолян: a three-level action plan, a table per strategic goal ----------------------
SMOLYAN_HEADER = ["№", "Дейност", "Водещи институции", "Партниращи институции", "Срок за изпълнение",
                  "Бюджет/средства", "Индикатори", "Очаквани резултати/ефект"]
SMOLYAN = [
    ("Стратегическа цел 1. Превенция на изоставянето и подкрепа на семейството", [
        ("Оперативна цел 1.1. Ранна подкрепа на родителите", [
            ["1.1.1.", "Консултиране на бъдещи родители в женските консултации", "МБАЛ „Д-р Братан Шукеров“",
             "Дирекция „Социално подпомагане“ – Смолян", "2024 – 2025 г.", "5 000 лв.", "Брой консултирани родители",
             "Намален брой изоставени деца"],
            ["1.1.2.", "Групи за подкрепа на млади майки", "Център за обществена подкрепа", "НПО", "постоянен",
             "в рамките на делегирания бюджет", "Брой групи", "Повишени родителски умения"],
        ]),
        ("Оперативна цел 1.2. Семейно консултиране", [
            ["1.2.1.", "Мобилна услуга за семейно консултиране в отдалечени села", "Община Смолян", "Кметства",
             "от 01.03.2024 г.", "12 000 лв.", "Брой посетени села", "По-добър достъп до услуги"],
        ]),
    ]),
    ("Стратегическа цел 2. Развитие на услуги за деца с увреждания", [
        ("Оперативна цел 2.1. Дневна грижа", [
            ["2.1.1.", "Разширяване на Дневния център за деца с увреждания", "Община Смолян", "РЗИ – Смолян",
             "31.12.2025 г.", "ОП „Развитие на човешките ресурси“", "Брой нови места", "Дневна грижа за 10 деца"],
            ["2.1.2.", "Обучение на персонала за работа с деца с аутизъм", "Доставчик на услугата", "", "2024 г.",
             "Проект", "Брой обучени служители", "Подобрено качество на грижата"],
        ]),
    ]),
]  # fmt: skip


def smolyan_action_plan(tmp_path: Path) -> Path:
    """Heading paragraph per strategic goal, then its table: operational goals as merged rows, header repeated."""
    document = docx.Document()
    paragraphs(document, ["ПЛАН ЗА ДЕЙСТВИЕ 2024 – 2025 г.",
                          "към Общинската стратегия за развитие на социалните услуги на Община Смолян 2022 – 2026 г."])
    for heading, goals in SMOLYAN:
        document.add_paragraph(heading)
        rows, merged = [SMOLYAN_HEADER], []
        for goal, activities in goals:
            merged.append((len(rows), goal))
            rows += [[goal] + [""] * 7, *activities, SMOLYAN_HEADER]  # the header printed again at a page break
        headed_table(document, rows[:-1], merged)
    path = tmp_path / "smolyan-plan.docx"
    document.save(path)
    return path


def test_three_level_plan_strategic_goals_operational_goals_and_numbered_activities(tmp_path):
    document = extract(smolyan_action_plan(tmp_path))
    assert (document.kind, document.municipality, document.year) == ("action_plan", "Община Смолян", 2024)
    assert (document.period.start, document.period.end) == (2024, 2025)
    summary = [(a.number, a.label, a.title, [(g.number, g.text, [x.number for x in g.activities]) for g in a.goals])
               for a in document.annex.areas]
    assert summary == [
        (1, "Стратегическа цел", "Превенция на изоставянето и подкрепа на семейството",
         [("1.1", "Ранна подкрепа на родителите", ["1.1.1", "1.1.2"]), ("1.2", "Семейно консултиране", ["1.2.1"])]),
        (2, "Стратегическа цел", "Развитие на услуги за деца с увреждания", [("2.1", "Дневна грижа", ["2.1.1", "2.1.2"])]),
    ]
    assert [c.role for c in document.annex.areas[1].columns] == [
        "number", "activity", "executor", "partner", "deadline", "budget", "indicator", "result"]
    assert document.annex.fragments == []


def test_lead_and_partner_institutions_budget_indicators_and_effect_field_by_field(tmp_path):
    document = extract(smolyan_action_plan(tmp_path))
    found = [a for area in document.annex.areas for g in area.goals for a in g.activities]
    printed = [row for _, goals in SMOLYAN for _, rows in goals for row in rows]
    assert len(found) == len(printed) == 5
    for activity, (number, text, lead, partner, deadline, budget, indicator, result) in zip(found, printed):
        assert (activity.number_raw, activity.text) == (number, text)
        assert (activity.executors_raw, activity.partners_raw, activity.deadline_raw) == (lead, partner, deadline)
        assert (activity.budget, activity.financing_raw) == (budget, budget)  # no financing column: the budget feeds it
        assert (activity.indicators, activity.expected_result, activity.extra) == (indicator, result, {})
        assert activity.repairs == []
    records = activity_records(document)
    assert [(r.partners_raw, r.expected_result) for r in records] == [(row[3], row[7]) for row in printed]
    assert records[1].financing == ["delegated_state_activity"] and records[3].financing == ["eu_operational_programme"]


# -- grouped header cells over a second header row ---------------------------------------------
GROUPED_ROWS = [
    ["№", "Дейност", "Отговорни институции", "", "Срок", "Финансиране", "", "Индикатори"],
    ["", "", "Водещи", "Партниращи", "", "Източник", "Размер (лв.)", ""],
    ["Стратегическа цел 1: Здравословно начало на живота"],
    ["Оперативна цел 1.1: Достъп до педиатрична грижа"],
    ["1.1.1", "Изнесени кабинети на педиатър в селата", "Община Габрово", "РЗИ – Габрово", "2025 г.", "Общински бюджет",
     "8 000", "Брой прегледани деца"],
    ["1.1.2", "Скрининг на слуха на новородени", "МБАЛ „Д-р Тота Венкова“", "НЗОК", "постоянен", "НЗОК", "–",
     "Дял обхванати новородени"],
    ["Оперативна цел 1.2: Подкрепа за кърмене"],
    ["1.2.1", "Консултантски кабинет за кърмене", "ЦОП – Габрово", "", "от м. април 2025 г.",
     "Делегирана държавна дейност", "3 500", "Брой консултации"],
    ["Стратегическа цел 2: Сигурна семейна среда"],
    ["Оперативна цел 2.1: Приемна грижа"],
    ["2.1.1", "Информационни срещи за приемна грижа", "ДСП – Габрово", "Община Габрово", "два пъти годишно",
     "Не са необходими", "0", "Брой срещи"],
    ["2.1.2", "Супервизия на приемните семейства", "Доставчик на услугата", "АСП", "2025 г.", "Държавен бюджет",
     "12 000", "Брой семейства"],
]  # fmt: skip


def grouped_header_plan(tmp_path: Path) -> Path:
    """One table whose header cells `Отговорни институции` and `Финансиране` are merged over two sub-columns."""
    document = docx.Document()
    document.add_paragraph("ПЛАН ЗА ДЕЙСТВИЕ ЗА 2025 г. за изпълнение на Общинската стратегия за детето")
    table = add_table(document, [row + [""] * (8 - len(row)) for row in GROUPED_ROWS])
    mark_header(table.rows[0])
    mark_header(table.rows[1])
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Отговорни институции"
    table.cell(0, 5).merge(table.cell(0, 6)).text = "Финансиране"
    for col in (0, 1, 4, 7):
        table.cell(0, col).merge(table.cell(1, col)).text = GROUPED_ROWS[0][col]
    for index, row in enumerate(GROUPED_ROWS):
        if len(row) == 1:
            merge_across(table, index, row[0])
    path = tmp_path / "grouped-header.docx"
    document.save(path)
    return path


def test_grouped_header_cells_over_a_second_header_row_name_the_sub_columns(tmp_path):
    document = extract(grouped_header_plan(tmp_path))
    assert [(a.number, a.title) for a in document.annex.areas] == [
        (1, "Здравословно начало на живота"), (2, "Сигурна семейна среда")]
    assert [(c.header, c.role) for c in document.annex.areas[0].columns] == [
        ("№", "number"), ("Дейност", "activity"), ("Отговорни институции / Водещи", "executor"),
        ("Отговорни институции / Партниращи", "partner"), ("Срок", "deadline"),
        ("Финансиране / Източник", "financing"), ("Финансиране / Размер (лв.)", "budget"), ("Индикатори", "indicator")]
    found = [a for area in document.annex.areas for g in area.goals for a in g.activities]
    printed = [row for row in GROUPED_ROWS[2:] if len(row) == 8]
    assert len(found) == len(printed) == 5
    for activity, (number, text, lead, partner, deadline, source, amount, indicator) in zip(found, printed):
        assert (activity.number, activity.text, activity.executors_raw, activity.partners_raw) == (
            number, text, lead, partner)
        assert (activity.deadline_raw, activity.financing_raw, activity.budget, activity.indicators) == (
            deadline, source, amount, indicator)
        assert activity.repairs == [] and activity.extra == {}


def test_amounts_and_dashes_fit_a_budget_column():
    from extractor.recognise.align import align_row

    roles = ["number", "activity", "executor", "deadline", "budget", "indicator"]
    for amount in ("8 000", "12 000 лв.", "0", "–", "1 250,50"):
        texts = ["1.1.1", "Кампания", "Община", "2025 г.", amount, "Брой"]
        alignment = align_row(roles, texts)
        assert not alignment.realigned and alignment.values.get("budget", "") == amount


# -- Община Добрич: converted text with a markdown table and no `Приложение №` -------------------
DOBRICH = """ОБЩИНА ДОБРИЧ
ДО ОБЩИНСКИ СЪВЕТ ДОБРИЧ
ДОКЛАДНА ЗАПИСКА
от Петър Иванов – заместник-кмет „Социална политика“
Относно: Приемане на Общинска програма за закрила на детето за 2022 година
На основание чл. 21, ал. 1, т. 23 от ЗМСМА предлагам на Общинския съвет да приеме следния
ПРОЕКТ! РЕШЕНИЕ № 12-3
Общински съвет – Добрич
На основание чл. 21, ал. 1, т. 23 от ЗМСМА
Р Е Ш И:
1. Приема Общинска програма за закрила на детето за 2022 година.
2. Възлага на кмета на Общината изпълнението на програмата.

ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО – 2022 г.

| Мерки | Срок | Отговорна институция | Източник на финансиране | Очакван ефект | Забележка |
|---|---|---|---|---|---|
| **Приоритет 1: Право на семейна среда** | | | | | |
| 1.1. Кампания за набиране на приемни семейства | м. май 2022 г. | ОЗД – Добрич | Не се изисква | Нови приемни семейства | съвместно с медиите |
| 1.2. Обучение на кандидати за осиновители | постоянен | ДСП – Добрич | Държавен бюджет | Подготвени осиновители | |
| 1.3. Подкрепа на младежи, напускащи институции | 2022 г. | Община Добрич, НПО | Проект „Приеми ме“ | Самостоятелен живот | нова мярка |
| **Приоритет 2: Образование и включване** | | | | | |
| 2.1. Образователни медиатори | учебна 2021/2022 г. | РУО – Добрич, училищата | Национални програми на МОН | По-малко отпаднали ученици | |
| 2.2. Летни занимания в библиотеката | юли – август 2022 г. | Регионална библиотека | Общински бюджет | Брой включени деца | |
"""


@pytest.fixture
def dobrich(tmp_path) -> Path:
    path = tmp_path / "dobrich-2022.txt"
    path.write_text(DOBRICH, encoding="utf-8")
    return path


def test_programme_title_after_the_decision_without_an_annex_marker_opens_the_annex(dobrich):
    document = extract(dobrich)
    assert document.parts == ["report", "decision", "programme"]
    assert document.title == "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО – 2022 г."
    assert document.annex.preamble == [document.title]
    assert (document.municipality, document.year) == ("Община Добрич", 2022)
    assert (document.decision.number, document.decision.council) == ("12-3", "Общински съвет – Добрич")
    assert [p[:7] for p in document.decision.operative_points] == ["Приема ", "Възлага"]
    assert (document.report.author, document.report.author_role) == ("Петър Иванов",
                                                                     "заместник-кмет „Социална политика“")


def test_markdown_table_with_other_wordings_and_a_column_of_no_role(dobrich):
    document = extract(dobrich)
    assert [(a.number, a.label, a.title) for a in document.annex.areas] == [
        (1, "Приоритет", "Право на семейна среда"), (2, "Приоритет", "Образование и включване")]
    assert [c.role for c in document.annex.areas[0].columns] == [
        "activity", "deadline", "executor", "financing", "result", None]
    records = activity_records(document)
    printed = [line.strip("| ").split(" | ") for line in DOBRICH.splitlines() if line.startswith("| 1.") or
               line.startswith("| 2.")]
    assert len(records) == len(printed) == 5
    for record, (activity, deadline, executor, financing, result, *_) in zip(records, printed):
        assert f"{record.activity}. {record.activity_text}" == activity
        assert (record.deadline_raw, record.executors_raw, record.financing_raw, record.expected_result) == (
            deadline, executor, financing, result)
    found = [a for area in document.annex.areas for g in area.goals for a in g.activities]
    assert [a.extra for a in found] == [{"Забележка": "съвместно с медиите"}, {}, {"Забележка": "нова мярка"}, {}, {}]


# -- small pieces of wording -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "municipality"),
    [("ОБЩИНА ВЕЛИКО ТЪРНОВО", "Община Велико Търново"), ("Община Стара Загора", "Община Стара Загора"),
     ("ДО ОБЩИНСКИ СЪВЕТ – ГАБРОВО", "Община Габрово"), ("Общински съвет гр. Смолян", "Община Смолян"),
     ("ОБЩИНСКИ СЪВЕТ РЕШИ:", None), ("на Община Добрич за 2022 г.", "Община Добрич")],
)  # fmt: skip
def test_municipality_named_in_two_words_or_only_by_its_council(text, municipality):
    from extractor.model.layout import Paragraph
    from extractor.recognise import municipality as find_municipality

    assert find_municipality([Paragraph(text=text, raw=text)]) == municipality


@pytest.mark.parametrize(
    ("text", "number", "rest"),
    [("Цел 1. Подкрепа на семействата", "1", "Подкрепа на семействата"), ("Цел №2: Достъп", "2", "Достъп"),
     ("цел а) Развитие", "а", "Развитие"), ("Оперативна цел 1.2. Обучения", "1.2", "Обучения"),
     ("Целта на програмата е закрила", None, None), ("Цели: закрила", None, None), ("Цел 2024 г. е", None, None)],
)  # fmt: skip
def test_goal_headings_without_the_word_operational(text, number, rest):
    from extractor.recognise.annex import GOAL_HEADING

    match = GOAL_HEADING.match(text)
    assert (match and (match["number"], match["text"])) == ((number, rest) if number else None)


@pytest.mark.parametrize(
    ("text", "year"),
    [("ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО – 2022 г.", 2022), ("Програма (2021г.)", 2021),
     ("Програма 2023 година", 2023), ("План 2024 – 2025 г.", None), ("учебната 2022/2023 г.", None)],
)  # fmt: skip
def test_year_marked_with_g_outside_a_span_of_years(text, year):
    from extractor.recognise import year_and_period

    assert year_and_period(text)[0] == year


# -- Община Велико Търново: tab-separated, a running № column, goal column, other header wordings --
VT_HEADER = ["№ по ред", "Оперативни цели", "Наименование на дейността", "Отговорник за изпълнение",
             "Институции-партньори", "Период на изпълнение", "Финансово обезпечаване", "Индикатор за резултат",
             "Целева група"]
VT_ROWS = [
    ["ОБЩИНА ВЕЛИКО ТЪРНОВО"], ["ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО 2024"], [],
    ["Приоритетно направление 1: Закрила на детето в семейна среда"], VT_HEADER,
    ["1.", "1. Превенция на насилието", "Обучения на учители за разпознаване на насилие", "РУО – Велико Търново",
     "МКБППМН", "I – II тримесечие на 2024 г.", "Бюджет на РУО", "Брой обучени учители", "учители"],
    ["2.", "", "Информационна кампания „Ден на детето“", "Община Велико Търново", "Училища, детски градини",
     "01.06.2024 г.", "Общински бюджет", "Брой събития", "деца и родители"],
    ["3.", "2. Подкрепа на приемната грижа", "Обучение на приемни родители", "ДСП – Велико Търново",
     "Доставчик на услугата", "ежемесечно", "Държавен бюджет", "Брой обучени семейства", "приемни родители"],
    [], ["Приоритетно направление 2: Свободно време и участие"], VT_HEADER,
    ["4.", "1. Достъп до спорт", "Безплатни спортни занимания през лятото", "Община Велико Търново",
     "Спортни клубове", "юни – август 2024 г.", "Общински бюджет", "Брой деца в заниманията", "деца 7–14 г."],
    ["5.", "2. Детско участие", "Избори за Детски общински съвет", "Община Велико Търново", "Училищата",
     "м. октомври 2024 г.", "Не се изисква", "Избран съвет", "ученици"],
]  # fmt: skip


def test_tab_separated_annex_with_running_numbers_and_unnumbered_activities(tmp_path):
    path = tmp_path / "veliko-tarnovo-2024.txt"
    path.write_text("\n".join("\t".join(row) for row in VT_ROWS) + "\n", encoding="utf-8")
    document = extract(path)
    assert (document.parts, document.municipality, document.year) == (["programme"], "Община Велико Търново", 2024)
    assert [(a.number, a.label, a.title, [(g.number, g.text) for g in a.goals]) for a in document.annex.areas] == [
        (1, "Приоритетно направление", "Закрила на детето в семейна среда",
         [("1", "Превенция на насилието"), ("2", "Подкрепа на приемната грижа")]),
        (2, "Приоритетно направление", "Свободно време и участие", [("1", "Достъп до спорт"), ("2", "Детско участие")]),
    ]
    found = [a for area in document.annex.areas for g in area.goals for a in g.activities]
    printed = [row for row in VT_ROWS if len(row) == 9 and row is not VT_HEADER]
    assert len(found) == len(printed) == 5
    for activity, (number, _, text, lead, partner, deadline, financing, indicator, target) in zip(found, printed):
        assert (activity.number_raw, activity.text, activity.executors_raw, activity.partners_raw) == (
            number, text, lead, partner)
        assert (activity.deadline_raw, activity.financing_raw, activity.indicators) == (deadline, financing, indicator)
        assert activity.extra == {"Целева група": target}  # a column of no role keeps its text under its header
        assert activity.repairs == []


@pytest.mark.parametrize(
    ("header", "role"),
    [("Наименование на дейността", "activity"), ("Мерки за изпълнение", "activity"), ("Мярка/ дейност", "activity"),
     ("(Хо:", "number"), ("Ко по ред", "number"), ("Направление", "area"), ("Раздел", "area"),
     ("Отговорник за изпълнение", "executor"), ("Отговорни партньори", "partner"), ("Институции-партньори", "partner"),
     ("Изпълнители и партньори", "executor"), ("Отговорник, партньори", "executor"), ("Съвместно с", "partner"),
     ("Финансово обезпечаване", "financing"), ("Необходим финансов ресурс", "financing"),
     ("Заложени средства (лв.)", "budget"), ("Период на изпълнение", "deadline"), ("Продължителност", "deadline"),
     ("Времеви график", "deadline"), ("Индикатор за резултат", "indicator"), ("Показатели за изпълнение", "indicator"),
     ("Очакван ефект", "result"), ("№ по ред", "number"), ("Целева група", None), ("Място на провеждане", None)],
)  # fmt: skip
def test_other_header_wordings_name_the_column_role(header, role):
    from extractor.recognise.header import role_of_header

    assert role_of_header(header) == role


def test_flat_view_keeps_budget_indicators_and_columns_of_no_role(tmp_path, dobrich):
    smolyan = activity_records(extract(smolyan_action_plan(tmp_path)))
    printed = [row for _, goals in SMOLYAN for _, rows in goals for row in rows]
    assert [(r.budget_raw, r.indicators_raw, r.extra_raw) for r in smolyan] == [(row[5], row[6], None) for row in printed]
    records = activity_records(extract(dobrich))
    assert [r.extra_raw for r in records] == ["Забележка: съвместно с медиите", None, "Забележка: нова мярка", None, None]
    assert [r.budget_raw for r in records] == [None] * 5


@pytest.mark.parametrize(
    ("header", "role"),
    [("Очаква ни резулт ати/еф ект", "result"), ("Водещ и институции", "executor"), ("Бюдже т/ средства", "budget"),
     ("Индикатор и", "indicator"), ("С рок", "deadline"), ("Целева група", None)],
)  # fmt: skip
def test_header_words_broken_by_a_narrow_pdf_column_still_name_the_role(header, role):
    from extractor.recognise.header import role_of_header

    assert role_of_header(header) == role


# -- the same bundles printed to PDF by LibreOffice (tests/fixtures/make_unseen_pdfs.py) ---------
UNSEEN_PDFS = Path(__file__).resolve().parent / "fixtures" / "unseen"


def test_pdf_of_the_small_municipality_bundle_gives_the_same_records_as_its_docx(tmp_path):
    pdf = extract(UNSEEN_PDFS / "gabrovo-2023.pdf")
    word = extract(gabrovo_bundle(tmp_path))
    assert (pdf.parts, pdf.municipality, pdf.year, pdf.title) == (word.parts, word.municipality, word.year, word.title)
    assert (pdf.report.author, pdf.decision.number, pdf.decision.council) == ("Мария Колева", "45",
                                                                              "Общински съвет – Габрово")
    keys = ("area", "area_title", "goal", "goal_text", "activity", "activity_text", "executors_raw", "deadline_raw",
            "financing_raw", "deadline_start", "financing")
    records = [r.model_dump(include=set(keys)) for r in activity_records(pdf)]
    assert records == [r.model_dump(include=set(keys)) for r in activity_records(word)]
    assert all(r.page in (1, 2) for r in activity_records(pdf))
    assert pdf.annex.fragments == [] and pdf.annex.closing == []


def squash(text: str | None) -> str | None:
    """Text without whitespace: the PDF reader may leave a word broken at a narrow column's edge (`Водещ и`)."""
    return None if text is None else "".join(text.split())


def test_pdf_of_the_grouped_header_plan_keeps_sub_columns_and_every_cell(tmp_path):
    pdf = extract(UNSEEN_PDFS / "grouped-header.pdf")
    assert [(squash(c.header), c.role) for c in pdf.annex.areas[0].columns] == [
        (squash(c.header), c.role) for c in extract(grouped_header_plan(tmp_path)).annex.areas[0].columns]
    found = [(g, a) for area in pdf.annex.areas for g in area.goals for a in g.activities]
    printed = [row for row in GROUPED_ROWS[2:] if len(row) == 8]
    assert [g.number for g, _ in found] == ["1.1", "1.1", "1.2", "2.1", "2.1"]
    assert [[squash(a.number), squash(a.text), squash(a.executors_raw), squash(a.partners_raw), squash(a.deadline_raw),
             squash(a.financing_raw), squash(a.budget), squash(a.indicators)] for _, a in found] == [
        [squash(cell) for cell in row] for row in printed]
    assert pdf.annex.fragments == [] and all(a.extra == {} for _, a in found)


def test_report_author_on_the_heading_line_draft_number_placeholder_and_basis_after_the_council():
    from .conftest import document_from_text

    text = "\n".join([
        "ОБЩИНА СМОЛЯН", "ДО ПРЕДСЕДАТЕЛЯ НА ОБЩИНСКИ СЪВЕТ – СМОЛЯН",
        "ДОКЛАДНА ЗАПИСКА от Елена Димова – заместник-кмет",
        "Относно: Общинска програма за закрила на детето за 2025 г.", "ПРОЕКТ! РЕШЕНИЕ № ...",
        "Общински съвет – Смолян, на основание чл. 21, ал. 1, т. 12 от ЗМСМА", "РЕШИ:", "1. Приема програмата.",
        "ПРИЛОЖЕНИЕ № 1", "Приоритетна област 1: Здраве", "Цели\tДейности\tИзпълнител\tФинансиране\tСрок",
        "1. Профилактика\t1.1. Прегледи\tРЗИ\tДържавно\t2025 г.",
    ])
    document = document_from_text(text)
    assert (document.municipality, document.year) == ("Община Смолян", 2025)
    assert (document.report.author, document.report.author_role) == ("Елена Димова", "заместник-кмет")
    assert (document.decision.number, document.decision.council) == (None, "Общински съвет – Смолян")
    assert [b.raw for b in document.decision.legal_bases] == ["чл. 21, ал. 1, т. 12 от ЗМСМА"]
    assert document.decision.operative_points == ["Приема програмата."]
