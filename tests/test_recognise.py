"""The recogniser on small drafts: header roles, damaged rows and their recorded repairs."""

from __future__ import annotations

import pytest

from extractor.recognise.align import CellText, fit
from extractor.recognise.header import role_of_header
from extractor.recognise.numbering import roman_to_int, split_activity_number, split_goal_number, split_letter_item

from .conftest import activities, document_from_text

HEADER_2021 = "Цели\tДейности\tИзпълнител / Партньори\tФинансиране\tСрок за изпълнение"
HEADER_2013 = "Цел\tДейност\tСрок\tИнституция/ Организация\tИзточник на финансиране\tОчакван резултат"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Цели", "goal"), ("Цел", "goal"), ("Оперативна цел", "goal"), ("Дейности", "activity"),
        ("Дейност", "activity"), ("Изпълнител / Партньори", "executor"), ("Изпълнител/Партньори", "executor"),
        ("Институция/ Организация", "executor"), ("Отговорни институции", "executor"),
        ("Водещи институции", "executor"), ("Партниращи институции", "partner"), ("Партньори", "partner"),
        ("Финансиране", "financing"), ("Източник на финансиране", "financing"), ("Бюджет/средства", "budget"),
        ("Срок", "deadline"), ("Срок за изпълнение", "deadline"), ("Очакван резултат", "result"),
        ("Очаквани резултати/ефект", "result"), ("Индикатори", "indicator"), ("№", "number"),
        ("Време на изпълнение", "deadline"), ("Заинтересовани страни", "partner"), ("Забележка", None),
    ],
)  # fmt: skip
def test_header_wording_names_the_column_role(header, role):
    assert role_of_header(header) == role


@pytest.mark.parametrize(
    ("text", "number", "rest"),
    [("1. А.1. Работа", "1.А.1", "Работа"), ("2. А. 3 Проект", "2.А.3", "Проект"), ("1.1Кариерно", "1.1", "Кариерно"),
     ("2.В.1.2.", "2.В.1.2", ""), ("3.10 Куклен", "3.10", "Куклен"), ("31.10.2013г.", None, "31.10.2013г."),
     ("Подбор на персонал", None, "Подбор на персонал"), ("1.A.1 Latin", "1.А.1", "Latin")],
)  # fmt: skip
def test_activity_numbers_are_split_and_normalised(text, number, rest):
    numbered = split_activity_number(text)
    assert (numbered.number, numbered.text) == (number, rest)


@pytest.mark.parametrize(
    ("text", "number"),
    [("1.Подкрепа", "1"), ("12. Контрол", "12"), ("а. Развитие", "а"), ("2.1. Оперативна", "2.1"),
     ("Цел 2: Достъп", "2"), ("Оперативна цел 1.2. Достъп", "1.2"), ("Цел без номер", None),
     ("2013 г. начало", None)],
)  # fmt: skip
def test_goal_numbers_are_split(text, number):
    assert split_goal_number(text).number == number


@pytest.mark.parametrize(("roman", "value"), [("I", 1), ("IV", 4), ("VI", 6), ("VII", 7), ("IX", 9), ("XIV", 14)])
def test_roman_area_numbers(roman, value):
    assert roman_to_int(roman) == value


def test_area_numbers_typed_with_cyrillic_look_alikes():
    from extractor.recognise.numbering import area_number

    assert area_number("ІІІ") == 3 and area_number("ХІ") == 11


def test_columns_in_another_order_are_read_by_wording(rows):
    text = rows(
        ["Приоритетна област II: Образование"],
        ["Срок", "Финансиране", "Дейности", "Цели", "Отговорни институции"],
        ["2021 г.", "Общински бюджет", "1.1. Обучения", "1. Подкрепа", "РУО"],
    )
    (_, goal, activity), = activities(document_from_text(text))
    assert (goal.number, goal.text, activity.number, activity.text) == ("1", "Подкрепа", "1.1", "Обучения")
    assert (activity.executors_raw, activity.financing_raw, activity.deadline_raw) == ("РУО", "Общински бюджет", "2021 г.")


def test_goal_cell_empty_on_following_rows_means_the_goal_continues(rows):
    text = rows(["Приоритетна област I: Х"], HEADER_2021.split("\t"),
                ["1. Цел", "1.1. Първа", "СО", "СО", "целогодишно"],
                ["", "1.2. Втора", "ДСП", "Държавно", "целогодишно"],
                ["", "1.3. Трета", "РУО", "Държавно", "целогодишно"])
    document = document_from_text(text)
    (goal,) = document.annex.areas[0].goals
    assert [a.number for a in goal.activities] == ["1.1", "1.2", "1.3"]


