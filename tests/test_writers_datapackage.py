"""The Frictionless descriptor: fields match the CSV columns, types parse every value, hash checks the file."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json

import pytest

from extractor.api import extract
from extractor.model.flat import ActivityRecord, activity_records
from extractor.writers import records_csv
from extractor.writers.datapackage import activity_table_schema, datapackage_descriptor, datapackage_json

from .conftest import ACTION_PLAN_2013, PROGRAMME_2021

PARSERS = {"string": str, "integer": int, "date": dt.date.fromisoformat}


@pytest.fixture(scope="module")
def csv_text():
    records = activity_records(extract(PROGRAMME_2021)) + activity_records(extract(ACTION_PLAN_2013))
    return records_csv(records)


def test_fields_are_the_csv_columns_in_order(csv_text):
    header = next(csv.reader(io.StringIO(csv_text)))
    assert [field["name"] for field in activity_table_schema()["fields"]] == header == list(ActivityRecord.model_fields)


def test_every_non_empty_value_parses_as_its_declared_type(csv_text):
    fields = {field["name"]: field["type"] for field in activity_table_schema()["fields"]}
    assert fields["area"] == "integer" and fields["deadline_start"] == "date" and fields["executors"] == "string"
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert len(rows) == 134
    for row in rows:
        for name, value in row.items():
            if value:
                PARSERS[fields[name]](value)


def test_list_columns_say_how_they_are_joined():
    fields = {field["name"]: field for field in activity_table_schema()["fields"]}
    assert "';'" in fields["executors"]["description"] and "';'" in fields["financing"]["description"]


def test_resource_carries_the_csv_hash_size_and_dialect(csv_text):
    data = csv_text.encode()
    descriptor = datapackage_descriptor("activities.csv", hashlib.sha256(data).hexdigest(), len(data))
    (resource,) = descriptor["resources"]
    assert descriptor["profile"] == "tabular-data-package" and resource["profile"] == "tabular-data-resource"
    assert resource["path"] == "activities.csv" and resource["bytes"] == len(data)
    assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    assert resource["dialect"]["lineTerminator"] == "\r\n" and resource["schema"]["missingValues"] == [""]


def test_descriptor_json_is_stable():
    first = datapackage_json("activities.csv", "0" * 64, 10)
    assert first == datapackage_json("activities.csv", "0" * 64, 10) and json.loads(first)["resources"]
