"""Normalised cell values: executors resolved against the glossary, deadlines as dates, financing as codes.

Pure data. The normalisers in `extractor.normalise` build these from the raw cell text, which
every model keeps beside its parsed form.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

OrganisationType = Literal[
    "municipal_administration",
    "municipal_directorate",
    "district",
    "state_agency",
    "ministry",
    "regional_directorate",
    "school_or_kindergarten",
    "centre_or_service",
    "commission",
    "ngo",
    "court_or_prosecution",
    "police",
    "international_org",
    "business",
    "other",
]
MatchKind = Literal["exact", "variant", "fuzzy", "unknown"]
ExecutorRole = Literal["lead", "partner"]
DeadlineKind = Literal[
    "year", "date", "range", "until", "month", "school_year", "permanent", "periodic", "as_needed", "unknown", "empty"
]
FinancingCategory = Literal[
    "state_budget",
    "delegated_state_activity",
    "municipal_budget",
    "existing_budget",
    "eu_operational_programme",
    "project_programme",
    "external_funding",
    "ngo_donor",
    "private_donor",
    "international_org",
    "other",
    "not_required",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GlossaryEntry(_Model):
    """One organisation (or named group of bodies) that executor cells refer to."""

    id: str = Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
    name: str
    type: OrganisationType
    abbreviations: list[str] = []
    variants: list[str] = []
    parent: str | None = None
    source: str | None = None
    note: str | None = None


class ExecutorMatch(_Model):
    """One piece of an executor cell and the glossary entry it resolved to; `role`: which cell named it."""

    id: str | None
    abbreviation: str | None
    name: str | None
    type: OrganisationType | None
    raw: str
    match: MatchKind
    method: str
    score: float = Field(ge=0, le=100)
    suggestions: list[str] = []
    parent: str | None = None
    role: ExecutorRole = "lead"


class Deadline(_Model):
    """A deadline cell as a kind and the dates it states; a bound the text does not give is None."""

    raw: str
    kind: DeadlineKind
    start: dt.date | None = None
    end: dt.date | None = None


class Amount(_Model):
    """A sum of money a cell writes with its currency: the number (a range's lower end, with its upper end in
    value_max), the ISO currency code and the text matched."""

    value: float
    value_max: float | None = None
    currency: Literal["BGN", "EUR", "USD"]
    raw: str


class Financing(_Model):
    """A financing cell as category codes plus the programme names, project codes and sums it mentions."""

    raw: str
    categories: list[FinancingCategory] = []
    programmes: list[str] = []
    project_codes: list[str] = []
    amounts: list[Amount] = []
