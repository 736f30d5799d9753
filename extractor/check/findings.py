"""The one finding shape every rule yields and every output format renders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
Part = Literal["report", "decision", "annex"]
Params = dict[str, str | list[str]]


class Location(BaseModel):
    """Where a finding sits: the file, the part, the area/goal/activity numbers and the page/table/row where known."""

    model_config = ConfigDict(extra="forbid")

    file: str
    part: Part | None = None
    area: int | None = None
    area_label: str | None = Field(None, exclude=True)
    goal: str | None = None
    activity: str | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    line: int | None = None

    def path(self) -> str:
        """`IV/3/3.2`: the area as printed, the goal and the activity; the part name for a finding outside the annex."""
        steps = [self.area_label or (str(self.area) if self.area is not None else None)]
        if self.goal is not None or self.activity is not None:
            steps.append(self.goal or "?")
        if self.activity is not None:
            steps.append(self.activity)
        if steps[0] is None:
            return self.part or "document"
        return "/".join(step or "?" for step in steps)

    def place(self) -> str:
        """`page 14, row 5, line 263`: whichever of page, row and source line are known."""
        pieces = [f"{name} {value}" for name, value in (("page", self.page), ("row", self.row), ("line", self.line))
                  if value is not None]
        return ", ".join(pieces)

    def label(self) -> str:
        """`IV/3/3.2 (page 14, row 5)` as printed in the text report."""
        place = self.place()
        return f"{self.path()} ({place})" if place else self.path()


class Finding(BaseModel):
    """One problem found in a draft; `message` and `suggestion` are filled in the chosen language by the engine."""

    model_config = ConfigDict(extra="forbid")

    code: str
    name: str
    severity: Severity
    message: str = ""
    suggestion: str | None = None
    evidence: str | None = None
    location: Location
    key: str = Field(exclude=True)
    params: Params = Field(default_factory=dict, exclude=True)
    position: tuple[int, ...] = Field(default=(), exclude=True)


@dataclass(frozen=True)
class RuleInfo:
    """A rule's identity: stable code, readable name, default severity and a one-line rationale."""

    code: str
    name: str
    severity: Severity
    rationale: str

    def finding(self, location: Location, *, variant: str | None = None, evidence: str | None = None,
                position: tuple[int, ...] = (), **params: str | list[str]) -> Finding:
        """A finding of this rule; `variant` picks a message of the catalogue beside the rule's own."""
        return Finding(code=self.code, name=self.name, severity=self.severity, evidence=evidence, location=location,
                       key=f"{self.code}.{variant}" if variant else self.code, params=params, position=position)
