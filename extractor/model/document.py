"""The domain model: a programme bundle as report, decision and annex of areas, goals, activities.

Pure data. The recogniser fills the raw fields, the normalisers fill the parsed ones; every raw
cell text stays beside its normalised form, with provenance.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .layout import Artefact, BBox, SourceFile, SourceFormat
from .normalised import Amount, Deadline, ExecutorMatch, Financing

PartKind = Literal["report", "decision", "programme", "action_plan"]
HeaderRole = Literal[
    "area", "goal", "activity", "number", "executor", "partner", "financing", "budget", "deadline", "result", "indicator"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(_Model):
    """Where a record came from: format, page, table and row index, source line; whichever apply."""

    format: SourceFormat
    page: int | None = None
    table: int | None = None
    row: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    lines: list[int] = []
    pages: list[int] = []


class Repair(_Model):
    """A change made to damaged input, recorded so a reader can judge it; `raw` is the text involved."""

    kind: Literal[
        "continuation-merged",
        "cells-realigned",
        "duplicate-cell-dropped",
        "duplicate-row-dropped",
        "fragment-attached",
        "fragment-duplicate-dropped",
        "letter-read-from-digit",
        "goal-from-number-prefix",
        "number-in-own-cell",
        "number-inferred",
    ]
    detail: str
    raw: str | None = None
    line: int | None = None
    page: int | None = None


class Column(_Model):
    """A table column: its header text as printed and the role we read it as (None: kept as extra)."""

    index: int
    header: str
    role: HeaderRole | None


class Activity(_Model):
    """One activity row of the annex, its cells raw and normalised."""

    number: str | None
    number_raw: str | None
    text: str
    executors_raw: str
    executors: list[ExecutorMatch] = []
    partners_raw: str | None = None
    financing_raw: str
    financing: Financing | None = None
    deadline_raw: str
    deadline: Deadline | None = None
    expected_result: str | None = None
    budget: str | None = None
    budget_amounts: list[Amount] = []  # the sums the budget cell writes
    amount: Amount | None = None  # the activity's one sum: its budget's total, else its financing's; None if none
    indicators: str | None = None
    extra: dict[str, str] = {}
    provenance: Provenance
    repairs: list[Repair] = []


class Goal(_Model):
    """A goal (цел, оперативна цел) with its activities; `number` is a digit string or a Cyrillic letter."""

    number: str | None
    number_raw: str | None
    text: str
    activities: list[Activity]
    provenance: Provenance
    repairs: list[Repair] = []


class Area(_Model):
    """A priority area (Приоритетна област) or strategic goal (Стратегическа цел) with its table."""

    number: int | None
    number_raw: str | None
    label: str
    title: str
    columns: list[Column]
    goals: list[Goal]
    provenance: Provenance


class Fragment(_Model):
    """Text of the annex that belongs to no record (dropped duplicates, unplaced pieces): never lost."""

    reason: str
    text: str
    provenance: Provenance


class Annex(_Model):
    """The programme or action plan itself."""

    kind: Literal["programme", "action_plan"]
    title: str | None
    reference: str | None = None
    preamble: list[str] = []
    areas: list[Area]
    closing: list[str] = []
    fragments: list[Fragment] = []


class Person(_Model):
    """Someone named in the bundle with their role, and the date they signed where given."""

    name: str
    role: str | None = None
    date_raw: str | None = None
    date: dt.date | None = None


class LegalBasis(_Model):
    """A provision cited: `чл. 21, ал. 1, т. 12 от ЗМСМА` split into provision and act."""

    raw: str
    provision: str
    act: str | None


class DateMention(_Model):
    """A date written in the text with the phrase it belongs to."""

    raw: str
    date: dt.date | None
    context: str


class AnnexReference(_Model):
    """A reference to an annex: `Приложение № 1 … – 32 стр.`."""

    raw: str
    number: str | None
    title: str | None
    pages: int | None


class Report(_Model):
    """The deputy mayor's report (доклад) that brings the draft to the council."""

    addressee: str | None
    author: str | None
    author_role: str | None
    subject: str | None
    priority_areas: list[str]
    stated_area_count: int | None
    legal_bases: list[LegalBasis]
    dates: list[DateMention]
    agreed_by: list[Person]
    prepared_by: list[Person]
    provenance: Provenance


class Decision(_Model):
    """The draft council decision (решение)."""

    number: str | None
    date_raw: str | None
    council: str | None
    subject: str | None
    legal_bases: list[LegalBasis]
    operative_points: list[str]
    annex_references: list[AnnexReference]
    signatories: list[Person]
    provenance: Provenance


class Period(_Model):
    """A span of years, e.g. a strategy's 2010–2013."""

    start: int
    end: int


class Document(_Model):
    """A programme bundle as read from one file."""

    id: str
    source: SourceFile
    kind: Literal["programme", "action_plan"] | None
    parts: list[PartKind]
    title: str | None
    municipality: str | None
    year: int | None
    period: Period | None
    report: Report | None
    decision: Decision | None
    annex: Annex | None
    artefacts: list[Artefact] = []
    tool_version: str
