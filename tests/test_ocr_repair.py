"""OCR confusion repairs: only where the evidence is clear, never digits in dates or amounts."""

from __future__ import annotations

import pytest

from extractor.readers.ocr_repair import (
    Lexicon, WordList, month_abbreviation_run_in, repair_cell_text, repair_ocr_text, repair_with_lexicon, stray_quote,
)

REPAIRED = [
    ("negliжиране на децата", "неглижиране на децата", "latin-in-cyrillic"),
    ("СO и НПО", "СО и НПО", "latin-in-cyrillic"),
    ("Д „СД“ ДАЗД 3СУ", "Д „СД“ ДАЗД ЗСУ", "digit-for-letter"),
    ("3акон за закрила на детето", "Закон за закрила на детето", "digit-for-letter"),
    ("очакван ре3ултат", "очакван резултат", "digit-for-letter"),
    ("6ез родителска грижа", "без родителска грижа", "digit-for-letter"),
    ("Проект ,,И аз имам семейство\"", "Проект „И аз имам семейство“", "broken-quote"),
    ("1.В.5. ,Социално включване”", "1.В.5. „Социално включване”", "broken-quote"),
]

UNCHANGED = [
    "31.10.2013г.",
    "3бр. места",
    "2013 г.",
    "бюджет 3 000 лв.",
    "1 360 000 лв.",
    "COVID-19 и ОП РЧР",
    "СО, ОЗД, МВР",
    "2.6.1. Дейност",
    "6. Предотвратяване на отпадането",
    "да, Иван каза",
    "Д „СД“",
]


@pytest.mark.parametrize(("read", "expected", "rule"), REPAIRED)
def test_clear_confusion_is_repaired_and_reported(read, expected, rule):
    text, repairs = repair_ocr_text(read)
    assert text == expected
    assert rule in {repair.rule for repair in repairs}


@pytest.mark.parametrize("text", UNCHANGED)
def test_numbers_dates_and_plain_text_are_left_alone(text):
    assert repair_ocr_text(text) == (text, [])


def test_repairs_never_add_or_remove_spaces():
    text = "o6щина ,,Дума\" 3СУ negliжиране"
    repaired, _ = repair_ocr_text(text)
    assert len(repaired.split(" ")) == len(text.split(" "))


ROMAN = [
    ("Приоритетна област П: Осигуряване", "Приоритетна област II: Осигуряване"),
    ("Приоритетна област ГУ: Повишаване", "Приоритетна област IV: Повишаване"),
    ("Приоритетна област У!: Създаване", "Приоритетна област VI: Създаване"),
    ("Раздел Ш.", "Раздел III."),
    ("превоз на ученици от | до УП клас", "превоз на ученици от I до VII клас"),
    ("учениците от У-УП клас в риск", "учениците от V-VII клас в риск"),
    ("за учениците от У – VII клас", "за учениците от V – VII клас"),
    # months and quarters of deadlines
    ("м. |Х 2024", "м. IX 2024"),
    ("м. ХП 2024", "м. XII 2024"),
    ("м. Х – ХП 2024", "м. X – XII 2024"),
    ("ХП.2024", "XII.2024"),
    ("ГУ тримесечие", "IV тримесечие"),
    ("П-ро полугодие на 2024 г.", "II-ро полугодие на 2024 г."),
    ("ТУ тримесечие 2022 – при необходимост", "IV тримесечие 2022 – при необходимост"),
    ("Направление\nТ. Превенция", "Направление\nI. Превенция"),  # a narrow cell's lines joined first
    ("м. 1Х 2022 – 2023", "м. IX 2022 – 2023"),
    ("П. ОБРАЗОВАНИЕ И СОЦИАЛНА ИНТЕГРАЦИЯ", "II. ОБРАЗОВАНИЕ И СОЦИАЛНА ИНТЕГРАЦИЯ"),  # an area heading
    ("Т. ЗДРАВЕОПАЗВАНЕ И ПРОФИЛАКТИКА", "I. ЗДРАВЕОПАЗВАНЕ И ПРОФИЛАКТИКА"),
    ("П шестмесечие", "II шестмесечие"),
    ("|–ТУ тримесечие 2017", "I–IV тримесечие 2017"),  # both ends of a range of quarters
]


@pytest.mark.parametrize(("read", "expected"), ROMAN)
def test_roman_numeral_read_as_cyrillic_is_repaired_where_a_number_must_stand(read, expected):
    text, repairs = repair_ocr_text(read)
    assert text == expected
    assert {repair.rule for repair in repairs} == {"roman-numeral"}


@pytest.mark.parametrize("text", ["Цел 1. Подкрепа", "в 1 клас", "област Пловдив", "Приоритетна област I:", "У нас",
                                  "ХХ 2024", "ПП 2024", "П. ПЕТРОВА", "1. ЗДРАВЕОПАЗВАНЕ И СПОРТ", "месец Х", "Иван 2024 г.", "м. 11 2024",
                                  "в 11 клас"])
