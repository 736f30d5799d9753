"""C503: the report states a number of priority areas (`седем приоритетни области`) the annex does not have."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import part_location
from ..profiles import Profile

RULE = RuleInfo(
    code="C503",
    name="stated-area-count",
    severity="error",
    rationale="A report that announces seven priority areas over an annex with six tells the council something untrue.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """A finding when the stated number differs from the annex's areas (or, with no annex, from the report's list)."""
    report = document.report
    if report is None or report.stated_area_count is None:
        return
    counted = len(document.annex.areas) if document.annex else len(report.priority_areas)
    if counted and counted != report.stated_area_count:
        yield RULE.finding(part_location(document, "report", report.provenance),
                           variant="annex" if document.annex else "list", position=(-3,),
                           stated=str(report.stated_area_count), counted=str(counted))
