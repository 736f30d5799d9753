"""Writers: the document and its flat view as JSON, JSONL and CSV; deterministic bytes."""

from __future__ import annotations

import csv
import io
import json

from ..model.document import Document
from ..model.flat import ActivityRecord, activity_records

FORMATS = ("json", "jsonl", "csv")


def document_json(document: Document) -> str:
    """The full document as pretty JSON with a final newline."""
    return document.model_dump_json(indent=2) + "\n"


def records_jsonl(records: list[ActivityRecord]) -> str:
    """One JSON object per line, keys in contract order, non-ASCII kept readable."""
    return rows_jsonl([r.model_dump(mode="json") for r in records])


def rows_jsonl(rows: list[dict]) -> str:
    """`records_jsonl` of records already dumped in JSON mode."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def _csv_value(value: object) -> object:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def records_csv(records: list[ActivityRecord], *, header: bool = True) -> str:
    """The flat view as CSV (RFC 4180, `\\r\\n`); list columns `;`-joined, nulls empty; header row optional."""
    return rows_csv([r.model_dump(mode="json") for r in records], header=header)


def rows_csv(rows: list[dict], *, header: bool = True) -> str:
    """`records_csv` of records already dumped in JSON mode (keys in contract order)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(ActivityRecord.model_fields)
    writer.writerows([_csv_value(v) for v in row.values()] for row in rows)
    return out.getvalue()


def render(document: Document, fmt: str) -> str:
    """The document in one of FORMATS."""
    if fmt == "json":
        return document_json(document)
    if fmt == "jsonl":
        return records_jsonl(activity_records(document))
    if fmt == "csv":
        return records_csv(activity_records(document))
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
