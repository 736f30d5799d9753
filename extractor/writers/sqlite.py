"""Programme documents as one SQLite database: documents → areas → goals → activities → executors.

`activity_executors.role` says which cell named the executor: `lead` (the executor column) or `partner`.

Tables have primary and foreign keys and indexes on every foreign key, so the file is ready for SQL
and Datasette. Row ids follow the order documents are added in, so the same documents give the
same bytes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model.document import Activity, Area, Document, Goal

SCHEMA = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source_name TEXT NOT NULL,
    source_path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    pages INTEGER,
    kind TEXT,
    title TEXT,
    municipality TEXT,
    year INTEGER,
    period_start INTEGER,
    period_end INTEGER,
    tool_version TEXT NOT NULL
);
CREATE TABLE areas (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    number INTEGER,
    number_raw TEXT,
    label TEXT NOT NULL,
    title TEXT NOT NULL,
    page INTEGER,
    line INTEGER,
    UNIQUE (document_id, position)
);
CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    area_id INTEGER NOT NULL REFERENCES areas(id),
    position INTEGER NOT NULL,
    number TEXT,
    number_raw TEXT,
    text TEXT NOT NULL,
    page INTEGER,
    line INTEGER,
    UNIQUE (area_id, position)
);
CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    area_id INTEGER NOT NULL REFERENCES areas(id),
    goal_id INTEGER NOT NULL REFERENCES goals(id),
    position INTEGER NOT NULL,
    number TEXT,
    number_raw TEXT,
    text TEXT NOT NULL,
    executors_raw TEXT NOT NULL,
    partners_raw TEXT,
    financing_raw TEXT NOT NULL,
    financing TEXT,
    deadline_raw TEXT NOT NULL,
    deadline_kind TEXT,
    deadline_start TEXT,
    deadline_end TEXT,
    expected_result TEXT,
    budget TEXT,
    amount REAL,
    amount_max REAL,
    currency TEXT,
    indicators TEXT,
    page INTEGER,
    table_index INTEGER,
    row INTEGER,
    line INTEGER,
    UNIQUE (goal_id, position)
);
CREATE TABLE executors (
    id TEXT PRIMARY KEY,
    name TEXT,
    abbreviation TEXT,
    type TEXT,
    parent TEXT
);
CREATE TABLE activity_executors (
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    position INTEGER NOT NULL,
    executor_id TEXT REFERENCES executors(id),
    raw TEXT NOT NULL,
    match TEXT NOT NULL,
    method TEXT NOT NULL,
    score REAL NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('lead', 'partner')),
    PRIMARY KEY (activity_id, position)
);
"""

INDEXES = """
CREATE INDEX documents_year ON documents(year);
CREATE INDEX documents_municipality ON documents(municipality);
CREATE INDEX areas_document ON areas(document_id);
CREATE INDEX goals_document ON goals(document_id);
CREATE INDEX goals_area ON goals(area_id);
CREATE INDEX activities_document ON activities(document_id);
CREATE INDEX activities_area ON activities(area_id);
CREATE INDEX activities_goal ON activities(goal_id);
CREATE INDEX activity_executors_executor ON activity_executors(executor_id);
"""

TABLES = ("documents", "areas", "goals", "activities", "executors", "activity_executors")


def document_row(document: Document) -> tuple:
    """The `documents` row of a document."""
    source, period = document.source, document.period
    return (
        document.id, source.name, source.path, source.sha256, source.format, source.pages, document.kind,
        document.title, document.municipality, document.year, period.start if period else None,
        period.end if period else None, document.tool_version,
    )


def area_row(area: Area) -> tuple:
    """The `areas` columns after the keys."""
    return (area.number, area.number_raw, area.label, area.title, area.provenance.page, area.provenance.line)


def goal_row(goal: Goal) -> tuple:
    """The `goals` columns after the keys."""
    return (goal.number, goal.number_raw, goal.text, goal.provenance.page, goal.provenance.line)


def activity_row(activity: Activity) -> tuple:
    """The `activities` columns after the keys; financing categories `;`-joined, dates ISO, the amount split in three."""
    deadline, financing, provenance, amount = activity.deadline, activity.financing, activity.provenance, activity.amount
    return (
        activity.number, activity.number_raw, activity.text, activity.executors_raw, activity.partners_raw,
        activity.financing_raw, ";".join(financing.categories) if financing else None, activity.deadline_raw,
        deadline.kind if deadline else None,
        deadline.start.isoformat() if deadline and deadline.start else None,
        deadline.end.isoformat() if deadline and deadline.end else None,
        activity.expected_result, activity.budget, amount.value if amount else None,
        amount.value_max if amount else None, amount.currency if amount else None, activity.indicators,
        provenance.page, provenance.table,
        provenance.row, provenance.line,
    )


