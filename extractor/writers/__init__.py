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
    return "".join(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n" for r in records)


def _csv_value(value: object) -> object:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def records_csv(records: list[ActivityRecord], *, header: bool = True) -> str:
    """The flat view as CSV (RFC 4180, `\\r\\n`); list columns `;`-joined, nulls empty; header row optional."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(ActivityRecord.model_fields), lineterminator="\r\n")
    if header:
        writer.writeheader()
    for record in records:
        writer.writerow({k: _csv_value(v) for k, v in record.model_dump(mode="json").items()})
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
