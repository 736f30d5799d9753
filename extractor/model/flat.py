"""The flat activity view: one record per activity, the shape JSONL, CSV and other tools consume."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from .document import Document
from .normalised import ExecutorMatch, ExecutorRole


class ActivityRecord(BaseModel):
    """One activity with its area and goal; keys are a published contract: add, never rename."""

    model_config = ConfigDict(extra="forbid")

    document_id: str
    source: str
    kind: str | None
    year: int | None
    area: int | None
    area_title: str
    goal: str | None
    goal_text: str
    activity: str | None
    activity_text: str
    executors_raw: str
    executors: list[str]  # glossary ids of the lead and partner cells, each once, lead cell first
    financing_raw: str
    financing: list[str]
    deadline_raw: str
    deadline_start: dt.date | None
    deadline_end: dt.date | None
    expected_result: str | None
    page: int | None
    table: int | None
    row: int | None
    line: int | None
    deadline_kind: str | None = None
    partners_raw: str | None = None
    budget_raw: str | None = None
    indicators_raw: str | None = None
    extra_raw: str | None = None  # columns of no role of ours, one `header: text` line each
    partners: list[str] = []  # glossary ids of the partner cell, each once, in the order it names them
    amount: float | None = None  # the activity's sum (a range's lower end), from its budget cell, else its financing
    amount_max: float | None = None  # a range's upper end
    currency: str | None = None  # ISO code of the amount: BGN, EUR, USD


PROVENANCE_KEYS = ("document_id", "source", "page", "table", "row", "line")


def extra_lines(extra: dict[str, str]) -> str | None:
    """Cells of columns without a role as `header: text` lines, so the flat view drops no column."""
    return "\n".join(f"{header}: {text}" for header, text in extra.items()) or None


def executor_ids(matches: list[ExecutorMatch], role: ExecutorRole | None = None) -> list[str]:
    """Glossary ids of the matches (of one role, if given), each once, in match order."""
    return list(dict.fromkeys(m.id for m in matches if m.id and (role is None or m.role == role)))


def activity_records(document: Document) -> list[ActivityRecord]:
    """The document's activities in document order as flat records."""
    if document.annex is None:
        return []
    records = []
    for area in document.annex.areas:
        for goal in area.goals:
            for activity in goal.activities:
                deadline = activity.deadline
                records.append(
                    ActivityRecord(
                        document_id=document.id,
                        source=document.source.name,
                        kind=document.kind,
                        year=document.year,
                        area=area.number,
                        area_title=area.title,
                        goal=goal.number,
                        goal_text=goal.text,
                        activity=activity.number,
                        activity_text=activity.text,
                        executors_raw=activity.executors_raw,
                        executors=executor_ids(activity.executors),
                        financing_raw=activity.financing_raw,
                        financing=list(activity.financing.categories) if activity.financing else [],
                        deadline_raw=activity.deadline_raw,
                        deadline_start=deadline.start if deadline else None,
                        deadline_end=deadline.end if deadline else None,
                        deadline_kind=deadline.kind if deadline else None,
                        expected_result=activity.expected_result,
                        partners_raw=activity.partners_raw,
                        budget_raw=activity.budget,
                        indicators_raw=activity.indicators,
                        extra_raw=extra_lines(activity.extra),
                        partners=executor_ids(activity.executors, "partner"),
                        amount=activity.amount.value if activity.amount else None,
                        amount_max=activity.amount.value_max if activity.amount else None,
                        currency=activity.amount.currency if activity.amount else None,
                        page=activity.provenance.page,
                        table=activity.provenance.table,
                        row=activity.provenance.row,
                        line=activity.provenance.line,
                    )
                )
    return records
