"""The SQLite database: one row per area, goal, activity and executor match, keys that hold, stable bytes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from extractor.api import extract
from extractor.model.normalised import ExecutorMatch
from extractor.writers.sqlite import TABLES, write_programmes_sqlite

from .conftest import ACTION_PLAN_2013, PROGRAMME_2021, activities


@pytest.fixture(scope="module")
def documents():
    return [extract(PROGRAMME_2021), extract(ACTION_PLAN_2013)]


@pytest.fixture(scope="module")
def database(documents, tmp_path_factory):
    path = tmp_path_factory.mktemp("sqlite") / "programmes.sqlite"
    write_programmes_sqlite(documents, path)
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def count(db: sqlite3.Connection, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_every_table_exists(database):
    names = {row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == set(TABLES)


def test_row_counts_equal_the_documents_structure(database, documents):
    assert count(database, "documents") == 2
    assert count(database, "areas") == sum(len(d.annex.areas) for d in documents)
    assert count(database, "goals") == sum(len(a.goals) for d in documents for a in d.annex.areas)
    assert count(database, "activities") == sum(len(activities(d)) for d in documents) == 134
    matches = [m for d in documents for _, _, a in activities(d) for m in a.executors]
    assert count(database, "activity_executors") == len(matches)
    assert count(database, "executors") == len({m.id for m in matches if m.id})


def test_foreign_keys_all_resolve(database):
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []


def test_every_foreign_key_column_is_indexed(database):
    for table in TABLES:
        indexed = {row[2] for index in database.execute(f"PRAGMA index_list({table})")
                   for row in database.execute(f"PRAGMA index_info({index[1]})")}
        indexed |= {row[1] for row in database.execute(f"PRAGMA table_info({table})") if row[5] == 1}
        for foreign_key in database.execute(f"PRAGMA foreign_key_list({table})"):
            assert foreign_key[3] in indexed, (table, foreign_key[3])


def test_activity_rows_keep_raw_cells_beside_parsed_values(database, documents):
    _, _, first = activities(documents[1])[0]
    row = database.execute(
        "SELECT a.text, a.executors_raw, a.deadline_raw, a.deadline_start, g.text FROM activities a "
        "JOIN goals g ON g.id = a.goal_id WHERE a.document_id = ? ORDER BY a.id LIMIT 1", (documents[1].id,)
    ).fetchone()
    expected_start = first.deadline.start.isoformat() if first.deadline and first.deadline.start else None
    assert row[:4] == (first.text, first.executors_raw, first.deadline_raw, expected_start)
    assert row[4] == documents[1].annex.areas[0].goals[0].text


def test_unresolved_executor_pieces_keep_their_text_without_an_executor_row(tmp_path: Path, documents):
    document = documents[1]
    area = document.annex.areas[0]
    goal = area.goals[0]
    unknown = ExecutorMatch(id=None, abbreviation=None, name=None, type=None, raw="Неизвестна агенция",
                            match="unknown", method="none", score=0)
    activity = goal.activities[0].model_copy(update={"executors": [unknown]})
    goal = goal.model_copy(update={"activities": [activity]})
    annex = document.annex.model_copy(update={"areas": [area.model_copy(update={"goals": [goal]})]})
    write_programmes_sqlite([document.model_copy(update={"annex": annex})], tmp_path / "one.sqlite")
    db = sqlite3.connect(tmp_path / "one.sqlite")
    assert db.execute("SELECT executor_id, raw, match FROM activity_executors").fetchall() == [
        (None, "Неизвестна агенция", "unknown")
    ]
    assert count(db, "executors") == 0


def test_document_without_annex_is_one_documents_row(tmp_path: Path, documents):
    write_programmes_sqlite([documents[1].model_copy(update={"annex": None})], tmp_path / "bare.sqlite")
    db = sqlite3.connect(tmp_path / "bare.sqlite")
    assert [count(db, table) for table in TABLES] == [1, 0, 0, 0, 0, 0]


def test_same_documents_give_byte_identical_databases(tmp_path: Path, documents):
    write_programmes_sqlite(documents, tmp_path / "a.sqlite")
    write_programmes_sqlite(documents, tmp_path / "b.sqlite")
    assert (tmp_path / "a.sqlite").read_bytes() == (tmp_path / "b.sqlite").read_bytes()
