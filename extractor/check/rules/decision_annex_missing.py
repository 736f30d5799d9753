"""C504: the decision adopts an annex the file does not contain, or one numbered differently."""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import part_location
from ..profiles import Profile

RULE = RuleInfo(
    code="C504",
    name="decision-annex-missing",
    severity="error",
    rationale="A decision that adopts `Приложение № 1` must come with that annex, or the council adopts nothing.",
)
ANNEX_NUMBER = re.compile(r"№\s*(?P<number>\d+)|приложение\s+(?P<bare>\d+)\b", re.I)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """A finding when the decision refers to an annex and none is present, or only one with another number."""
    decision = document.decision
    if decision is None or not decision.annex_references:
        return
    location = part_location(document, "decision", decision.provenance)
    evidence = decision.annex_references[0].raw
    if document.annex is None:
        yield RULE.finding(location, variant="absent", position=(-2,), evidence=evidence)
        return
    present = ANNEX_NUMBER.search(document.annex.reference or "")
    referenced = {ref.number for ref in decision.annex_references if ref.number}
    number = (present["number"] or present["bare"]) if present else None
    if number and referenced and number not in referenced:
        yield RULE.finding(location, variant="number", position=(-2,), evidence=evidence,
                           referenced=", ".join(sorted(referenced)), present=number)
