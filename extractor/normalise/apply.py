"""Fill a recognised document's normalised fields from its raw cells (executors, deadlines, financing)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from ..model.document import Activity, Area, Document
from ..model.normalised import Financing
from .amounts import Unit, header_unit, parse_amounts, total
from .deadlines import parse_deadline
from .executors import ExecutorResolver, Glossary
from .financing import classify_financing

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
MONEY_ROLES = ("financing", "budget")


def _memo(function: Callable[[K], T]) -> Callable[[K], T]:
    """The function with its results kept by cell text: a programme repeats the same cells many times."""
    results: dict[K, T] = {}

    def cached(raw: K) -> T:
        if raw not in results:
            results[raw] = function(raw)
        return results[raw]

    return cached


def money_units(area: Area) -> dict[str, Unit]:
    """The unit each money column's header states (`Бюджет (лв.)`), by role; the first such column of a role."""
    units: dict[str, Unit] = {}
    for column in area.columns:
        unit = header_unit(column.header) if column.role in MONEY_ROLES else None
        if unit is not None and column.role is not None:
            units.setdefault(column.role, unit)
    return units


class _Normaliser:
    """The normalisers of one document, each cell text worked out once."""

    def __init__(self, glossary: Glossary, year: int | None) -> None:
        resolve_executors = ExecutorResolver(glossary)
        self.executors = _memo(lambda raw: tuple(resolve_executors(raw)) if raw else ())
        self.partners = _memo(lambda raw: tuple(m.model_copy(update={"role": "partner"}) for m in self.executors(raw)))
        self.deadline = _memo(lambda raw: parse_deadline(raw, year))
        self.categories = _memo(lambda raw: classify_financing(raw, glossary))  # bodies of a user glossary too
        self.amounts = _memo(lambda key: tuple(parse_amounts(*key)))

    def financing(self, raw: str, unit: Unit | None) -> Financing:
        amounts = self.amounts((raw, unit))
        financing = self.categories(raw)
        return financing.model_copy(update={"amounts": list(amounts)}) if amounts else financing

    def activity(self, activity: Activity, units: dict[str, Unit] | None = None) -> Activity:
        units = units or {}
        executors = [*self.executors(activity.executors_raw), *self.partners(activity.partners_raw or "")]
        financing = self.financing(activity.financing_raw, units.get("financing", units.get("budget")))
        budget = list(self.amounts((activity.budget, units.get("budget")))) if activity.budget else []
        return activity.model_copy(
            update={
                "executors": executors,
                "deadline": self.deadline(activity.deadline_raw),
                "financing": financing,
                "budget_amounts": budget,
                "amount": total(budget) if budget else total(financing.amounts),
            }
        )


def normalise_activity(activity: Activity, glossary: Glossary, year: int | None,
                       units: dict[str, Unit] | None = None) -> Activity:
    """The activity with executors resolved, deadline parsed, financing classified and sums read (bare numbers
    too where its column's header gives the unit); raw cells untouched."""
    return _Normaliser(glossary, year).activity(activity, units)


def normalise_document(document: Document, glossary: Glossary) -> Document:
    """A copy of the document with every activity normalised against the programme year."""
    if document.annex is None:
        return document
    normaliser = _Normaliser(glossary, document.year)
    areas = [_normalise_area(area, normaliser) for area in document.annex.areas]
    return document.model_copy(update={"annex": document.annex.model_copy(update={"areas": areas})})


def _normalise_area(area: Area, normaliser: _Normaliser) -> Area:
    units = money_units(area)
    goals = [goal.model_copy(update={"activities": [normaliser.activity(a, units) for a in goal.activities]})
             for goal in area.goals]
    return area.model_copy(update={"goals": goals})