def test_arabic_numbers_and_words_are_not_taken_for_roman_numerals(text):
    assert repair_ocr_text(text) == (text, [])


def lexicon(*document: str) -> Lexicon:
    words = frozenset({"действие", "йот", "и", "от", "дом", "тях", "деца", "райони"})
    return Lexicon.of(document, words, frozenset({"СО", "ЦОП", "НПО", "Д", "СД"}))


LEXICON_REPAIRS = [
    ("ДЕИСТВИЕ", "ДЕЙСТВИЕ", "breve-restored", ()),
    ("иот", "и от", "lost-space", ()),  # `и от` with the space lost, not `йот`
    ("цоп", "ЦОП", "abbreviation-case", ()),
    ("СО/ со", "СО/ СО", "abbreviation-case", ()),
    ("д „СД“", "Д „СД“", "abbreviation-case", ("Д „СД“",) * 3),
    ("РЦШШПО", "РЦПППО", "abbreviation-misread", ("РЦПППО",) * 5),
    ("РКЦПППО", "РЦПППО", "abbreviation-misread", ("РЦПППО",) * 12 + ("РКЦПППО",) * 3),
    ("МКБППМН-СОфрайони.", "МКБППМН-СО/райони.", "slash-read-as-letter", ("СО",) * 3),
    ("иот 3 до 7 г.", "и от 3 до 7 г.", "lost-space", ()),
    ("отм. април", "от м. април", "lost-space", ("м.",) * 5),
    ("отм. април", "от м. април", "lost-space", ("м.",) * 12 + ("отм.",) * 3),  # a misread repeated, parts far commoner
    ("Д „СД“ ЗСУв общността", "Д „СД“ ЗСУ в общността", "lost-space", ("ЗСУ",) * 3),
    ("ученици, завършващи 7и 10 клас", "ученици, завършващи 7 и 10 клас", "lost-space", ()),
    ("РЕЦШШПО", "РЦПППО", "abbreviation-misread", ("РЦПППО",) * 5),  # `ШШ` for `ППП`: the same six stems
    ("РЦПППОРУО", "РЦПППО РУО", "run-together", ("РЦПППО",) * 5 + ("РУО",) * 3),
    ("РЦШШПОРУО", "РЦПППО РУО", "run-together", ("РЦПППО",) * 5 + ("РУО",) * 3),  # a part misread too
    ("СОНПО", "СО НПО", "run-together", ()),  # both parts the glossary's
    ("ОбСВВ", "ОбСНВ", "abbreviation-misread", ("ОбСНВ",) * 3),  # a small letter among the capitals
]


@pytest.mark.parametrize(("read", "expected", "rule", "document"), LEXICON_REPAIRS)
def test_unknown_word_is_repaired_to_the_one_known_form_near_it(read, expected, rule, document):
    text, repairs = repair_with_lexicon(read, lexicon(read, *document))
    assert text == expected
    assert [repair.rule for repair in repairs] == [rule]


LEXICON_UNCHANGED = [
    ("дом", ()),  # a word, even where `до м.` was meant
    ("тях", ("ТЯХ",) * 5),  # a word in lower case stays
    ("м. април", ("М",) * 5),  # units and month abbreviations are not abbreviations in capitals
    ("д", ("д",) * 5 + ("Д",) * 4),  # lower case as often as capitals: no evidence
    ("РЦШШПО", ()),  # no abbreviation near it
    ("ВС05М9ОРО01", ()),  # digits inside: never touched
    ("ОФдеца", ()),  # `ОФ` is no abbreviation the document or glossary knows
    ("неправителствени", ()),  # `не` and `по` are prefixes too: never split off
    ("отдеца", ()),  # a preposition splits off only before a short abbreviation (`м.`), `деца` is a word
    ("трафики", ()),  # `и` splits off the end only after a number, abbreviation or name
    ("отм. април", ("отм.",) * 3 + ("м.",) * 4),  # the run-together form about as common as its part
    ("РЦПППОРУО", ("РЦПППО",) * 5 + ("РУО",) * 2),  # `РУО` not attested enough to be an abbreviation
    ("ЦОПСОД", ("ЦОП",) * 3 + ("СОД",) * 3 + ("ЦО",) * 3 + ("ПСОД",) * 3),  # two cuts (`ЦОП СОД`, `ЦО ПСОД`): unclear
    ("СОНПО", ("СОНПО",) * 3),  # printed often as one: the document's own word
    ("РЕЦШШ", ("РЦПППО",) * 5),  # `ШШ` read as `ППП` still too far from any abbreviation
    ("Община", ("Общини",) * 5),  # a capitalised word is no abbreviation
]


@pytest.mark.parametrize(("text", "document"), LEXICON_UNCHANGED)
def test_words_without_clear_evidence_are_left_as_read(text, document):
    assert repair_with_lexicon(text, lexicon(text, *document)) == (text, [])


