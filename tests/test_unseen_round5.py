"""Layouts of a fifth red-team round (Габрово, Сливен, Ловеч, Силистра, Търговище, Видин): areas as bare-numbered
Word headings before a table each, goals labelled `Цел 1` in the number column, `Дейност 1.` numbers, markdown
headings, a decision that decides in its basis paragraph, and cells (`ДПС при РУ`, `Няма нужда от финансиране`,
`5 хил.` under `Сума (лв.)`, `ПМС № 129`). Fixtures are inline converted text and Word files, read end to end.
"""

from __future__ import annotations

import pytest

from extractor.normalise.amounts import header_unit, parse_amounts
from extractor.normalise.executors import load_glossary, resolve_executors
from extractor.normalise.financing import classify_financing


@pytest.mark.parametrize(("cell", "expected"), [
    ("МКБППМН, ДПС при РУ – Ловеч", [("МКБППМН", "mkbppmn"), ("ДПС", "dps"), ("РУ – Ловеч", "ru-mvr")]),
    ("Община Сливен, Фондация „Приемна грижа – Сливен“",
     [("Община Сливен", "obshtina"), ("Фондация „Приемна грижа – Сливен“", None)]),
])
def test_executor_cells_split_at_при_and_keep_a_quoted_name_with_a_dash_whole(cell, expected):
    assert [(m.raw, m.id) for m in resolve_executors(cell, load_glossary())] == expected


@pytest.mark.parametrize("cell", ["Няма нужда от финансиране", "Не са нужни средства"])
def test_no_need_of_funds_is_not_required(cell):
    assert classify_financing(cell).categories == ["not_required"]


def test_a_scale_word_alone_under_a_header_in_leva_is_a_sum_and_a_numbered_decree_is_not():
    unit = header_unit("Сума (лв.)")
    assert [(a.value, a.currency) for a in parse_amounts("5 хил.", unit)] == [(5000.0, "BGN")]
    assert [a.value for a in parse_amounts("5 хил.", header_unit("Бюджет в хил. лв."))] == [5000.0]
    assert parse_amounts("ПМС № 129", unit) == []
