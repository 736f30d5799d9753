"""Time the checker's rules against the extraction they run on, both samples, in one run.

    .venv/bin/python bench/check_rules.py [REPEATS]

Prints, per sample, the median time to extract (read, recognise, normalise: the baseline), to run every
rule, and to render text, JSON, SARIF and HTML, each as a ratio to the extraction.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from extractor.api import extract
from extractor.check import run_rules, select_profile
from extractor.check.engine import CheckedDocument
from extractor.check.html import render_html
from extractor.check.render import render_json, render_sarif, render_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "samples" / "sofia-2021-programme.txt", ROOT / "samples" / "sofia-2013-action-plan.txt"]


def median_seconds(action, repeats: int) -> float:
    """Median wall time of `repeats` calls."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    for sample in SAMPLES:
        document = extract(sample)
        profile = select_profile(document)
        checked = CheckedDocument(document, profile, run_rules(document, profile))
        baseline = median_seconds(lambda: extract(sample), repeats)
        timings = {
            "rules": median_seconds(lambda: run_rules(document, profile), repeats),
            "text": median_seconds(lambda: render_text([checked]), repeats),
            "json": median_seconds(lambda: render_json([checked]), repeats),
            "sarif": median_seconds(lambda: render_sarif([checked]), repeats),
            "html": median_seconds(lambda: render_html([checked]), repeats),
        }
        print(f"{sample.name}: extract {baseline * 1000:.1f} ms (baseline), {len(checked.findings)} findings")
        for name, seconds in timings.items():
            print(f"  {name:<6} {seconds * 1000:7.2f} ms  {seconds / baseline:5.2f}× extract")


if __name__ == "__main__":
    main()
