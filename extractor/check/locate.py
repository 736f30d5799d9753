"""Locations of the parts of a document, and a walk over its records in document order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model.document import Activity, Area, Document, Goal, Provenance
from .findings import Location, Part


@dataclass(frozen=True)
class Place:
    """An area, goal or activity with its index path in the document, for locations and ordering."""

    area: Area
    goal: Goal | None = None
    activity: Activity | None = None
    position: tuple[int, ...] = ()


def file_name(document: Document) -> str:
    """The file name findings are reported under."""
    return document.source.path or document.source.name


def part_location(document: Document, part: Part | None, provenance: Provenance | None = None) -> Location:
    """The location of a whole part (report, decision, annex) or of the whole document."""
    return Location(file=file_name(document), part=part, **_where(provenance))


def place_location(document: Document, place: Place) -> Location:
    """The location of an area, goal or activity: numbers as in the flat view plus page, table, row and line."""
    record = place.activity or place.goal or place.area
    area = place.area
    return Location(
        file=file_name(document),
        part="annex",
        area=area.number,
        area_label=area.number_raw or (str(area.number) if area.number is not None else None),
        goal=place.goal.number if place.goal else None,
        activity=place.activity.number if place.activity else None,
        **_where(record.provenance),
    )


def _where(provenance: Provenance | None) -> dict:
    if provenance is None:
        return {}
    return {"page": provenance.page, "table": provenance.table, "row": provenance.row, "line": provenance.line}


def areas(document: Document) -> Iterator[Place]:
    """Every area of the annex with its index."""
    if document.annex is None:
        return
    for i, area in enumerate(document.annex.areas):
        yield Place(area=area, position=(i,))


def goals(document: Document) -> Iterator[Place]:
    """Every goal with its area, in document order."""
    for place in areas(document):
        for j, goal in enumerate(place.area.goals):
            yield Place(area=place.area, goal=goal, position=(*place.position, j))


def activities(document: Document) -> Iterator[Place]:
    """Every activity with its area and goal, in document order."""
    for place in goals(document):
        for k, activity in enumerate(place.goal.activities):
            yield Place(area=place.area, goal=place.goal, activity=activity, position=(*place.position, k))


def column_roles(area: Area) -> set[str]:
    """The roles of an area's recognised columns."""
    return {column.role for column in area.columns if column.role}
