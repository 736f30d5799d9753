"""Deadline cells: kinds and the dates they state, resolved against the programme year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractor.normalise.deadlines import may_be_deadline, parse_deadline

D = dt.date
DATA = Path(__file__).parent / "data"

# (cell, kind, start, end) with the programme year 2021 and no plan period.
DEADLINES_2021 = [
    # every form of the 2021 programme
    ("целогодишно", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ("Целогодишно", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ("от м. април до м. декември 2021 г.", "range", D(2021, 4, 1), D(2021, 12, 31)),
    ("от м. май до м. ноември 2021 г.", "range", D(2021, 5, 1), D(2021, 11, 30)),
    ("от м. ноември 2020 г. до м. ноември 2021 г.", "range", D(2020, 11, 1), D(2021, 11, 30)),
    ("от м. март до м. ноември 2021 г.", "range", D(2021, 3, 1), D(2021, 11, 30)),
    ("01.2021г.-12.2021г.", "range", D(2021, 1, 1), D(2021, 12, 31)),
    ("01.01.2021г.-01.09.2021 г.", "range", D(2021, 1, 1), D(2021, 9, 1)),
    ("01.09. 2020 г. - 01.09. 2021 г.", "range", D(2020, 9, 1), D(2021, 9, 1)),
    ("01.09.2020г. 01.04.2021 г.", "range", D(2020, 9, 1), D(2021, 4, 1)),
    ("октомври, 2021 г.", "date", D(2021, 10, 1), D(2021, 10, 31)),
    ("септември, 2020 г. - септември, 2021 г.", "range", D(2020, 9, 1), D(2021, 9, 30)),
    ("септември, 2020 г. – юни, 2021 г.", "range", D(2020, 9, 1), D(2021, 6, 30)),
    ("2020/2021 учебна година", "school_year", D(2020, 9, 15), D(2021, 6, 30)),
    ("", "empty", None, None),
    ("март/април ноември/декември 2021 г.", "range", D(2021, 3, 1), D(2021, 12, 31)),
    ("март/април – ноември 2021 г.", "range", D(2021, 3, 1), D(2021, 11, 30)),
    ("м. март – м. ноември 2021 г.", "range", D(2021, 3, 1), D(2021, 11, 30)),
    ("до м. декември 2021г.", "until", None, D(2021, 12, 31)),
    ("до м. ноември 2021 г.", "until", None, D(2021, 11, 30)),
    ("до декември 2021г.", "until", None, D(2021, 12, 31)),
    ("до края на 2021 г.", "until", None, D(2021, 12, 31)),
    ("м. април – месец декември", "month", D(2021, 4, 1), D(2021, 12, 31)),
    ("2021 г.", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ("януари –юни 2021 г.", "range", D(2021, 1, 1), D(2021, 6, 30)),
    ("юни – август", "month", D(2021, 6, 1), D(2021, 8, 31)),
    ("септември", "month", D(2021, 9, 1), D(2021, 9, 30)),
    ("Октомври – ноември", "month", D(2021, 10, 1), D(2021, 11, 30)),
    ("Септември 2021", "date", D(2021, 9, 1), D(2021, 9, 30)),
    ("1 юни 2021", "date", D(2021, 6, 1), D(2021, 6, 1)),
    ("Юни – ноември 2021 г.", "range", D(2021, 6, 1), D(2021, 11, 30)),
    ("м.12.2021 г.", "date", D(2021, 12, 1), D(2021, 12, 31)),
    # every form of the 2013 action plan
    ("31.10.2013г.", "date", D(2013, 10, 31), D(2013, 10, 31)),
    ("2013 г.", "year", D(2013, 1, 1), D(2013, 12, 31)),
    ("2013г.", "year", D(2013, 1, 1), D(2013, 12, 31)),
    ("Постоянен", "permanent", None, None),
    ("Периодично", "periodic", None, None),
    # month names in every spelling
    ("м. април", "month", D(2021, 4, 1), D(2021, 4, 30)),
    ("ноем. 2021", "date", D(2021, 11, 1), D(2021, 11, 30)),
    ("ОКТОМВРИ", "month", D(2021, 10, 1), D(2021, 10, 31)),
    ("през м. май", "month", D(2021, 5, 1), D(2021, 5, 31)),
    ("фев. – апр. 2021 г.", "range", D(2021, 2, 1), D(2021, 4, 30)),
    ("сеп. 2021 г. – яну 2022", "unknown", None, None),
    # other forms
    ("1 юни", "date", D(2021, 6, 1), D(2021, 6, 1)),
    ("до 31.12.2021 г.", "until", None, D(2021, 12, 31)),
    ("от 01.03.2021 г.", "range", D(2021, 3, 1), None),
    ("от м. ноември до м. март 2021 г.", "range", D(2020, 11, 1), D(2021, 3, 31)),
    ("ноември 2020 – март", "range", D(2020, 11, 1), D(2021, 3, 31)),
    ("2014-2020", "range", D(2014, 1, 1), D(2020, 12, 31)),
    ("учебната 2020/2021 година", "school_year", D(2020, 9, 15), D(2021, 6, 30)),
    ("2020-2021 учебна година", "school_year", D(2020, 9, 15), D(2021, 6, 30)),
    ("<p>целогодишно</p>", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ("Ежегодно", "periodic", None, None),
    ("постоянно", "permanent", None, None),
    # quarters and halves of a year, end of a year, how often
    ("I тримесечие 2021", "date", D(2021, 1, 1), D(2021, 3, 31)),
    ("I – II тримесечие на 2021 г.", "range", D(2021, 1, 1), D(2021, 6, 30)),
    ("III-IV тримесечие", "month", D(2021, 7, 1), D(2021, 12, 31)),
    ("4-то тримесечие 2020 г.", "date", D(2020, 10, 1), D(2020, 12, 31)),
    ("второ полугодие на 2021 г.", "date", D(2021, 7, 1), D(2021, 12, 31)),
    ("Първо шестмесечие", "month", D(2021, 1, 1), D(2021, 6, 30)),
    ("ІІ полугодие", "month", D(2021, 7, 1), D(2021, 12, 31)),
    ("края на 2021 г.", "until", None, D(2021, 12, 31)),
    ("два пъти годишно", "periodic", None, None),
    ("всяко тримесечие", "periodic", None, None),
    ("ежегодно, м. юни", "periodic", D(2021, 6, 1), D(2021, 6, 30)),
    ("постоянен, до края на 2021 г.", "permanent", None, D(2021, 12, 31)),
    # Roman months and suffixed Roman quarters, days without a year, two years as alternatives
    ("м. IX – XII 2021", "range", D(2021, 9, 1), D(2021, 12, 31)),
    ("IX.2021 г.", "date", D(2021, 9, 1), D(2021, 9, 30)),
    ("м. ІХ – м. ХІІ", "month", D(2021, 9, 1), D(2021, 12, 31)),
    ("I-во тримесечие на 2019 г.", "date", D(2019, 1, 1), D(2019, 3, 31)),
    ("IV-то тримесечие", "month", D(2021, 10, 1), D(2021, 12, 31)),
    ("01.01 – 31.12.2021", "range", D(2021, 1, 1), D(2021, 12, 31)),
    ("01.01.-30.06.2021 г.", "range", D(2021, 1, 1), D(2021, 6, 30)),
    ("01.06.", "date", D(2021, 6, 1), D(2021, 6, 1)),
    ("2021/2022", "range", D(2021, 1, 1), D(2022, 12, 31)),
    # the programme year named in words, a deadline introduced by `срок`
    ("до края на годината", "until", None, D(2021, 12, 31)),
    ("в рамките на годината", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ("през цялата 2021 г.", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ("в срок до 30.06.2021", "until", None, D(2021, 6, 30)),
    ("срок: 2021 г.", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ("не по-късно от 31 март", "until", None, D(2021, 3, 31)),
    # done when needed or by a schedule: no dates of their own
    ("при необходимост", "as_needed", None, None),
    ("При нужда", "as_needed", None, None),
    ("при необходимост, до 30.06.2021 г.", "as_needed", None, D(2021, 6, 30)),
    ("по график", "periodic", None, None),
    ("при необходимост в рамките на 2021", "as_needed", D(2021, 1, 1), D(2021, 12, 31)),
    # dates before the words that say how often: they bound it
    ("IV тримесечие 2021 – при необходимост", "as_needed", D(2021, 10, 1), D(2021, 12, 31)),
    ("март 2021, при нужда", "as_needed", D(2021, 3, 1), D(2021, 3, 31)),
    ("2021 г. – постоянно", "permanent", D(2021, 1, 1), D(2021, 12, 31)),
    ("2020/2021 уч. г.", "school_year", D(2020, 9, 15), D(2021, 6, 30)),
    # Roman numerals in the Cyrillic letters OCR reads for them, a month glued to its year
    ("м. ХП 2021", "date", D(2021, 12, 1), D(2021, 12, 31)),
    ("ТУ тримесечие", "month", D(2021, 10, 1), D(2021, 12, 31)),
    ("1–П тримесечие", "month", D(2021, 1, 1), D(2021, 6, 30)),
    ("м. XI2021", "date", D(2021, 11, 1), D(2021, 11, 30)),
    # the school year without its years: which one is not said; its first and last day in the programme year
    ("през учебната година", "school_year", None, None),
    ("по време на учебната година", "school_year", None, None),
    ("в началото на учебната година", "date", D(2021, 9, 15), D(2021, 9, 15)),
    ("до края на учебната година", "until", None, D(2021, 6, 30)),
    # one day written among other words
    ("1 юни – Международен ден на детето", "date", D(2021, 6, 1), D(2021, 6, 1)),
    # never a guess
    ("1 юни и 20 ноември – дни на детето", "unknown", None, None),
    ("лятната ваканция", "unknown", None, None),
    ("началото на 2021", "unknown", None, None),
    ("при необходимост и след одобрение", "unknown", None, None),
    ("V тримесечие 2021", "unknown", None, None),
    ("3 пъти седмично по желание", "unknown", None, None),
    ("31.02.2021", "unknown", None, None),
    ("13.2021", "unknown", None, None),
    ("2020/2022 учебна година", "unknown", None, None),
    ("до м. декември 2021 г. и след това", "unknown", None, None),
    ("от м. декември 2021 до м. март 2021", "unknown", None, None),
    ("   ", "empty", None, None),
]


@pytest.mark.parametrize(("raw", "kind", "start", "end"), DEADLINES_2021, ids=[c[0] or "empty" for c in DEADLINES_2021])
def test_deadline_parses_to_kind_and_dates(raw, kind, start, end):
    deadline = parse_deadline(raw, 2021)
    assert (deadline.kind, deadline.start, deadline.end) == (kind, start, end)
    assert deadline.raw == raw


def test_deadline_table_has_at_least_forty_strings():
    assert len(DEADLINES_2021) >= 40


def sample_deadlines() -> list[str]:
    lines = (DATA / "deadline_cells.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith("#")]


def test_every_sample_deadline_is_in_the_table():
    table = {raw for raw, *_ in DEADLINES_2021}
    assert sorted(set(sample_deadlines()) - table) == []


def test_no_sample_deadline_is_unknown():
    assert [raw for raw in sample_deadlines() if parse_deadline(raw, 2021).kind == "unknown"] == []


@pytest.mark.parametrize(
    ("raw", "kind"),
    [("целогодишно", "year"), ("юни – август", "month"), ("септември", "month"), ("1 юни", "date")],
)
def test_forms_without_a_year_keep_their_kind_but_no_dates_when_the_year_is_unknown(raw, kind):
    deadline = parse_deadline(raw, None)
    assert (deadline.kind, deadline.start, deadline.end) == (kind, None, None)


def test_stated_year_wins_over_programme_year():
    deadline = parse_deadline("31.10.2013г.", 2021)
    assert (deadline.start, deadline.end) == (D(2013, 10, 31), D(2013, 10, 31))


@pytest.mark.parametrize("raw", ["Постоянен", "Периодично"])
def test_permanent_and_periodic_alone_state_no_dates(raw):
    deadline = parse_deadline(raw, 2013)
    assert (deadline.start, deadline.end) == (None, None)


def test_permanent_with_a_year_on_the_next_line_spans_that_year():
    deadline = parse_deadline("Постоянен\n2013 г.", 2013)
    assert (deadline.kind, deadline.start, deadline.end) == ("permanent", D(2013, 1, 1), D(2013, 12, 31))


def test_every_deadline_read_has_what_lets_row_alignment_look_for_one():
    """Row alignment asks the parser only about cells `may_be_deadline` lets through: none that it reads may fail it."""
    read = [raw for raw, kind, *_ in DEADLINES_2021 if kind not in ("unknown", "empty")]
    read += [raw for raw in sample_deadlines() if raw.strip()]
    assert [raw for raw in read if not may_be_deadline(raw)] == []
    assert not may_be_deadline("Беседи с родителите за ролята на семейството")


@pytest.mark.parametrize(("raw", "kind", "start", "end"), [
    ("през летния сезон", "month", "2020-06-01", "2020-08-31"),  # the summer: June to August
    ("летните месеци 2019 г.", "range", "2019-06-01", "2019-08-31"),
    ("цялата година", "year", "2020-01-01", "2020-12-31"),
    ("при възникване на случай", "as_needed", None, None),
    ("м.03-м.05.2020", "range", "2020-03-01", "2020-05-31"),  # months by number after `м.`
    ("м.03.2020", "date", "2020-03-01", "2020-03-31"),
    ("2021 г. и следващи", "range", "2021-01-01", None),  # from that year on
])
def test_summer_the_whole_year_a_case_arising_numbered_months_and_years_onwards_are_read(raw, kind, start, end):
    deadline = parse_deadline(raw, 2020)
    assert (deadline.kind, deadline.start, deadline.end) == (
        kind, start and dt.date.fromisoformat(start), end and dt.date.fromisoformat(end))
