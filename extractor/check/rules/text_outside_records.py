"""R603: annex text that belongs to no record (a stray or repeated row) and was kept aside as a fragment."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import part_location
from ..profiles import Profile

RULE = RuleInfo(
    code="R603",
    name="text-outside-records",
    severity="warning",
    rationale="Text in the annex that belongs to no activity (a stray or repeated row) is either lost or printed twice.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per annex fragment, after the areas, in the order the recogniser kept them."""
    if document.annex is None:
        return
    after = len(document.annex.areas)
    for index, fragment in enumerate(document.annex.fragments):
        variant = "duplicate" if fragment.reason.startswith("duplicate") else None
        yield RULE.finding(part_location(document, "annex", fragment.provenance), variant=variant,
                           position=(after, index), evidence=" ".join(fragment.text.split())[:200],
                           reason=fragment.reason)
