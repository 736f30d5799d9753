"""C505: the annex title, the report and the decision name different programme years."""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from ...model.document import Document
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
# `за 2021 г.`, `за 2021г.`, `ЗА 2021 ГОДИНА`, `за периода 2021`: the year a programme is for.
PROGRAMME_YEAR = re.compile(r"\bза\s+(?:\p{L}+\s+)?(?P<year>(?:19|20)\d{2})(?!\d)", re.I)


def stated_years(document: Document) -> list[tuple[str, str, int]]:
    """(part, text, year) for each text that names a programme year: annex title, report subject, decision."""
    texts = [("annex", document.annex.title if document.annex else None),
             ("report", document.report.subject if document.report else None),
             ("decision", document.decision.subject if document.decision else None)]
    if document.decision:
        texts += [("decision", point) for point in document.decision.operative_points]
    found = []
    for part, text in texts:
        match = PROGRAMME_YEAR.search(text) if text else None
        if match:
            found.append((part, text, int(match["year"])))
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
