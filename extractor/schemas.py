"""JSON Schemas of the published models, generated from the pydantic contract."""

from __future__ import annotations

import json
from pathlib import Path

from .model.document import Document
from .model.flat import ActivityRecord
from .model.layout import LayoutDocument

SCHEMAS = {
    "document.schema.json": Document,
    "activity.schema.json": ActivityRecord,
    "layout.schema.json": LayoutDocument,
}


def schema_texts() -> dict[str, str]:
    """File name → schema JSON text, stable bytes."""
    texts = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema(mode="serialization")
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": name, **schema}
        texts[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return texts


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema into `directory`; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
