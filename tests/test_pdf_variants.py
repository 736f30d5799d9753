"""PDF layouts other than the samples': the PDF gives the records its Word file gives, and what a reader sees.

The .docx and .pdf pairs in tests/fixtures/pdf-variants/ are written by
`tests/fixtures/make_pdf_variants.py` (python-docx, then LibreOffice); these tests read the committed
files and need no LibreOffice. Each variant's records are compared between the two renderings with
provenance aside, then the key fields of the PDF's records are checked against the document as printed.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from extractor.api import extract
from extractor.model.flat import PROVENANCE_KEYS, ActivityRecord, activity_records
from extractor.model.layout import Paragraph, Table
from extractor.readers import read
from extractor.readers.lines import Line, join_hyphenated, join_lines, join_unhyphenated
from extractor.readers.pdf import PdfCell, TablePiece, continues
from extractor.readers.pdf_columns import unruled_tables

VARIANTS = Path(__file__).resolve().parent / "fixtures" / "pdf-variants"
NAMES = ["columns-reordered", "three-levels", "area-tables", "borderless-landscape", "hyphenation", "narrow-columns",
         "landscape-section", "large-print"]


@functools.cache
def records(name: str, suffix: str) -> tuple[ActivityRecord, ...]:
    return tuple(activity_records(extract(VARIANTS / f"{name}{suffix}")))


def without_provenance(record: ActivityRecord) -> dict:
    return {key: value for key, value in record.model_dump(mode="json").items() if key not in PROVENANCE_KEYS}


@functools.cache
def pdf_layout(name: str):
    return read(VARIANTS / f"{name}.pdf")


def tables(layout) -> list[Table]:
    return [block for block in layout.blocks if isinstance(block, Table)]


@pytest.mark.parametrize("name", NAMES)
def test_pdf_gives_the_activity_records_its_word_file_gives(name):
    from_pdf = [without_provenance(r) for r in records(name, ".pdf")]
    assert from_pdf == [without_provenance(r) for r in records(name, ".docx")]
    assert from_pdf


@pytest.mark.parametrize("name", NAMES)
def test_every_pdf_record_and_cell_carries_its_page_and_bounding_box(name):
    assert all(r.page is not None and r.table is not None and r.row is not None for r in records(name, ".pdf"))
    for table in tables(pdf_layout(name)):
        for cell in (cell for row in table.rows for cell in row):
            x0, top, x1, bottom = cell.origin.bbox
            assert cell.origin.page >= 1 and x0 < x1 and top < bottom


# -- (1) columns in another order, header repeated, a row cut by the page break ----------------
def test_columns_in_another_order_keep_their_roles():
    assert [(r.goal, r.activity, r.deadline_raw, r.executors_raw, r.financing_raw, r.expected_result)
            for r in records("columns-reordered", ".pdf")] == [
        ("1", "1.1", "2024 г.", "Община Смолян, РУО – Смолян", "Общински бюджет",
         "Обхванати са всички деца, подлежащи на задължително обучение"),
        ("1", "1.2", "учебната 2023/2024 г.", "Училищата и детските градини", "Национални програми на МОН",
         "Подобрени резултати на учениците"),
        ("1", "1.3", "целогодишно", "Община Смолян", "Държавен бюджет", "Редовно посещение на учебните занятия"),
        ("1", "1.4", "м. септември – м. декември 2024 г.", "Община Смолян, комисия за стипендиите",
         "Общински бюджет", "Отпуснати не по-малко от 40 стипендии"),
        ("2", "2.1", "юни – август 2024 г.", "Читалищата, ЦПЛР – ОДК", "Общински бюджет, дарения",
         "Над 300 деца участват в заниманията през лятото"),
        ("2", "2.2", "м. май 2024 г.", "Община Смолян", "Не са необходими средства", "Изложба на наградените рисунки"),
        ("2", "2.3", "учебната 2024/2025 г.", "Училищата", "Средства по проекти", "Създадени 25 клуба по интереси"),
        ("2", "2.4", "постоянен", "Регионален исторически музей, Планетариум", "Собствени приходи",
         "Ежемесечни посещения на групи"),
    ]  # fmt: skip
    first = records("columns-reordered", ".pdf")[0]
    assert (first.area, first.area_title) == (1, "Осигуряване на равен достъп до качествено образование")
    assert first.goal_text == "Намаляване на броя на децата, отпаднали от училище"


def test_header_word_broken_in_a_narrow_column_is_read_whole():
    (table,) = tables(pdf_layout("columns-reordered"))
    assert [cell.text for cell in table.rows[0]] == [
        "№", "Дейност", "Срок", "Отговорни институции", "Финансиране", "Очаквани резултати"]
    assert table.rows[0][4].raw == "Финансира\nне"


def test_portrait_table_across_a_page_is_one_table_its_header_set_aside_and_its_cut_row_merged():
    layout = pdf_layout("columns-reordered")
    (table,) = tables(layout)
    assert sorted({row[0].origin.page for row in table.rows}) == [1, 2]
    assert sum(1 for row in table.rows if row[0].text == "№") == 1
    assert [(a.reason, a.origin.page) for a in layout.artefacts] == [("running-header", 2)]
    cut = next(r for r in records("columns-reordered", ".pdf") if r.activity == "2.1")
    assert cut.page == 1
    assert cut.activity_text.startswith("Летни занимания в читалищата и в центровете за работа с деца: театър")
    assert cut.activity_text.endswith("проследяване на присъствието в учебните часове и насочване към подходящи "
                                      "услуги в общността.")
    assert cut.activity_text.count("Дейността включва") == 4


# -- (2) strategic goal → operational goal → activity 1.1.1 --------------------------------------
def test_three_level_hierarchy_gives_areas_goals_and_activities_with_partners_and_indicators():
    assert [(r.area, r.area_title, r.goal, r.goal_text, r.activity) for r in records("three-levels", ".pdf")] == [
        (1, "Подкрепа на семейството за отглеждане на децата", "1.1", "Превенция на изоставянето на деца", "1.1.1"),
        (1, "Подкрепа на семейството за отглеждане на децата", "1.1", "Превенция на изоставянето на деца", "1.1.2"),
        (1, "Подкрепа на семейството за отглеждане на децата", "1.2", "Развитие на приемната грижа", "1.2.1"),
        (2, "Здраве и безопасност на децата", "2.1", "Профилактика на детското здраве", "2.1.1"),
        (2, "Здраве и безопасност на децата", "2.1", "Профилактика на детското здраве", "2.1.2"),
        (2, "Здраве и безопасност на децата", "2.2", "Безопасност на движението по пътищата", "2.2.1"),
    ]  # fmt: skip
    assert [(r.executors_raw, r.partners_raw, r.deadline_raw, r.indicators_raw, r.extra_raw)
            for r in records("three-levels", ".pdf")] == [
        ("ДСП – Враца", "МБАЛ – Враца, ЦОП", "2025 г.", "Брой консултирани родители",
         "Целева група: Родители на новородени"),
        ("ЦОП – Враца", "НПО, читалища", "постоянен", "Брой проведени срещи; брой участници",
         "Целева група: Млади родители"),
        ("Община Враца", "ДСП – Враца, медии", "м. март – м. май 2025 г.", "Нови 5 приемни семейства",
         "Целева група: Граждани"),
        ("РЗИ – Враца", "Общопрактикуващите лекари", "учебната 2024/2025 г.", "Обхванати 90 % от децата",
         "Целева група: Деца от 3 до 18 г."),
        ("Общински съвет по наркотични вещества", "Училищата", "2025 г.", "Брой проведени беседи",
         "Целева група: Ученици от 5. до 12. клас"),
        ("Детските градини", "ОДМВР – Враца", "целогодишно", "Обучени деца в подготвителните групи",
         "Целева група: Деца от 5 до 7 г."),
    ]  # fmt: skip
    assert records("three-levels", ".pdf")[0].activity_text == (
        "Консултиране на бременни жени и родители на новородени в риск от изоставяне на детето.")


# -- (3) one table per area, running header and page numbers ------------------------------------
def test_one_table_per_area_under_its_heading_paragraph():
    assert [(r.area, r.area_title, r.goal, r.activity, r.executors_raw, r.deadline_raw, r.financing_raw)
            for r in records("area-tables", ".pdf")] == [
        (1, "Намаляване на детската бедност и социално включване", "1", "1.1", "ДСП – Ловеч", "септември 2025 г.",
         "Държавен бюджет"),
        (1, "Намаляване на детската бедност и социално включване", "1", "1.2", "Община Ловеч", "2025 г.",
         "Общински бюджет"),
        (1, "Намаляване на детската бедност и социално включване", "2", "2.1", "ЦОП – Ловеч", "постоянен",
         "Делегирана държавна дейност"),
        (2, "Здравеопазване", "1", "1.1", "РЗИ – Ловеч, ОПЛ", "м. април 2025 г.", "Бюджет на РЗИ"),
        (2, "Здравеопазване", "1", "1.2", "ОПЛ", "целогодишно", "НЗОК"),
        (3, "Защита от насилие", "1", "1.1", "РУО – Ловеч", "учебната 2024/2025 г.", "Не са необходими"),
        (3, "Защита от насилие", "1", "1.2", "ДАЗД", "постоянен", "Държавен бюджет"),
        (3, "Защита от насилие", "2", "2.1", "МКБППМН", "2025 г.", "Общински бюджет"),
    ]  # fmt: skip
    goals = {(r.area, r.goal): r.goal_text for r in records("area-tables", ".pdf")}
    assert goals[(3, "2")] == "Работа с децата с противообществени прояви"
    assert goals[(1, "1")] == "Подкрепа на семействата с ниски доходи"


def test_running_header_and_page_number_on_every_page_are_page_furniture():
    layout = pdf_layout("area-tables")
    assert sorted((a.origin.page, a.reason, a.raw) for a in layout.artefacts) == [
        (1, "page-number", "стр. 1"),
        (1, "running-header", "Община Ловеч – Общинска програма за закрила на детето 2025"),
        (2, "page-number", "стр. 2"),
        (2, "running-header", "Община Ловеч – Общинска програма за закрила на детето 2025"),
    ]
    texts = [block.text for block in layout.blocks if isinstance(block, Paragraph)]
    assert not any("стр." in text or "Община Ловеч –" in text for text in texts)


def test_title_in_capitals_is_a_paragraph_of_its_own_though_the_next_word_would_not_fit_beside_it():
    texts = [block.text for block in pdf_layout("area-tables").blocks if isinstance(block, Paragraph)]
    assert texts[0] == "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО – ОБЩИНА ЛОВЕЧ, 2025 г."
    assert records("area-tables", ".pdf")[0].year == 2025
    wrapped = [block.text for block in pdf_layout("columns-reordered").blocks if isinstance(block, Paragraph)]
    assert "ПЛАН ЗА ДЕЙСТВИЕ ЗА 2024 г. КЪМ ОБЩИНСКАТА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО – ОБЩИНА СМОЛЯН" in wrapped


# -- (4) landscape, no ruling lines ----------------------------------------------------------------
def test_borderless_landscape_tables_are_read_with_partners_and_multi_line_cells():
    assert [(r.area, r.goal, r.goal_text, r.activity, r.executors_raw, r.partners_raw, r.deadline_raw, r.financing_raw)
            for r in records("borderless-landscape", ".pdf")] == [
        (1, "1", "Ранно детско развитие", "1.1", "Община Добрич", "РУО – Добрич", "2024 г.", "Общински бюджет"),
        (1, "1", "Ранно детско развитие", "1.2", "ЦРИ – Добрич", "НПО, МБАЛ – Добрич", "постоянен",
         "Делегирана държавна дейност"),
        (1, "1", "Ранно детско развитие", "1.3", "Детските градини", "ЦОП – Добрич, РЗИ – Добрич",
         "м. март – м. май 2024 г.", "Не са необходими средства"),
        (1, "2", "Приобщаващо образование", "2.1", "РЦПППО – Добрич", "Училищата", "учебната 2023/2024 г.",
         "Държавен бюджет"),
        (2, "1", "Спорт за всички деца", "1.1", "Община Добрич", "Спортните клубове", "целогодишно",
         "Не са необходими средства"),
        (2, "1", "Спорт за всички деца", "1.2", "Община Добрич, спортните училища",
         "Спортните клубове, училищните настоятелства", "м. април – м. октомври 2024 г.", "Общински бюджет, спонсори"),
        (2, "2", "Култура и изкуство за децата", "2.1", "Община Добрич", "Читалищата, Драматичен театър",
         "м. юни 2024 г.", "Общински бюджет"),
        (2, "2", "Култура и изкуство за децата", "2.2", "Художествена галерия – Добрич", "", "учебната 2023/2024 г.",
         "Собствени средства"),
        (2, "2", "Култура и изкуство за децата", "2.3", "Регионална библиотека", "Читалищата", "юли – август 2024 г.",
         "Не са необходими средства"),
    ]  # fmt: skip


def test_borderless_row_cut_by_the_page_break_is_not_taken_for_a_wrapped_header():
    layout = pdf_layout("borderless-landscape")
    second = tables(layout)[1]
    assert sorted({row[0].origin.page for row in second.rows}) == [1, 2]
    assert sum(1 for row in second.rows if row[0].text == "Цел") == 1
    assert [a.reason for a in layout.artefacts] == ["running-header"]
    festival = next(r for r in records("borderless-landscape", ".pdf") if (r.area, r.activity) == (2, "2.1"))
    assert festival.activity_text == ("Детски фестивал на изкуствата в парка „Свети Георги“ с участието на танцови, "
                                      "музикални и театрални състави от областта.")


# -- (5) hyphenation ---------------------------------------------------------------------------------
def test_words_split_at_a_line_end_hyphen_are_rejoined_and_compounds_keep_their_hyphen():
    assert [(r.goal_text, r.activity_text, r.executors_raw, r.deadline_raw, r.financing_raw)
            for r in records("hyphenation", ".pdf")] == [
        ("Подкрепа на семействата", "Индивидуални консултации на родителите на децата с увреждания.",
         "Дирекция „Социално подпомагане“", "2024 г.", "Общински бюджет"),
        ("Подкрепа на семействата", "Мерки за социално-икономическо включване на семействата.", "Община Кърджали",
         "2024 г.", "Общински бюджет"),
        ("Подкрепа на семействата", "Обучение за по-добре информирани родители и деца.", "Медико-социален център",
         "2024 г.", "Държавен бюджет"),
        ("Спорт и отдих", "Организиране на летни лагери с научно-практическа насоченост.", "Община Кърджали",
         "септември – декември 2024 г.", "Не са необходими"),
    ]  # fmt: skip
    cells = {cell.raw for table in tables(pdf_layout("hyphenation")) for row in table.rows for cell in row}
    assert {"1.2. Мерки за\nсоциално-\nикономическо\nвключване на\nсемействата.",
            "Медико-\nсоциален\nцентър"} <= cells
    assert any("Индивиду-\nални консулта-\nции" in raw for raw in cells)


# -- (6) eight narrow columns: words, dates and abbreviations broken without a hyphen ----------------
def test_words_dates_and_abbreviations_broken_in_narrow_columns_are_read_whole():
    document = extract(VARIANTS / "narrow-columns.pdf")
    assert (document.year, document.municipality) == (2024, "Община Ловеч")  # the title's year wrapped alone
    assert [(r.activity, r.activity_text, r.deadline_raw, r.executors_raw) for r in records("narrow-columns", ".pdf")] == [
        ("1.1.1", "Консултиране на родители в риск", "31.12.2024 г.", "ОЗД към ДСП – Ловеч"),
        ("1.1.2", "Еднократни помощи за ученици", "м. IX – XII 2024", "Община Ловеч"),
        ("1.2.1", "Разкриване на Център за обществена подкрепа", "2024-2026 г.", "Община Ловеч"),
        ("1.2.2", "Летни занимания за деца", "през учебната 2024/2025 г.", "МКБППМН"),
        ("2.1.1", "Профилактични прегледи на децата", "постоянен", "РЗИ – Ловеч"),
    ]  # fmt: skip


@pytest.mark.parametrize("left, right, broken, expected", [
    ("31.12.202", "4 г.", True, "31.12.2024 г."),
    ("МКБПП", "МН, РЗИ", True, "МКБППМН, РЗИ"),
    ("МКБППМН", "РЗИ", False, "МКБППМН РЗИ"),  # not proved broken: two abbreviations
    ("2024", "30 деца", False, "2024 30 деца"),
])
def test_number_or_capitals_broken_where_the_layout_proves_it_are_joined(left, right, broken, expected):
    assert join_unhyphenated(left, right, set(), None, broken) == expected


# -- (7) a landscape section after a portrait title page ----------------------------------------
def test_paragraph_ending_a_portrait_page_does_not_run_on_into_a_landscape_section():
    texts = [block.text for block in pdf_layout("landscape-section").blocks if isinstance(block, Paragraph)]
    assert texts[2:4] == ["за изпълнение на Общинската стратегия за подкрепа на детето и семейството 2022 – 2026 г.",
                          "СТРАТЕГИЧЕСКА ЦЕЛ 1: ПОДКРЕПА НА СЕМЕЙСТВОТО"]
    assert [(r.area, r.area_title) for r in records("landscape-section", ".pdf")] == [
        (1, "ПОДКРЕПА НА СЕМЕЙСТВОТО"), (1, "ПОДКРЕПА НА СЕМЕЙСТВОТО"), (2, "ДОСТЪП ДО УСЛУГИ")]


# -- (8) large print in narrow columns ------------------------------------------------------------
def _cells(name: str) -> list[str]:
    return [cell.text for table in tables(pdf_layout(name)) for row in table.rows for cell in row]


def test_word_alone_on_a_line_that_left_room_for_the_next_letter_was_wrapped_not_broken():
    cells = _cells("large-print")
    assert "Бюджет на РЗИ" in cells  # not `Бюджетна`, though that is a word too
    assert "1. ОСИГУРЯВАНЕ НА ПРАВОТО НА ДЕТЕТО НА СЕМЕЙНА СРЕДА" in cells


def test_capitals_filling_their_line_stay_two_words_when_only_the_halves_are_words():
    assert "2. ОБРАЗОВАНИЕ И СВОБОДНО ВРЕМЕ" in _cells("large-print")


def test_word_broken_twice_in_a_compound_is_read_whole():
    assert "кандидат-приемни родители" in _cells("large-print")


def test_comma_or_closing_quote_moved_onto_the_next_line_joins_without_a_space():
    cells = _cells("large-print")
    assert {"МБАЛ, ЦОП", "ОП „Региони в растеж“"} <= set(cells)
    assert not any(" ," in cell or " “" in cell for cell in cells)


def test_opening_quote_of_the_english_kind_on_a_new_line_keeps_its_space():
    lines = [Line("Проект", 0, 60, 0, 10, 1, 60), Line("“Заедно”", 0, 40, 12, 22, 1, 40)]
    assert join_lines(lines, 62.0, 2.5, set()) == "Проект “Заедно”"


# -- the rules behind them, on small inputs --------------------------------------------------------
WORDS = frozenset({"индивидуални", "организиране", "организира", "не", "на", "финансиране", "финансира",
                   "икономическо", "социално", "добре", "по"})


@pytest.mark.parametrize(("left", "right", "expected"), [
    ("1.1. Индивиду-", "ални консултации", "1.1. Индивидуални консултации"),  # only the whole is a word
    ("Организира-", "не на лагери", "Организиране на лагери"),  # the head alone is a word too
    ("Мерки за социално-", "икономическо", "Мерки за социално-икономическо"),  # a compound
    ("за по-", "добре", "за по-добре"),
    ("Петрич-", "ски район", "Петрич-ски район"),  # no evidence either way: printed as it is
])
def test_line_end_hyphen_is_undone_where_the_dictionary_knows_the_whole_word(left, right, expected):
    assert join_hyphenated(left, right, set(), WORDS) == expected


@pytest.mark.parametrize(("left", "right", "broken", "expected"), [
    ("Финансира", "не", True, "Финансиране"),  # both halves words, but the layout proves the break
    ("Финансира", "не", False, "Финансира не"),
    ("Общопрактик", "уващите лекари", True, "Общопрактикуващите лекари"),  # neither half nor the whole known
    ("Общопрактик", "уващите лекари", False, "Общопрактик уващите лекари"),
])
def test_word_broken_without_hyphen_is_rejoined_where_the_layout_proves_the_break(left, right, broken, expected):
    assert join_unhyphenated(left, right, set(), WORDS, broken) == expected


@pytest.mark.parametrize(("left", "right", "expected"), [
    ("ОБРАЗОВАНИЕ И СВОБОДНО", "ВРЕМЕ", "ОБРАЗОВАНИЕ И СВОБОДНО ВРЕМЕ"),  # two words, the whole none
    ("МКБПП", "МН", "МКБППМН"),  # no halves that are words: an abbreviation broken
    ("кандидат-прием", "ни родители", "кандидат-приемни родители"),  # the compound's last part is the head
    ("кандид", "ат-прием", "кандидат-прием"),  # the compound's first part is the tail
])
def test_broken_capitals_and_compounds_are_decided_on_the_parts_next_to_the_break(left, right, expected):
    words = frozenset({"свободно", "време", "прием", "ни", "приемни", "кандидат", "ат"})
    assert join_unhyphenated(left, right, set(), words, True) == expected


def _piece(page: int, starts: list[float], right: float) -> TablePiece:
    edges = [*starts, right]
    cells = [PdfCell(bbox=(x0, 100.0, x1 - 6, 120.0), page=page) for x0, x1 in zip(edges, edges[1:])]
    return TablePiece(page=page, bbox=(starts[0], 100.0, right, 120.0), cells=cells)


def test_borderless_table_continues_on_the_next_page_though_its_widest_text_ends_elsewhere():
    assert continues(_piece(1, [56, 170, 382], 762), _piece(2, [56, 170, 382], 731))
    assert not continues(_piece(1, [56, 170, 382], 762), _piece(2, [56, 210, 382], 731))
    assert not continues(_piece(1, [56, 170, 382], 762), _piece(3, [56, 170, 382], 762))


def _word(text: str, x0: float, top: float) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 5.5 * len(text), "top": top, "bottom": top + 10}


def test_lower_case_line_under_a_header_is_a_wrapped_header_only_where_the_header_cell_was_full():
    header = [_word("Цел", 50, 50), _word("Дейност", 100, 50), _word("Отговорни", 300, 50), _word("Срок", 360, 50)]
    wrap = [_word("институции", 300, 63)]
    cut_row = [_word("танцови,", 100, 76), _word("музикални", 149, 76)]
    row = [_word("1.", 50, 89), _word("1.1.", 100, 89), _word("Беседи", 123, 89), _word("РЗИ", 300, 89),
           _word("2024", 360, 89)]
    (cells,) = unruled_tables(header + wrap + cut_row + row, 600.0)
    tops = sorted({top for _, top, _, _ in cells})
    assert tops == [49.0, 75.0, 88.0]  # header (with its wrapped line), the cut row's rest, the next row
