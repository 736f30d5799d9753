"""A Frictionless Data Package descriptor for the published activities CSV, built from the contract model."""

from __future__ import annotations

import datetime as dt
import json
import types
import typing

from .. import __version__
from ..model.flat import ActivityRecord

_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", dt.date: "date"}

DESCRIPTIONS = {
    "document_id": "Id of the source document: the first 16 hex digits of its SHA-256.",
    "source": "File name of the source document.",
    "kind": "programme or action_plan.",
    "year": "Programme year.",
    "area": "Priority area (or strategic goal) number, Roman numerals converted.",
    "area_title": "Priority area title as printed.",
    "goal": "Goal number or Cyrillic letter.",
    "goal_text": "Goal text as printed.",
    "activity": "Activity number without its last dot; empty where a goal has one unnumbered activity.",
    "activity_text": "Activity text as printed.",
    "executors_raw": "Executor cell text as printed.",
    "executors": "Glossary ids of the executors recognised in the lead and partner cells, each once, lead cell first.",
    "financing_raw": "Financing cell text as printed.",
    "financing": "Financing category codes.",
    "deadline_raw": "Deadline cell text as printed.",
    "deadline_start": "First day the deadline covers.",
    "deadline_end": "Last day the deadline covers.",
    "expected_result": "Expected result (action plans).",
    "page": "Source page of the activity row.",
    "table": "Source table index.",
    "row": "Source table row index.",
    "line": "Source line of the activity row (converted text).",
    "deadline_kind": "How the deadline was read: year, date, range, until, permanent, …",
    "partners_raw": "Partner cell text as printed.",
    "budget_raw": "Budget cell text as printed (amounts, sources).",
    "indicators_raw": "Indicator cell text as printed.",
    "extra_raw": "Cells of columns with no role of ours, one 'header: text' line each.",
    "partners": "Glossary ids of the executors recognised in the partner cell, each once, in cell order.",
    "amount": "The activity's sum of money: the total of its budget cell, else of its financing cell; a range's lower end.",
    "amount_max": "Upper end of the amount when the cell gives a range.",
    "currency": "ISO code of the amount's currency (BGN, EUR, USD).",
}


def field_descriptor(name: str, annotation: object) -> dict:
    """A Table Schema field for one model field: list fields are `;`-joined strings in the CSV."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        (annotation,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        origin = typing.get_origin(annotation)
    field: dict = {"name": name, "type": "string" if origin is list else _TYPES[annotation]}  # type: ignore[index]
    description = DESCRIPTIONS.get(name)
    if origin is list:
        description = f"{description or name} Values joined by ';'."
    if description:
        field["description"] = description
    return field


def activity_table_schema() -> dict:
    """The Table Schema of the activities CSV, fields in contract order."""
    fields = [field_descriptor(name, f.annotation) for name, f in ActivityRecord.model_fields.items()]
    return {"fields": fields, "missingValues": [""]}


def datapackage_descriptor(csv_path: str, csv_sha256: str, csv_bytes: int) -> dict:
    """The data package: one tabular resource, the CSV, with its hash and size so a reader can check it."""
    return {
        "profile": "tabular-data-package",
        "name": "child-protection-programme-activities",
        "title": "Activities of municipal child-protection programmes and action plans",
        "version": __version__,
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "activities",
                "path": csv_path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": csv_bytes,
                "hash": f"sha256:{csv_sha256}",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
                "schema": activity_table_schema(),
            }
        ],
    }


def datapackage_json(csv_path: str, csv_sha256: str, csv_bytes: int) -> str:
    """The descriptor as pretty JSON with a final newline; stable bytes."""
    return json.dumps(datapackage_descriptor(csv_path, csv_sha256, csv_bytes), ensure_ascii=False, indent=2) + "\n"
