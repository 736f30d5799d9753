"""C505: the annex title, the report and the decision name different programme years."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ...recognise import year_and_period
from ..findings import Finding, RuleInfo
from ..locate import part_location
from ..profiles import Profile

RULE = RuleInfo(
    code="C505",
    name="programme-year-mismatch",
    severity="error",
    rationale="The title, the report and the decision must name the same programme year, or the wrong programme is adopted.",
)
PART_ORDER = {"report": -3, "decision": -2, "annex": -1}


def stated_years(document: Document) -> list[tuple[str, str, int]]:
    """(part, text, year) for each text that names a programme year: annex title, report subject, decision."""
    texts = [("annex", document.annex.title if document.annex else None),
             ("report", document.report.subject if document.report else None),
             ("decision", document.decision.subject if document.decision else None)]
    if document.decision:
        texts += [("decision", point) for point in document.decision.operative_points]
    found = []
    for part, text in texts:
        year = year_and_period(text)[0] if text else None
        if year is not None:
            found.append((part, text, year))
    return found


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per part naming a year other than the programme year (the profile's, else the document's)."""
    expected = profile.year if profile.year is not None else document.year
    if expected is None:
        return
    provenance = {"report": document.report.provenance if document.report else None,
                  "decision": document.decision.provenance if document.decision else None}
    reported: set[str] = set()
    for part, text, year in stated_years(document):
        if year != expected and part not in reported:
            reported.add(part)
            yield RULE.finding(part_location(document, part, provenance.get(part)), position=(PART_ORDER[part],),
                               evidence=text, year=str(year), expected=str(expected))
