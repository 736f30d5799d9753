"""Reader cost per format next to the raw cost of the library underneath, measured in the same run.

Run: .venv/bin/python bench/readers.py [--repeats N] [--clock wall|cpu]

For each sample rendering (samples/*.docx, samples/*.pdf) and the .txt it came from:
* ours: `extractor.readers.read` (the reader alone) and `extractor.api.extract` (reader, recogniser,
  normalisers: the whole pipeline);
* raw: for .docx, python-docx loading the file and reading the text of every cell of every table;
  for .pdf, pdfplumber opening the file and running its own `extract_tables()` on every page.
Milliseconds are the median of N runs, each after clearing the process-wide caches our code keeps
by text (so a repeat never reads the previous run's results; caches of static data such as the
built-in glossary stay); "per page" divides by the PDF's page count (a .docx has no
pages; its PDF print's count is used). Targets: the PDF pipeline within 1.5x raw pdfplumber, a
.docx programme of this size under 30 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.api import extract  # noqa: E402
from extractor.readers import read  # noqa: E402

SAMPLES = ROOT / "samples"
NAMES = ["sofia-2021-programme", "sofia-2013-action-plan"]
PDF_TARGET_RATIO = 1.5
DOCX_TARGET_MS = 30.0


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
clock = CLOCKS["wall"]
# Caches of data that does not depend on the document: loaded once per process in real use too.
STATIC_CACHES = {"_builtin_tables", "_builtin_glossary", "require_tesseract", "load_dictionary", "code_sha256",
                 "catalogue"}


def text_caches() -> list:
    """Every `functools` cache in the package's modules except those of static data."""
    caches = []
    for name, module in sorted(sys.modules.items()):
        if name == "extractor" or name.startswith("extractor."):
            for attribute, value in sorted(vars(module).items()):
                if hasattr(value, "cache_clear") and getattr(value, "__module__", None) == name \
                        and attribute not in STATIC_CACHES:
                    caches.append(value)
    return caches


def median_ms(action, repeats: int) -> float:
    """Median time of an action in milliseconds (wall or this process's CPU clock), after one warm-up run."""
    action()
    caches = text_caches()
    times = []
    for _ in range(repeats):
        for cache in caches:
            cache.cache_clear()
        start = clock()
        action()
        times.append((clock() - start) * 1000)
    return statistics.median(times)


def raw_docx(path: Path) -> None:
    """python-docx alone: load the file and read every cell's text."""
    import docx

    document = docx.Document(path)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                cell.text  # noqa: B018


def raw_pdf(path: Path) -> None:
    """pdfplumber alone: its own table extraction over every page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                        help="wall time, or this process's CPU time (steadier on a machine shared with other work)")
    args = parser.parse_args()
    global clock
    clock = CLOCKS[args.clock]
    print(f"clock: {args.clock}")
    print(f"{'file':36} {'pages':>5} {'raw ms':>9} {'reader ms':>10} {'pipeline ms':>12} {'ms/page':>8} "
          f"{'reader/raw':>10} {'pipeline/raw':>12}")
    verdicts = []
    for name in NAMES:
        pages = page_count(SAMPLES / f"{name}.pdf")
        for suffix, raw in ((".txt", None), (".docx", raw_docx), (".pdf", raw_pdf)):
            path = SAMPLES / f"{name}{suffix}"
            repeats = args.repeats if suffix == ".pdf" else args.repeats * 10
            reader_ms = median_ms(lambda: read(path), repeats)
            pipeline_ms = median_ms(lambda: extract(path), repeats)
            raw_ms = median_ms(lambda: raw(path), repeats) if raw else None
            ratio = f"{reader_ms / raw_ms:10.2f} {pipeline_ms / raw_ms:12.2f}" if raw_ms else f"{'':10} {'':12}"
            raw_text = f"{raw_ms:9.1f}" if raw_ms else f"{'-':>9}"
            print(f"{path.name:36} {pages:5d} {raw_text} {reader_ms:10.1f} {pipeline_ms:12.1f} "
                  f"{pipeline_ms / pages:8.1f} {ratio}")
            if suffix == ".pdf":
                verdicts.append(f"{path.name}: pipeline/raw pdfplumber {pipeline_ms / raw_ms:.2f} "
                                f"(target <= {PDF_TARGET_RATIO}) {'met' if pipeline_ms / raw_ms <= PDF_TARGET_RATIO else 'MISSED'}")
            if suffix == ".docx":
                verdicts.append(f"{path.name}: reader {reader_ms:.1f} ms (target < {DOCX_TARGET_MS:.0f} ms) "
                                f"{'met' if reader_ms < DOCX_TARGET_MS else 'MISSED'}; whole pipeline "
                                f"{pipeline_ms:.1f} ms {'met' if pipeline_ms < DOCX_TARGET_MS else 'MISSED'}")
    print()
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