def test_row_split_at_page_break_is_merged_back_and_recorded(rows):
    text = rows(["Приоритетна област IV: Х"], HEADER_2021.split("\t"),
                ["1.Повишаване на компетентността на педагогическите", "1.1.Организиране на форум с директори на",
                 "РУО", "Бюджет на РУО", "01.09.2020г. 01.04.2021 г."])
    text += "\n\n" + rows(["специалисти в детските градини", "столични детски градини на тема „Х“.", "", "", ""])
    (_, goal, activity), = activities(document_from_text(text))
    assert goal.text == "Повишаване на компетентността на педагогическите специалисти в детските градини"
    assert activity.text == "Организиране на форум с директори на столични детски градини на тема „Х“."
    assert activity.provenance.lines == [3, 5]
    assert [r.kind for r in activity.repairs] == ["continuation-merged"]


def test_word_hyphenated_at_page_break_is_rejoined(rows):
    text = rows(["Приоритетна област IV: Х"], HEADER_2021.split("\t"),
                ["7. Възстановяване на деца-", "Консултиране.", "СО;", "Бюджет", "целогодишно"],
                ["жертви на насилие.", "", "НКБТХ", "", ""])
    (_, goal, activity), = activities(document_from_text(text))
    assert goal.text == "Възстановяване на деца-жертви на насилие."
    assert activity.executors_raw == "СО; НКБТХ"
    assert activity.number is None


def test_second_unnumbered_activity_with_executor_and_financing_is_not_a_continuation(rows):
    text = rows(["Приоритетна област I: Х"], HEADER_2021.split("\t"),
                ["1.Подкрепа.", "Предоставяне на стипендии.", "СО", "Бюджет на МОН.", "целогодишно"],
                ["", "Консултации на родители.", "ДСП", "Държавно", ""])
    found = activities(document_from_text(text))
    assert [a.text for _, _, a in found] == ["Предоставяне на стипендии.", "Консултации на родители."]


def test_new_goal_with_one_unnumbered_activity_is_not_a_continuation(rows):
    text = rows(["Приоритетна област I: Х"], HEADER_2021.split("\t"),
                ["1.Подкрепа.", "Предоставяне на стипендии.", "СО", "Бюджет на МОН.", "целогодишно"],
                ["2. Контрол.", "Контрол върху дейността.", "СО", "Държавно", "целогодишно"])
    found = activities(document_from_text(text))
    assert [(g.number, a.number, a.text) for _, g, a in found] == [
        ("1", None, "Предоставяне на стипендии."), ("2", None, "Контрол върху дейността.")]


def test_digit_six_in_lettered_goals_is_read_as_be(rows):
    text = rows(["Стратегическа цел 3. ПРЕВЕНЦИЯ"], HEADER_2013.split("\t"),
                ["а. Първа", "3.А.1. Дейност", "Постоянен", "ЦОП", "Държавно", "Брой"],
                ["6. Втора", "3.Б.1. Дейност", "Постоянен", "ЦОП", "Държавно", "Брой"])
    goals = document_from_text(text).annex.areas[0].goals
    assert [g.number for g in goals] == ["а", "б"]
    assert goals[1].number_raw == "6."
    assert goals[1].repairs[0].kind == "letter-read-from-digit"


def test_row_missing_its_goal_cell_is_realigned_and_surplus_duplicate_dropped(rows):
    text = rows(["Стратегическа цел 1. ВКЛЮЧВАНЕ"], HEADER_2013.split("\t"),
                ["в. Качество", "1.В.1. Отчитане", "Постоянен", "Д „СД“", "Не се изисква", "Мониторинг"],
                ["1.В.2. Изискване към доставчиците", "Периодично", "АСП", "Не се изисква", "Разработени планове",
                 "Въведени карти"],
                ["1.В.3. Въвеждане на карти", "Периодично", "ЗСУ", "Не се изисква", "Въведени карти"])
    found = activities(document_from_text(text))
    second = found[1][2]
    assert (second.number, second.deadline_raw, second.executors_raw, second.expected_result) == (
        "1.В.2", "Периодично", "АСП", "Разработени планове")
    assert [r.kind for r in second.repairs] == ["cells-realigned", "duplicate-cell-dropped"]
    assert second.repairs[1].raw == "Въведени карти"


