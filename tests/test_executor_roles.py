"""Lead and partner institutions kept apart from the cells to every output: match roles, flat `partners`, SQLite.

The fixture is a Word action plan whose table has `Водещи институции` and `Партниращи институции`
columns, built with the builders of `test_unseen_layouts`; the partner cell names bodies also named as
lead, is the only one filled, or is empty.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import docx
import pytest

from extractor.api import extract
from extractor.check import check_document
from extractor.model.flat import activity_records
from extractor.model.normalised import ExecutorMatch
from extractor.normalise.executors import load_glossary, resolve_executors
from extractor.writers import records_csv
from extractor.writers.datapackage import activity_table_schema
from extractor.writers.parquet import activity_schema
from extractor.writers.sqlite import write_programmes_sqlite

from .test_unseen_layouts import grouped_header_plan, headed_table, paragraphs, smolyan_action_plan

HEADER = ["№", "Дейност", "Водещи институции", "Партниращи институции", "Срок за изпълнение", "Финансиране"]
GOALS = [
    ("Оперативна цел 1.1. Подкрепа на родителите", [
        ["1.1.1.", "Консултиране на родители на деца в риск", "ДСП", "РУО, НПО", "2024 г.", "Общински бюджет"],
        ["1.1.2.", "Мобилни екипи за работа на терен", "Столична община, ДСП", "ДСП, МВР", "постоянен",
         "Държавен бюджет"],
        ["1.1.3.", "Информационни срещи с родители", "", "АСП", "2024 г.", "Не се изисква"],
    ]),
    ("Оперативна цел 1.2. Здравна профилактика", [
        ["1.2.1.", "Профилактични прегледи в детските градини", "РЗИ", "", "м. май 2024 г.", "Държавен бюджет"],
        ["1.2.2.", "Летни занимания за деца", "ДАЗД", "Фондация Слънчоглед", "юни – август 2024 г.",
         "Проект"],
    ]),
]  # fmt: skip
EXPECTED = [  # (executors, partners) as the glossary ids of the printed cells
    (["dsp", "ruo", "ngo"], ["ruo", "ngo"]),
    (["so", "dsp", "mvr"], ["dsp", "mvr"]),
    (["asp"], ["asp"]),
    (["rzi"], []),
    (["dazd"], []),
]


def lead_and_partner_plan(tmp_path: Path) -> Path:
    """An action plan of one strategic goal: operational goals as merged rows over lead and partner columns."""
    document = docx.Document()
    paragraphs(document, ["ПЛАН ЗА ДЕЙСТВИЕ 2024 г.",
                          "към Общинската стратегия за развитие на социалните услуги на Столична община 2022 – 2026 г.",
                          "Стратегическа цел 1. Подкрепа на семейството"])
    rows, merged = [HEADER], []
    for goal, activities in GOALS:
        merged.append((len(rows), goal))
        rows += [[goal] + [""] * (len(HEADER) - 1), *activities]
    headed_table(document, rows, merged)
    path = tmp_path / "lead-partner-plan.docx"
    document.save(path)
    return path


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return extract(lead_and_partner_plan(tmp_path_factory.mktemp("roles")))


def found(document):
    return [a for area in document.annex.areas for g in area.goals for a in g.activities]


def test_lead_and_partner_columns_give_executors_lead_first_and_partners_in_cell_order(plan):
    assert [c.role for c in plan.annex.areas[0].columns][2:4] == ["executor", "partner"]
    records = activity_records(plan)
    printed = [row for _, rows in GOALS for row in rows]
    assert [(r.executors_raw, r.partners_raw or "") for r in records] == [(row[2], row[3]) for row in printed]
    assert [(r.executors, r.partners) for r in records] == EXPECTED


def test_matches_from_the_partner_cell_carry_the_partner_role(plan):
    roles = [[(m.id or m.raw, m.role) for m in a.executors] for a in found(plan)]
    assert roles == [
        [("dsp", "lead"), ("ruo", "partner"), ("ngo", "partner")],
        [("so", "lead"), ("dsp", "lead"), ("dsp", "partner"), ("mvr", "partner")],
        [("asp", "partner")],
        [("rzi", "lead")],
        [("dazd", "lead"), ("Фондация Слънчоглед", "partner")],
    ]


@pytest.mark.parametrize("build", [lead_and_partner_plan, smolyan_action_plan, grouped_header_plan])
def test_partners_are_the_partner_cell_resolved_alone_and_executors_both_cells_lead_first(tmp_path, build):
    glossary = load_glossary()
    document = extract(build(tmp_path))

    def ids(cell: str | None) -> list[str]:
        return [m.id for m in resolve_executors(cell, glossary) if m.id] if cell else []

    records = activity_records(document)
    assert any(r.partners for r in records)
    for record in records:
        assert record.partners == list(dict.fromkeys(ids(record.partners_raw)))
        assert record.executors == list(dict.fromkeys(ids(record.executors_raw) + ids(record.partners_raw)))


def test_csv_partners_column_follows_the_earlier_columns_and_is_joined_by_semicolons(plan):
    rows = list(csv.reader(io.StringIO(records_csv(activity_records(plan)))))
    column = rows[0].index("partners")
    assert rows[0][column - 3 : column + 1] == ["budget_raw", "indicators_raw", "extra_raw", "partners"]
    assert [row[column] for row in rows[1:]] == [";".join(partners) for _, partners in EXPECTED]
    assert rows[1][rows[0].index("executors")] == "dsp;ruo;ngo"


def test_parquet_and_datapackage_describe_partners_as_a_list_of_ids():
    assert str(activity_schema().field("partners").type) == "list<item: string>"
    fields = {field["name"]: field for field in activity_table_schema()["fields"]}
    assert fields["partners"]["type"] == "string" and "';'" in fields["partners"]["description"]
    assert all(field.get("description") for field in fields.values()), [n for n, f in fields.items()
                                                                        if not f.get("description")]


def test_sqlite_activity_executors_record_each_match_role(plan, tmp_path):
    write_programmes_sqlite([plan], tmp_path / "roles.sqlite")
    db = sqlite3.connect(tmp_path / "roles.sqlite")
    rows = db.execute("SELECT a.number, e.position, coalesce(e.executor_id, e.raw), e.role FROM activity_executors e "
                      "JOIN activities a ON a.id = e.activity_id ORDER BY e.activity_id, e.position").fetchall()
    assert rows == [(a.number, position, m.id or m.raw, m.role)
                    for a in found(plan) for position, m in enumerate(a.executors, 1)]
    assert db.execute("SELECT role, count(*) FROM activity_executors GROUP BY role").fetchall() == [
        ("lead", 5), ("partner", 6)]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO activity_executors VALUES (1, 99, NULL, 'x', 'unknown', 'none', 0, 'observer')")


def test_matches_stored_before_roles_existed_read_as_lead():
    stored = {"id": "dsp", "abbreviation": "ДСП", "name": "Дирекция „Социално подпомагане“", "type": "regional_directorate",
              "raw": "ДСП", "match": "exact", "method": "abbreviation", "score": 100}
    assert ExecutorMatch.model_validate(stored).role == "lead"


def test_partner_only_activity_still_lacks_its_executor_and_unknown_partners_are_reported(plan):
    findings = check_document(plan, "action_plan").findings
    empty = [f for f in findings if f.key == "S102.executor"]
    assert [f.location.activity for f in empty] == ["1.1.3"]
    unknown = [f for f in findings if f.code == "E401"]
    assert [f.evidence for f in unknown] == ["Фондация Слънчоглед"]
