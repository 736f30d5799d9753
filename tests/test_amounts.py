"""Sums of money in financing and budget cells: numbers with their currency, nothing else."""

from __future__ import annotations

import pytest

from extractor.normalise.amounts import parse_amounts, total


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
    assert total(parse_amounts("5 000 – 10 000 лв.")) is None
    assert total(parse_amounts("1 000 лв. и 500 евро")) is None
    assert total([]) is None