def test_word_list_is_searched_in_place(tmp_path):
    path = tmp_path / "words"
    path.write_text("\n".join(sorted(["абв", "действие", "деца", "Иван", "яке"], key=str.encode)) + "\n", encoding="utf-8")
    words = WordList(path)
    assert all(word in words for word in ["абв", "действие", "деца", "Иван", "яке"])
    assert not any(word in words for word in ["аб", "деиствие", "иван", "", "я"])
    assert not WordList(tmp_path / "missing") and "деца" not in WordList(tmp_path / "missing")


NUMBERING = [
    ("утвърдена с Решение Ко 523/26.07.2018 г.", "утвърдена с Решение № 523/26.07.2018 г.", "numero-sign"),
    ("ПРИЛОЖЕНИЕ Ко 1", "ПРИЛОЖЕНИЕ № 1", "numero-sign"),
    ("Хо", "№", "numero-sign"),  # the number column's heading alone on its line
    ("Ке", "№", "numero-sign"),
    ("1.2; Допълнително обучение", "1.2. Допълнително обучение", "stop-read-as-colon"),
    ("1:8.", "1.8.", "stop-read-as-colon"),
    ("Хо Дейност Срок", "№ Дейност Срок", "numero-sign"),
    ("учебната 2023/2024 г:", "учебната 2023/2024 г.", "stop-read-as-colon"),
    ("З.А.1. Предоставяне на услуга", "3.А.1. Предоставяне на услуга", "letter-for-digit"),
    ("Т юни 2021", "1 юни 2021", "letter-for-digit"),
    ("т. Подобряване на здравето на децата", "1. Подобряване на здравето на децата", "letter-for-digit"),
    ("СО / Дирекция СМД)/, Ученически съвети", "СО / Дирекция СМД/, Ученически съвети", "phantom-parenthesis"),
]


@pytest.mark.parametrize(("read", "expected", "rule"), NUMBERING)
def test_numbering_signs_misread_are_repaired(read, expected, rule):
    text, repairs = repair_ocr_text(read)
    assert text == expected
    assert [repair.rule for repair in repairs] == [rule]


@pytest.mark.parametrize("text", ["Коста 1", "Зала 3.А.1", "з. Дейност", "от 1- XII клас", "Т. юни 2021", "до юни 2021",
                                  "(вкл. СМД)/ РУО", "Т юни",
                                  "Но", "Хорото", "10:30. Откриване", "1.2. Дейност", "Цел 1: Намаляване",
                                  "Хе", "през 2024 г: план", "т. 12 от ЗМСМА", "съгласно т. 3"])
def test_words_like_numbering_signs_stay(text):
    assert repair_ocr_text(text) == (text, [])


@pytest.mark.parametrize(("word", "expected"), [
    ("“подкрепени", "подкрепени"),
    ("“Мечтатели“", None),  # quoted whole: a real quote
    ("„Деца", None),  # the Bulgarian opening quote
    ("“8", None),  # no letter after it: not this rule's to judge
])
def test_closing_quote_opening_a_doubted_word_is_a_speck(word, expected):
    assert stray_quote(word) == expected


@pytest.mark.parametrize(("word", "following", "expected"), [
    ("дом.", "ноември", "до м."),  # `до м. ноември`: a month after it proves the abbreviation
    ("отм.", "май", "от м."),
    ("зам.", "септември 2021", "за м."),
    ("дом.", "Ноември", None),  # a capital opens a sentence: `дом.` may end one
    ("дом.", "на", None),  # no month after it: the word `дом`
    ("дом", "ноември", None),  # no full stop: not the abbreviation
    ("прим.", "май", None),  # `прим.` (примерно) and `вм.` (вместо) are abbreviations of their own
    ("вм.", "май", None),
    ("м.", "май", None),
])
def test_preposition_run_into_month_abbreviation_is_split_only_before_a_month(word, following, expected):
    assert month_abbreviation_run_in(word, following) == expected


def test_a_bullet_read_as_an_opening_guillemet_is_a_bullet_again():
    assert repair_ocr_text("« Целева помощ за първокласници")[0] == "• Целева помощ за първокласници"
    assert repair_ocr_text("« Сдружение » и ЦОП")[0] == "« Сдружение » и ЦОП"  # closed: a quote


def test_a_years_mark_read_as_e_closing_a_text_is_g():
    text, repairs = repair_ocr_text("учебната 2022/2023 е")
    assert text == "учебната 2022/2023 г." and [r.rule for r in repairs] == ["year-mark-misread"]


@pytest.mark.parametrize(("cell", "expected"), [
    ("Направление\nТ. Превенция", "Направление\nI. Превенция"),  # the numeral on the line after its label
    ("|–ТУ\nтримесечие\n2017", "I–IV\nтримесечие\n2017"),  # a quarter's word on the next line
    ("т.\nПодобряване на здравето", "1.\nПодобряване на здравето"),  # a goal's number alone on its line
])
def test_repairs_that_need_a_cells_lines_together(cell, expected):
    text, repairs = repair_cell_text(cell)
    assert text == expected
    assert repairs