def test_surplus_cell_that_repeats_nothing_is_kept_as_extra(rows):
    text = rows(["Стратегическа цел 1. Х"], HEADER_2013.split("\t"),
                ["1.А.1. Текст", "Постоянен", "АСП", "Не се изисква", "Планове", "Бележка на полето"])
    (_, _, activity), = activities(document_from_text(text))
    assert list(activity.extra.values()) == ["Бележка на полето"]


def test_activity_number_in_a_cell_of_its_own_is_reattached(rows):
    text = rows(["Стратегическа цел 2. Х"], HEADER_2013.split("\t"),
                ["б. Цел", "2.Б.1", "Предоставяне на услуги", "Постоянен", "2013 г.", "ЦОП", "Бюджети ЦОП-ове",
                 "Брой случаи"])
    (_, goal, activity), = activities(document_from_text(text))
    assert (activity.number, activity.text, activity.deadline_raw) == ("2.Б.1", "Предоставяне на услуги",
                                                                        "Постоянен\n2013 г.")
    assert (activity.executors_raw, activity.financing_raw, activity.expected_result) == (
        "ЦОП", "Бюджети ЦОП-ове", "Брой случаи")


def test_rows_without_goal_cell_numbered_for_the_next_goal_move_there(rows):
    text = rows(["Стратегическа цел 2. Х"], HEADER_2013.split("\t"),
                ["б. Цел б", "2.Б.1. Първа", "Постоянен", "ЦОП", "Бюджет", "Брой"],
                ["", "2.В.1.2. Втора", "2013 г.", "НПО", "Държавно делегирана дейност", "Разкрити"],
                ["в. Цел в", "2.В.2. Трета", "Постоянен", "СО", "Бюджет на СО", "Брой"])
    goals = document_from_text(text).annex.areas[0].goals
    assert [[a.number for a in g.activities] for g in goals] == [["2.Б.1"], ["2.В.1.2", "2.В.2"]]
    assert goals[1].activities[0].repairs[-1].kind == "goal-from-number-prefix"


def test_stray_line_between_rows_fills_an_activity_that_has_only_its_number(rows):
    text = rows(["Стратегическа цел 3. Х"], HEADER_2013.split("\t"),
                ["а. Повишаване на уменията", "3.А.1.", "Постоянен", "Д „СД“", "СО", "Повишени умения на"])
    text += "\n\nПредоставяне на социалната\n\nумения на\n\n" + rows(
        ["за отглеждането на децата", "услуга „Асистент“", "", "", "", "семействата"])
    (_, goal, activity), = activities(document_from_text(text))
    assert activity.text == "Предоставяне на социалната услуга „Асистент“"
    assert activity.expected_result == "Повишени умения на семействата"
    assert goal.text == "Повишаване на уменията за отглеждането на децата"
    assert [r.kind for r in activity.repairs] == ["fragment-attached", "fragment-duplicate-dropped",
                                                  "continuation-merged"]


def test_copy_of_a_row_printed_before_its_area_began_is_dropped_and_kept_as_fragment(rows):
    text = rows(["Стратегическа цел 2. Х"], HEADER_2013.split("\t"),
                ["а. Цел", "2.А.1. Първа", "Постоянен", "СО", "СО", "Брой"],
                ["", "3.А.1.", "Предоставяне на услугата", "Постоянен", "Д „СД“", "СО", "Умения"],
                ["Стратегическа цел 3. У"], HEADER_2013.split("\t"),
                ["а. Цел", "3.А.1. Предоставяне на услугата", "Постоянен", "Д „СД“", "СО", "Умения"])
    document = document_from_text(text)
    assert [[a.number for g in area.goals for a in g.activities] for area in document.annex.areas] == [
        ["2.А.1"], ["3.А.1"]]
    assert document.annex.fragments[0].reason.startswith("duplicate of activity 3.А.1")
    assert document.annex.areas[1].goals[0].activities[0].repairs[-1].kind == "duplicate-row-dropped"


def test_area_heading_variants_are_recognised(rows):
    text = rows(["Приоритетна област VI : Спорт"], HEADER_2021.split("\t"), ["1. Ц", "1.1. Д", "СО", "СО", "2021 г."])
    text += "\n<p>Приоритетна област VII: Кариера</p>\t\t\n" + rows(HEADER_2021.split("\t"),
                                                                    ["1. Ц", "1.1. Д", "СО", "СО", "2021 г."])
    areas = document_from_text(text).annex.areas
    assert [(a.number, a.number_raw, a.title) for a in areas] == [(6, "VI", "Спорт"), (7, "VII", "Кариера")]


