"""Fill a recognised document's normalised fields from its raw cells (executors, deadlines, financing)."""

from __future__ import annotations

from ..model.document import Activity, Document
from .deadlines import parse_deadline
from .executors import Glossary, resolve_executors
from .financing import classify_financing


def normalise_activity(activity: Activity, glossary: Glossary, year: int | None) -> Activity:
    """The activity with executors resolved, deadline parsed and financing classified; raw cells untouched."""
    executors = resolve_executors(activity.executors_raw, glossary) if activity.executors_raw else []
    if activity.partners_raw:
        executors += resolve_executors(activity.partners_raw, glossary)
    return activity.model_copy(
        update={
            "executors": executors,
            "deadline": parse_deadline(activity.deadline_raw, year),
            "financing": classify_financing(activity.financing_raw),
        }
    )


def normalise_document(document: Document, glossary: Glossary) -> Document:
    """A copy of the document with every activity normalised against the programme year."""
    if document.annex is None:
        return document
    areas = [
        area.model_copy(
            update={
                "goals": [
                    goal.model_copy(
                        update={
                            "activities": [
                                normalise_activity(a, glossary, document.year) for a in goal.activities
                            ]
                        }
                    )
                    for goal in area.goals
                ]
            }
        )
        for area in document.annex.areas
    ]
    return document.model_copy(update={"annex": document.annex.model_copy(update={"areas": areas})})
