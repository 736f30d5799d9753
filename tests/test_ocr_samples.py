"""The scanned samples against the golden activity records of the converted-text samples.

Field-level accuracy: the share of activity fields (provenance aside) equal after whitespace
normalisation, over golden records aligned to the scanned ones by activity text. Printed with
`pytest -s`; the floors asserted are the figures measured when this test was written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from extractor.api import extract
from extractor.model.flat import PROVENANCE_KEYS, activity_records
from extractor.settings import OcrOptions, Settings

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SAMPLES = ROOT / "samples"

# (scan, golden records, floor of field accuracy, most activities missed, most invented)
CASES = [
    ("sofia-2013-action-plan-scan.pdf", "sofia-2013-action-plan.jsonl", 0.981, 0, 0),
    ("sofia-2021-programme-scan.pdf", "sofia-2021-programme.jsonl", 0.982, 0, 0),
]


def normalise(value):
    return " ".join(value.split()) if isinstance(value, str) else value


def align(expected: list[dict], found: list[dict]) -> list[tuple[int, int]]:
    """Order-keeping pairs of (expected, found) records that best match by activity text (dynamic programming)."""
    def similarity(i: int, j: int) -> float:
        score = fuzz.ratio(normalise(expected[i]["activity_text"]), normalise(found[j]["activity_text"])) / 100
        return score if score >= 0.6 else 0.0

    rows, cols = len(expected), len(found)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            match = similarity(i, j)
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + match if match else 0.0)
    pairs, i, j = [], 0, 0
    while i < rows and j < cols:
        match = similarity(i, j)
        if match and best[i][j] == best[i + 1][j + 1] + match:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def field_accuracy(expected: list[dict], found: list[dict]) -> tuple[float, int, int, list[str]]:
    """(accuracy over every golden field, activities missed, activities invented, differing fields)."""
    pairs = align(expected, found)
    fields = [key for key in expected[0] if key not in PROVENANCE_KEYS]
    equal, differences = 0, []
    for i, j in pairs:
        for key in fields:
            if normalise(expected[i][key]) == normalise(found[j].get(key)):
                equal += 1
            else:
                differences.append(f"{expected[i]['activity']} {key}: {expected[i][key]!r} != {found[j].get(key)!r}")
    total = len(expected) * len(fields)  # missed records count as wrong in every field
    return equal / total, len(expected) - len(pairs), len(found) - len(pairs), differences


@pytest.mark.parametrize(("scan", "golden", "floor", "max_missed", "max_invented"), CASES, ids=[c[0] for c in CASES])
def test_scanned_sample_matches_the_golden_activities(scan, golden, floor, max_missed, max_invented):
    document = extract(SAMPLES / scan, Settings(ocr=OcrOptions(progress=False)))
    found = [record.model_dump(mode="json") for record in activity_records(document)]
    expected = [json.loads(line) for line in (GOLDEN / golden).read_text(encoding="utf-8").splitlines()]
    accuracy, missed, invented, differences = field_accuracy(expected, found)
    print(f"\n{scan}: field accuracy {accuracy:.4f}, {len(expected) - missed}/{len(expected)} activities found, "
          f"{invented} invented")
    print("\n".join(differences[:40]))
    assert accuracy >= floor
    assert missed <= max_missed
    assert invented <= max_invented