def test_bare_roman_numeral_heading_opens_an_area(rows):
    text = "IV. ЗДРАВЕОПАЗВАНЕ\n" + rows(HEADER_2021.split("\t"), ["1. Ц", "1.1. Д", "РЗИ", "Държавно", "2021 г."])
    (area,) = document_from_text(text).annex.areas
    assert (area.number, area.label, area.title) == (4, "", "ЗДРАВЕОПАЗВАНЕ")


def test_operational_goal_headings_inside_a_table_without_goal_column(rows):
    text = rows(["Стратегическа цел 1. Х"], ["Дейност", "Срок", "Отговорни институции", "Бюджет/средства", "Индикатори"],
                ["Оперативна цел 1.1: Достъп до услуги"],
                ["1.1.1. Разкриване на център", "2022 г.", "Община", "10 000 лв.", "1 център"])
    (area, goal, activity), = activities(document_from_text(text))
    assert (goal.number, goal.text) == ("1.1", "Достъп до услуги")
    assert (activity.number, activity.budget, activity.indicators) == ("1.1.1", "10 000 лв.", "1 център")


def test_strategic_goal_column_opens_areas_and_operational_goals_become_goals(rows):
    text = rows(["Стратегическа цел", "Оперативна цел", "Дейност", "Водещи институции", "Партниращи институции",
                 "Срок", "Бюджет/средства"],
                ["1. Достъп до услуги", "1.1. Нови услуги", "1.1.1. Разкриване на ЦОП", "Община", "НПО", "2022",
                 "Общински бюджет"],
                ["", "", "1.1.2. Разкриване на ЦНСТ", "Община", "АСП", "2023", "ДДД"],
                ["2. Качество", "2.1. Обучения", "2.1.1. Обучения на персонала", "Община", "", "2022", "Проект"])
    document = document_from_text(text)
    summary = [(a.number, a.title, [(g.number, g.text, [x.number for x in g.activities]) for g in a.goals])
               for a in document.annex.areas]
    assert summary == [(1, "Достъп до услуги", [("1.1", "Нови услуги", ["1.1.1", "1.1.2"])]),
                       (2, "Качество", [("2.1", "Обучения", ["2.1.1"])])]
    first = document.annex.areas[0].goals[0].activities[0]
    assert (first.executors_raw, first.partners_raw, first.budget) == ("Община", "НПО", "Общински бюджет")


def test_single_level_activity_numbers_and_a_column_number_row(rows):
    text = rows(["№", "Мярка", "Отговорник", "Срок", "Източник на финансиране"],
                ["1", "2", "3", "4", "5"],
                ["", "1. Провеждане на кампания", "Община", "2022 г.", "Общински бюджет"],
                ["", "2) Обучение на родители", "ДСП", "2022 г.", "Държавен бюджет"])
    found = activities(document_from_text(text))
    assert [(a.number, a.text, a.executors_raw) for _, _, a in found] == [
        ("1", "Провеждане на кампания", "Община"), ("2", "Обучение на родители", "ДСП")]


def test_column_without_a_role_is_kept_under_its_header(rows):
    text = rows(["Приоритетна област I: Х"], HEADER_2021.split("\t") + ["Забележка"],
                ["1. Цел", "1.1. Д", "СО", "СО", "2021 г.", "нова дейност"])
    (_, _, activity), = activities(document_from_text(text))
    assert activity.extra == {"Забележка": "нова дейност"}


def test_document_without_report_or_decision_is_an_annex_only(rows):
    text = "ПЛАН ЗА ДЕЙСТВИЕ ЗА 2013 г.\nза осъществяване на Стратегия 2010 - 2013 година\n\n" + rows(
        ["Стратегическа цел 1. Х"], HEADER_2013.split("\t"), ["а. Ц", "1.А.1. Д", "Постоянен", "СО", "СО", "Брой"])
    document = document_from_text(text)
    assert document.parts == ["action_plan"]
    assert (document.year, document.period.start, document.period.end) == (2013, 2010, 2013)
    assert document.title == "ПЛАН ЗА ДЕЙСТВИЕ ЗА 2013 г. за осъществяване на Стратегия 2010 - 2013 година"


