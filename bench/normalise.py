"""Time normalising every executor, deadline and financing cell of both samples; target 50 ms.

Run: .venv/bin/python bench/normalise.py [--repeat N]
The cells are the hand-listed ones in tests/data/ (every cell of both sample documents). The
glossary is loaded once before timing, as `extract` does; the figure is the median of N runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.normalise import classify_financing, load_glossary, parse_deadline, resolve_executors  # noqa: E402

DATA = ROOT / "tests" / "data"
TARGET_MS = 50.0


def cells(name: str) -> list[str]:
    """Cells of a test data file, comment lines dropped."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith("#")]


def normalise_all(executors: list[str], deadlines: list[str], financing: list[str], glossary) -> None:
    """One pass over every cell, as the document normaliser makes it."""
    for cell in executors:
        resolve_executors(cell, glossary)
    for cell in deadlines:
        parse_deadline(cell, 2021)
    for cell in financing:
        classify_financing(cell, glossary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    repeat = parser.parse_args().repeat
    glossary = load_glossary()
    executors, deadlines, financing = (cells(f"{kind}_cells.txt") for kind in ("executor", "deadline", "financing"))
    normalise_all(executors, deadlines, financing, glossary)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        normalise_all(executors, deadlines, financing, glossary)
        timings.append((time.perf_counter() - start) * 1000)
    median = statistics.median(timings)
    count = len(executors) + len(deadlines) + len(financing)
    verdict = "ok" if median < TARGET_MS else "OVER TARGET"
    print(f"normalise {count} cells ({len(executors)} executor, {len(deadlines)} deadline, {len(financing)} financing)")
    print(f"median {median:.1f} ms over {repeat} runs (min {min(timings):.1f}, max {max(timings):.1f}); target {TARGET_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
