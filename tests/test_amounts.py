"""Sums of money in financing and budget cells: numbers with their currency, nothing else."""

from __future__ import annotations

import pytest

from extractor.normalise.amounts import Unit, parse_amounts, total


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("5 000 лв.", [(5000.0, "BGN")]),
        ("5000,00 лв.", [(5000.0, "BGN")]),
        ("1 500,50 лева", [(1500.5, "BGN")]),
        ("3 500.00 лв.", [(3500.0, "BGN")]),
        ("10.000 лв.", [(10000.0, "BGN")]),
        ("10,000 лв", [(10000.0, "BGN")]),
        ("12 000лв.", [(12000.0, "BGN")]),
        ("1 000 000 лв.", [(1_000_000.0, "BGN")]),
        ("2,5 млн. лв.", [(2_500_000.0, "BGN")]),
        ("1,5 хил. лв", [(1500.0, "BGN")]),
        ("5 000 BGN", [(5000.0, "BGN")]),
        ("1200 евро", [(1200.0, "EUR")]),
        ("€ 1 200", [(1200.0, "EUR")]),
        ("200 щ. д.", [(200.0, "USD")]),
        ("Общински бюджет – 3 000 лв.", [(3000.0, "BGN")]),
        ("по 50 лв. на дете", [(50.0, "BGN")]),

        ("Бюджет: 4 000 лв. (2024), 4 500 лв. (2025)", [(4000.0, "BGN"), (4500.0, "BGN")]),
    ],
)
def test_sum_with_its_currency_is_read_as_a_number(cell, expected):
    assert [(amount.value, amount.currency) for amount in parse_amounts(cell)] == expected


@pytest.mark.parametrize("cell", ["2024 г.", "дейност 239", "50 деца", "Общински бюджет", "01.06.2024", "1.2.3."])
def test_number_without_a_currency_is_no_sum(cell):
    assert parse_amounts(cell) == []


def test_the_text_matched_is_kept_beside_the_number():
    [amount] = parse_amounts("Общински бюджет – 3 000 лв.")
    assert amount.raw == "3 000 лв."


def test_a_range_is_one_sum_from_its_lower_to_its_upper_end():
    [amount] = parse_amounts("5 000 – 10 000 лв.")
    assert (amount.value, amount.value_max, amount.currency) == (5000.0, 10000.0, "BGN")
    [scaled] = parse_amounts("2 – 3 хил. лв.")
    assert (scaled.value, scaled.value_max) == (2000.0, 3000.0)


def test_total_adds_single_sums_of_one_currency_only():
    assert total(parse_amounts("4 000 лв. (2024), 4 500,50 лв. (2025)")).value == 8500.5
    assert total(parse_amounts("5 000 – 10 000 лв.; 2 000 лв.")) is None
    assert total(parse_amounts("1 000 лв. и 500 евро")) is None
    assert total([]) is None


@pytest.mark.parametrize(
    ("header", "unit"),
    [("Бюджет (лв.)", ("лв.", None)), ("Необходими средства в хил. лв.", ("лв.", "хил.")),
     ("Финансиране / Размер (лв.)", ("лв.", None)), ("Стойност (евро)", ("евро", None)), ("Бюджет/средства", None),
     ("Източник на финансиране", None)],
)
def test_a_money_columns_header_states_its_unit_or_none(header, unit):
    from extractor.normalise.amounts import header_unit

    assert header_unit(header) == (Unit(*unit) if unit else None)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("8 000", [(8000.0, None)]), ("Общински бюджет: 3 000; ЕСФ: 12 000", [(3000.0, None), (12000.0, None)]),
     ("2 000 (ОП „РЧР“)", [(2000.0, None)]), ("5 000 – 10 000", [(5000.0, 10000.0)]), ("0", [(0.0, None)]),
     ("1 200 лв.", [(1200.0, None)]), ("–", []), ("за 30 деца", []), ("2024 г.", []), ("до 31.12.2024", []),
     ("5 %", []), ("в рамките на бюджета", [])],
)
def test_bare_numbers_are_sums_under_a_header_that_gives_the_unit(cell, expected):
    amounts = parse_amounts(cell, Unit("лв.", None))
    assert [(a.value, a.value_max) for a in amounts] == expected
    assert {a.currency for a in amounts} <= {"BGN"}
    assert parse_amounts(cell) == [a for a in amounts if "лв" in a.raw]  # without the unit, only written sums


def test_a_header_in_thousands_scales_bare_numbers_but_not_sums_with_their_own_unit():
    unit = Unit("лв.", "хил.")
    assert [a.value for a in parse_amounts("1,5; 300 лв.", unit)] == [1500.0, 300.0]


def test_a_lone_range_is_its_own_total():
    [amount] = parse_amounts("5 000 – 10 000 лв.")
    assert total([amount]) == amount


def test_records_carry_the_sum_of_the_budget_column_with_the_unit_of_its_header(tmp_path):
    from extractor.api import extract
    from extractor.model.flat import activity_records

    from .test_unseen_layouts import grouped_header_plan, smolyan_action_plan

    records = activity_records(extract(grouped_header_plan(tmp_path)))
    assert [(r.budget_raw, r.amount, r.currency) for r in records] == [
        ("8 000", 8000.0, "BGN"), ("–", None, None), ("3 500", 3500.0, "BGN"), ("0", 0.0, "BGN"),
        ("12 000", 12000.0, "BGN")]
    smolyan = activity_records(extract(smolyan_action_plan(tmp_path)))  # `Бюджет/средства`: sums need their unit
    assert [(r.amount, r.currency) for r in smolyan] == [(5000.0, "BGN"), (None, None), (12000.0, "BGN"),
                                                         (None, None), (None, None)]


def test_sums_in_a_financing_cell_are_kept_on_the_financing_and_are_the_amount_without_a_budget_column():
    from extractor.model.document import Activity, Provenance
    from extractor.normalise.apply import normalise_activity
    from extractor.normalise.executors import load_glossary

    activity = Activity(number="1", number_raw="1.", text="Лагер", executors_raw="Община", deadline_raw="2024 г.",
                        financing_raw="Общински бюджет – 4 000 лв.; дарения – 1 000 лв.",
                        provenance=Provenance(format="text"))
    done = normalise_activity(activity, load_glossary(None), 2024)
    assert [a.value for a in done.financing.amounts] == [4000.0, 1000.0]
    assert (done.amount.value, done.amount.currency, done.budget_amounts) == (5000.0, "BGN", [])
    assert "municipal_budget" in done.financing.categories
