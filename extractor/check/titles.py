"""Priority-area titles compared across the report and the annex: fuzzy pairing and word differences."""

from __future__ import annotations

import difflib

import regex as re
from rapidfuzz import fuzz

from ..model.document import Document
from .locate import Place

PUNCTUATION = re.compile(r"[\p{P}\p{S}]+")


def comparable(text: str) -> str:
    """A title for comparison: lower case, punctuation and repeated spaces gone."""
    return " ".join(PUNCTUATION.sub(" ", text.lower()).split())


def similarity(first: str, second: str, partial: bool = False) -> float:
    """How alike two titles are, 0-100, forgiving word order; `partial` also a label or a sentence added to one."""
    a, b = comparable(first), comparable(second)
    score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))
    return max(score, fuzz.token_set_ratio(a, b)) if partial else score


def pair_titles(listed: list[str], titles: list[str], threshold: float, partial: bool = False) -> dict[int, int]:
    """Report items paired with annex titles, the most alike pairs first, each used once; below the threshold unpaired."""
    scores = sorted(((similarity(item, title, partial), i, j) for i, item in enumerate(listed) for j, title in enumerate(titles)),
                    key=lambda s: (-s[0], s[1], s[2]))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in scores:
        if score < threshold:
            break
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def word_changes(first: str, second: str) -> str:
    """The words that differ between two titles: `отход → отдых`."""
    a, b = comparable(first).split(), comparable(second).split()
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            changes.append(f"{' '.join(a[i1:i2]) or '∅'} → {' '.join(b[j1:j2]) or '∅'}")
    return "; ".join(changes)


def report_and_areas(document: Document) -> tuple[list[str], list[Place]] | None:
    """The report's list and the annex areas, or None when either is missing."""
    if document.report is None or not document.report.priority_areas or document.annex is None:
        return None
    places = [Place(area=area, position=(i,)) for i, area in enumerate(document.annex.areas)]
    return document.report.priority_areas, places
