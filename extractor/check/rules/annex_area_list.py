"""C506: the annex's own introductory list of priority areas differs from its tables in order or membership."""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import part_location
from ..profiles import Profile
from ..titles import pair_titles

RULE = RuleInfo(
    code="C506",
    name="annex-area-list-mismatch",
    severity="warning",
    rationale="An annex that introduces its priority areas in one order and sets out the tables in another confuses every later citation.",
)
LIST_HEADING = re.compile(r"приоритетни\s+области\s*:\s*$", re.I)
ITEM = re.compile(r"^\s*(?:[-–•]|\d{1,2}[.)])\s*(?P<text>.+)$", re.S)


def introduction_list(preamble: list[str]) -> list[str]:
    """The items after a `Приоритетни области:` paragraph of the annex's preamble; empty when there is none."""
    for index, text in enumerate(preamble):
        if LIST_HEADING.search(text):
            items = []
            for following in preamble[index + 1 :]:
                item = ITEM.match(following)
                if not item:
                    break
                items.append(item["text"].strip().rstrip(";").strip())
            return items
    return []


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """A finding when the introduction's items, paired with the tables by wording, come in another order or miss some."""
    if document.annex is None or not document.annex.areas:
        return
    listed = introduction_list(document.annex.preamble)
    if not listed:
        return
    titles = [area.title for area in document.annex.areas]
    pairs = pair_titles(listed, titles, profile.area_title_similarity, partial=True)
    location = part_location(document, "annex")
    labels = [area.number_raw or str(area.number or "?") for area in document.annex.areas]
    order = [labels[pairs[i]] if i in pairs else "?" for i in range(len(listed))]
    if len(listed) != len(titles) or len(pairs) != len(listed):
        yield RULE.finding(location, variant="count", position=(-1,), evidence=" | ".join(listed),
                           listed=str(len(listed)), tables=str(len(titles)), order=", ".join(order))
    elif [pairs[i] for i in range(len(listed))] != sorted(pairs.values()):
        yield RULE.finding(location, variant="order", position=(-1,), evidence=" | ".join(listed),
                           order=", ".join(order))
