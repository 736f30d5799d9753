"""Fill a recognised document's normalised fields from its raw cells (executors, deadlines, financing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..model.document import Activity, Document
from .deadlines import parse_deadline
from .executors import ExecutorResolver, Glossary
from .financing import classify_financing

T = TypeVar("T")


def _memo(function: Callable[[str], T]) -> Callable[[str], T]:
    """The function with its results kept by cell text: a programme repeats the same cells many times."""
    results: dict[str, T] = {}

    def cached(raw: str) -> T:
        if raw not in results:
            results[raw] = function(raw)
        return results[raw]

    return cached


class _Normaliser:
    """The normalisers of one document, each cell text worked out once."""

    def __init__(self, glossary: Glossary, year: int | None) -> None:
        resolve_executors = ExecutorResolver(glossary)
        self.executors = _memo(lambda raw: tuple(resolve_executors(raw)) if raw else ())
        self.partners = _memo(lambda raw: tuple(m.model_copy(update={"role": "partner"}) for m in self.executors(raw)))
        self.deadline = _memo(lambda raw: parse_deadline(raw, year))
        self.financing = _memo(classify_financing)

    def activity(self, activity: Activity) -> Activity:
        executors = [*self.executors(activity.executors_raw), *self.partners(activity.partners_raw or "")]
        return activity.model_copy(
            update={
                "executors": executors,
                "deadline": self.deadline(activity.deadline_raw),
                "financing": self.financing(activity.financing_raw),
            }
        )


def normalise_activity(activity: Activity, glossary: Glossary, year: int | None) -> Activity:
    """The activity with executors resolved, deadline parsed and financing classified; raw cells untouched."""
    return _Normaliser(glossary, year).activity(activity)


def normalise_document(document: Document, glossary: Glossary) -> Document:
    """A copy of the document with every activity normalised against the programme year."""
    if document.annex is None:
        return document
    normaliser = _Normaliser(glossary, document.year)
    areas = [
        area.model_copy(
            update={
                "goals": [
                    goal.model_copy(update={"activities": [normaliser.activity(a) for a in goal.activities]})
                    for goal in area.goals
                ]
            }
        )
        for area in document.annex.areas
    ]
    return document.model_copy(update={"annex": document.annex.model_copy(update={"areas": areas})})
