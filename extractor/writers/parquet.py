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


def parquet_rows(records: Iterable[ActivityRecord]) -> list[dict]:
    """Activity records as the plain rows Arrow builds its table from (dates stay dates)."""
    return [record.model_dump(mode="python") for record in records]


def records_table(records: Iterable[ActivityRecord]) -> pa.Table:
    """Activity records as an Arrow table with the contract schema."""
    return pa.Table.from_pylist(parquet_rows(records), schema=activity_schema())


class ParquetSink:
    """Streams activity records into one Parquet file, a row group per batch of documents."""

    def __init__(self, path: Path, row_group_size: int = 10_000) -> None:
        self._schema = activity_schema()
        self._writer = pq.ParquetWriter(str(path), self._schema, compression="zstd")
        self._pending: list[dict] = []
        self._row_group_size = row_group_size

    def add(self, records: Iterable[ActivityRecord]) -> None:
        """Queue records; a full batch is written as one row group."""
        self.add_rows(parquet_rows(records))

    def add_rows(self, rows: list[dict]) -> None:
        """Queue rows made by `parquet_rows`; a full batch is written as one row group."""
        self._pending.extend(rows)
        if len(self._pending) >= self._row_group_size:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(pa.Table.from_pylist(self._pending, schema=self._schema))
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
