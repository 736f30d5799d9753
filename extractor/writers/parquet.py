"""The flat activity view as Apache Parquet, typed from the `ActivityRecord` contract; deterministic bytes."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..model.flat import ActivityRecord

_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), dt.date: pa.date32()}


def arrow_type(annotation: object) -> pa.DataType:
    """The Arrow type of one model field annotation (optional types are nullable columns)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return arrow_type(inner)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return pa.list_(arrow_type(item))
    if annotation in _SCALARS:
        return _SCALARS[annotation]  # type: ignore[index]
    raise TypeError(f"no Arrow type for {annotation!r}")


def activity_schema() -> pa.Schema:
    """The Arrow schema of the flat view: one column per `ActivityRecord` field, in contract order."""
    return pa.schema([pa.field(name, arrow_type(field.annotation)) for name, field in ActivityRecord.model_fields.items()])


def records_table(records: Iterable[ActivityRecord]) -> pa.Table:
    """Activity records as an Arrow table with the contract schema."""
    schema = activity_schema()
    rows = [record.model_dump(mode="python") for record in records]
    return pa.Table.from_pylist(rows, schema=schema)


class ParquetSink:
    """Streams activity records into one Parquet file, a row group per batch of documents."""

    def __init__(self, path: Path, row_group_size: int = 10_000) -> None:
        self._writer = pq.ParquetWriter(str(path), activity_schema(), compression="zstd")
        self._pending: list[ActivityRecord] = []
        self._row_group_size = row_group_size

    def add(self, records: Iterable[ActivityRecord]) -> None:
        """Queue records; a full batch is written as one row group."""
        self._pending.extend(records)
        if len(self._pending) >= self._row_group_size:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(records_table(self._pending))
            self._pending = []

    def close(self) -> None:
        """Write what is queued and the file footer."""
        self._flush()
        self._writer.close()


def write_activities_parquet(records: Iterable[ActivityRecord], path: Path) -> None:
    """Write activity records to `path` as one Parquet file."""
    sink = ParquetSink(path)
    sink.add(records)
    sink.close()
