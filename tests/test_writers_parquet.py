"""The flat view as Parquet: contract columns and types, one row per activity, stable bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.api import extract
from extractor.model.flat import ActivityRecord, activity_records
from extractor.writers.parquet import ParquetSink, activity_schema, arrow_type, write_activities_parquet

from .conftest import ACTION_PLAN_2013


@pytest.fixture(scope="module")
def records():
    return activity_records(extract(ACTION_PLAN_2013))


def test_columns_are_the_activity_contract_in_order():
    assert activity_schema().names == list(ActivityRecord.model_fields)


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [(str, pa.string()), (int | None, pa.int64()), (dt.date | None, pa.date32()), (list[str], pa.list_(pa.string()))],
)
def test_field_annotations_map_to_arrow_types(annotation, expected):
    assert arrow_type(annotation) == expected


def test_file_holds_every_activity_with_its_values(tmp_path: Path, records):
    path = tmp_path / "activities.parquet"
    write_activities_parquet(records, path)
    table = pq.read_table(path)
    assert table.num_rows == len(records) == 24
    assert table.to_pylist() == [record.model_dump(mode="python") for record in records]


def test_records_split_across_row_groups_read_back_in_order(tmp_path: Path, records):
    path = tmp_path / "activities.parquet"
    sink = ParquetSink(path, row_group_size=10)
    for record in records:
        sink.add([record])
    sink.close()
    assert pq.ParquetFile(path).num_row_groups == 3
    assert pq.read_table(path).column("activity_text").to_pylist() == [r.activity_text for r in records]


def test_same_records_give_byte_identical_files(tmp_path: Path, records):
    write_activities_parquet(records, tmp_path / "a.parquet")
    write_activities_parquet(records, tmp_path / "b.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_no_records_give_a_readable_file_with_the_schema(tmp_path: Path):
    write_activities_parquet([], tmp_path / "empty.parquet")
    table = pq.read_table(tmp_path / "empty.parquet")
    assert table.num_rows == 0 and table.schema.equals(activity_schema())