def test_bundle_with_spaced_headings_splits_into_report_decision_and_annex(rows):
    text = "\n".join([
        "ОБЩИНА ВАРНА", "ДО", "ПРЕДСЕДАТЕЛЯ НА ОБЩИНСКИ СЪВЕТ – ВАРНА", "Д О К Л А Д",
        "от Иван Петров – заместник-кмет", "ОТНОСНО: Приемане на Общинска програма за закрила на детето за 2024 г.",
        "На основание чл. 21, ал. 1, т. 12 от ЗМСМА предлагам:", "П Р О Е К Т   Н А   Р Е Ш Е Н И Е",
        "Общински съвет – Варна", "Р Е Ш И:", "1. Приема Общинска програма за закрила на детето за 2024 г.",
        "ПРИЛОЖЕНИЕ № 1", "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2024 ГОДИНА",
    ]) + "\n" + rows(["ПРИОРИТЕТНА ОБЛАСТ 1: Здраве"], HEADER_2021.split("\t"),
                     ["1. Ц", "1.1. Д", "РЗИ", "Държавно", "2024 г."])
    document = document_from_text(text)
    assert document.parts == ["report", "decision", "programme"]
    assert (document.municipality, document.year) == ("Община Варна", 2024)
    assert (document.report.author, document.report.author_role) == ("Иван Петров", "заместник-кмет")
    assert document.report.subject == "Приемане на Общинска програма за закрила на детето за 2024 г."
    assert [b.raw for b in document.report.legal_bases] == ["чл. 21, ал. 1, т. 12 от ЗМСМА"]


@pytest.mark.parametrize(
    ("text", "year", "period"),
    [("Проект на Решение за приемане на програма за 2021г.", 2021, None),
     ("ПЛАН ЗА ДЕИСТВИЕ ЗА 2013 г. към Стратегия 2010-2013г.", 2013, (2010, 2013)),
     ("ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2024 ГОДИНА", 2024, None)],
)
def test_programme_year_and_period_from_titles(text, year, period):
    from extractor.recognise import year_and_period

    found_year, found_period = year_and_period(text)
    assert found_year == year
    assert ((found_period.start, found_period.end) if found_period else None) == period


def test_running_row_number_column_beside_numbered_activities_is_kept_apart(rows):
    text = rows(["Приоритет 1: Бедност"],
                ["№", "Цел", "Дейности", "Водещи институции", "Партниращи институции", "Срок", "Бюджет/средства"],
                ["1.", "1. Подкрепа на семейства", "1.1. Консултации на родители", "ДСП", "ЦОП, НПО", "целогодишно",
                 "Държавен бюджет"],
                ["2.", "", "1.2. Помощи в натура", "Община", "БЧК", "до 31.12.2023 г.", "Общински бюджет"])
    found = activities(document_from_text(text))
    assert [(g.number, g.text, a.number, a.text) for _, g, a in found] == [
        ("1", "Подкрепа на семейства", "1.1", "Консултации на родители"),
        ("1", "Подкрепа на семейства", "1.2", "Помощи в натура")]
    first = found[0][2]
    assert first.extra == {"№": "1."}
    assert (first.partners_raw, first.budget, first.financing_raw) == ("ЦОП, НПО", "Държавен бюджет", "Държавен бюджет")
    assert first.repairs == []


@pytest.mark.parametrize(
    ("title", "labels", "kind"),
    [
        ("ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО НА ОБЩИНА ВРАЦА ЗА 2025 г.", "Стратегическа цел Стратегическа цел", "programme"),
        ("ПЛАН ЗА ДЕЙСТВИЕ ЗА 2013 г. за изпълнение на Общинската стратегия", "Стратегическа цел", "action_plan"),
        ("План за действие към Програмата за закрила на детето", "Приоритетна област", "action_plan"),
        ("ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2021 г. Програмата съдържа план за действие", "", "programme"),
        (None, "Стратегическа цел Стратегическа цел", "action_plan"),
        (None, "Приоритетна област Приоритетна област", "programme"),
        ("ПРИОРИТЕТИ И ДЕЙНОСТИ", "Приоритетна област", "programme"),
    ],
)
def test_the_title_names_the_annex_kind_before_its_area_labels(title, labels, kind):
    from extractor.recognise import annex_kind

    assert annex_kind(title, labels) == kind


@pytest.mark.parametrize("text, number, rest", [
    ("а) Профилактични прегледи", "а", "Профилактични прегледи"),
    ("б)Беседи", "б", "Беседи"),
    ("a) Беседи", "а", "Беседи"),  # a Latin look-alike
    ("с. Тракиец", None, "с. Тракиец"),  # a place, not a letter: only `)` closes a lettered number in a text
    ("Я) Нещо", None, "Я) Нещо"),
])
def test_activities_lettered_with_a_parenthesis_are_split(text, number, rest):
    assert split_letter_item(text)[::2] == (number, rest)


def test_a_letter_alone_in_a_cell_reads_as_a_number_column_value():
    assert fit("number", CellText("а)")) > 0 and fit("number", CellText("б.")) > 0
    assert fit("number", CellText("а) Беседи")) < 0