@dataclass(frozen=True)
class DocumentTables:
    """One document's rows for every table, keyed by place in the document (the sink numbers the ids).

    Plain tuples, so documents can be turned into rows in worker processes and inserted by one writer.
    `areas` rows follow their position; `goals` start with their area's index in `areas`; `activities`
    with their goal's index in `goals`; `matches` with their activity's index in `activities`.
    """

    document: tuple
    areas: list[tuple] = field(default_factory=list)
    goals: list[tuple] = field(default_factory=list)
    activities: list[tuple] = field(default_factory=list)
    executors: list[tuple] = field(default_factory=list)
    matches: list[tuple] = field(default_factory=list)


def document_tables(document: Document) -> DocumentTables:
    """The rows a document adds to each table."""
    tables = DocumentTables(document_row(document))
    if document.annex is None:
        return tables
    for area_position, area in enumerate(document.annex.areas, 1):
        area_index = len(tables.areas)
        tables.areas.append((area_position, *area_row(area)))
        for goal_position, goal in enumerate(area.goals, 1):
            goal_index = len(tables.goals)
            tables.goals.append((area_index, goal_position, *goal_row(goal)))
            for position, activity in enumerate(goal.activities, 1):
                activity_index = len(tables.activities)
                tables.activities.append((goal_index, position, *activity_row(activity)))
                for match_position, match in enumerate(activity.executors, 1):
                    if match.id:
                        tables.executors.append((match.id, match.name, match.abbreviation, match.type, match.parent))
                    tables.matches.append((activity_index, match_position, match.id, match.raw, match.match,
                                           match.method, match.score, match.role))
    return tables


class SqliteSink:
    """Writes documents into a new SQLite database file, one transaction, indexes built at the end."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(str(path), isolation_level=None)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("BEGIN")
        for statement in _statements(SCHEMA):
            self._db.execute(statement)
        self._last = {"areas": 0, "goals": 0, "activities": 0}

    def add(self, document: Document) -> None:
        """Insert one document with its areas, goals, activities and executor matches."""
        self.add_tables(document_tables(document))

    def add_tables(self, tables: DocumentTables) -> None:
        """Insert one document's rows, numbering its areas, goals and activities after those already in."""
        db, last = self._db, dict(self._last)
        document_id = tables.document[0]
        db.execute(f"INSERT INTO documents VALUES ({_marks(13)})", tables.document)
        db.executemany(f"INSERT INTO areas VALUES ({_marks(9)})",
                       [(last["areas"] + i, document_id, *row) for i, row in enumerate(tables.areas, 1)])
        db.executemany(f"INSERT INTO goals VALUES ({_marks(9)})",
                       [(last["goals"] + i, document_id, last["areas"] + area + 1, *row)
                        for i, (area, *row) in enumerate(tables.goals, 1)])
        area_of_goal = [area for area, *_ in tables.goals]
        db.executemany(f"INSERT INTO activities VALUES ({_marks(26)})",
                       [(last["activities"] + i, document_id, last["areas"] + area_of_goal[goal] + 1,
                         last["goals"] + goal + 1, *row)
                        for i, (goal, *row) in enumerate(tables.activities, 1)])
        db.executemany("INSERT OR IGNORE INTO executors VALUES (?, ?, ?, ?, ?)", tables.executors)
        db.executemany(f"INSERT INTO activity_executors VALUES ({_marks(8)})",
                       [(last["activities"] + activity + 1, *row) for activity, *row in tables.matches])
        self._last = {"areas": last["areas"] + len(tables.areas), "goals": last["goals"] + len(tables.goals),
                      "activities": last["activities"] + len(tables.activities)}

    def close(self) -> None:
        """Build the indexes, commit and close the file."""
        for statement in _statements(INDEXES):
            self._db.execute(statement)
        self._db.execute("COMMIT")
        self._db.close()


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def write_programmes_sqlite(documents: Iterable[Document], path: Path) -> None:
    """Write documents into a new SQLite database at `path` (which must not exist yet)."""
    sink = SqliteSink(path)
    for document in documents:
        sink.add(document)
    sink.close()
