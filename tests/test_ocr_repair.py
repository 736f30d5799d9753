"""OCR confusion repairs: only where the evidence is clear, never digits in dates or amounts."""

from __future__ import annotations

import pytest

from extractor.readers.ocr_repair import repair_ocr_text

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
