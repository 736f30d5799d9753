"""Both samples against their reviewed golden files; counts stated here were read off the sources."""

from __future__ import annotations

import pytest

from extractor.api import extract
from extractor.model.flat import activity_records

from .conftest import ACTION_PLAN_2013, PROGRAMME_2021, ROOT
from .regenerate import golden_texts

# (areas, goals, activities) counted by reading each source document.
COUNTS = {PROGRAMME_2021: (7, 44, 110), ACTION_PLAN_2013: (4, 10, 24)}


@pytest.fixture(scope="module", params=list(COUNTS), ids=lambda p: p.stem)
def sample(request):
    return request.param


def test_golden_files_match_the_extraction(sample):
    for path, expected in golden_texts(sample).items():
        assert path.read_text(encoding="utf-8") == expected, f"{path.name} differs: run python -m tests.regenerate"


def test_counts_of_areas_goals_and_activities(sample):
    document = extract(sample.relative_to(ROOT))
    areas = document.annex.areas
    goals = [g for a in areas for g in a.goals]
    found = (len(areas), len(goals), sum(len(g.activities) for g in goals))
    assert found == COUNTS[sample]


def test_every_source_line_of_the_annex_tables_is_in_a_record_or_a_fragment(sample):
    document = extract(sample.relative_to(ROOT))
    used = set()
    for area in document.annex.areas:
        used.add(area.provenance.line)
        for goal in area.goals:
            used.add(goal.provenance.line)
            for activity in goal.activities:
                used.update(activity.provenance.lines)
                used.update(r.line for r in activity.repairs)
    used.update(f.provenance.line for f in document.annex.fragments)
    lines = sample.read_text(encoding="utf-8").splitlines()
    rows = {n for n, line in enumerate(lines, 1) if "\t" in line and line.strip(" \t-")}
    headers = {n for n in rows if lines[n - 1].startswith("Цел")}
    assert rows - headers - used == set()


def test_jsonl_lists_every_activity_once_in_document_order(sample):
    document = extract(sample.relative_to(ROOT))
    records = activity_records(document)
    lines = [r.line for r in records]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    assert all(r.activity_text and r.executors_raw for r in records)
