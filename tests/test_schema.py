"""The published JSON Schemas: generated from the models, committed, and obeyed by every output."""

from __future__ import annotations

import json

import jsonschema
import pytest

from extractor.api import extract
from extractor.schemas import schema_texts
from extractor.writers import render

from .conftest import ACTION_PLAN_2013, PROGRAMME_2021, ROOT

SCHEMAS = ROOT / "schemas"


@pytest.mark.parametrize("name", sorted(schema_texts()))
def test_committed_schema_equals_the_generated_one(name):
    committed = (SCHEMAS / name).read_text(encoding="utf-8")
    assert committed == schema_texts()[name], f"{name} is stale: run `extractor schema -o schemas`"


@pytest.mark.parametrize("sample", [PROGRAMME_2021, ACTION_PLAN_2013], ids=lambda p: p.stem)
def test_written_json_and_jsonl_validate_against_the_schemas(sample):
    document = extract(sample)
    document_schema = json.loads((SCHEMAS / "document.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(render(document, "json")), document_schema)
    record_schema = json.loads((SCHEMAS / "activity.schema.json").read_text(encoding="utf-8"))
    for line in render(document, "jsonl").splitlines():
        jsonschema.validate(json.loads(line), record_schema)


def test_activity_view_keeps_the_published_keys_in_order():
    properties = json.loads(schema_texts()["activity.schema.json"])["properties"]
    published = ("document_id source kind year area area_title goal goal_text activity activity_text executors_raw "
                 "executors financing_raw financing deadline_raw deadline_start deadline_end expected_result page "
                 "table row line").split()
    from extractor.model.flat import ActivityRecord

    assert list(ActivityRecord.model_fields)[: len(published)] == published
    assert set(published) <= set(properties)
