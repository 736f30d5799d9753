"""Regenerate the golden files: `python -m tests.regenerate`. Review the diff like code before committing."""

from __future__ import annotations

from pathlib import Path

from extractor.api import extract
from extractor.schemas import write_schemas
from extractor.writers import render

from .conftest import ACTION_PLAN_2013, PROGRAMME_2021, ROOT

GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLES = (PROGRAMME_2021, ACTION_PLAN_2013)


def golden_texts(sample: Path) -> dict[Path, str]:
    """Golden file path → expected text, for one sample (full JSON and the JSONL flat view)."""
    document = extract(sample.relative_to(ROOT))
    return {GOLDEN / f"{sample.stem}.{fmt}": render(document, fmt) for fmt in ("json", "jsonl")}


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for sample in SAMPLES:
        for path, text in golden_texts(sample).items():
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    for path in write_schemas(ROOT / "schemas"):
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
