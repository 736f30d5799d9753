"""Seconds per page: plain Tesseract on the page images vs our whole scanned-PDF path, in one run.

    .venv/bin/python bench/ocr.py [samples/sofia-2013-action-plan-scan.pdf ...] [--dpi 300]

Baseline: each page rendered as ours renders it (pypdfium2, grey, same resolution; rendering
counted, as it is in ours) and given to Tesseract once (`image_to_data`, `-l bul`, one OpenMP
thread), pages one after another. Ours: `extractor.api.extract` on the PDF
with one job (render, despeckle, deskew, grid, OCR, repairs, PDF assembly, recognition,
normalisation), then with one job per core. The ratio is ours (one job) over the baseline.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pypdfium2
import pytesseract

from extractor.api import extract
from extractor.readers.ocr import single_threaded_tesseract
from extractor.settings import OcrOptions, Settings

DEFAULT = [Path(__file__).resolve().parent.parent / "samples" / "sofia-2013-action-plan-scan.pdf"]


def plain_ocr(pdf: Path, dpi: int) -> tuple[float, int]:
    """Seconds to render every page of a PDF as ours does (pypdfium2, grey, `dpi`) and give it to Tesseract once."""
    start = time.perf_counter()
    document = pypdfium2.PdfDocument(str(pdf))
    pages = len(document)
    with single_threaded_tesseract():
        for page in document:
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            pytesseract.image_to_data(image, lang="bul", config=f"--psm 3 --dpi {dpi}")
    document.close()
    return time.perf_counter() - start, pages


def our_path(pdf: Path, dpi: int, jobs: int) -> float:
    """Seconds for the whole extraction of a scanned PDF."""
    settings = Settings(ocr=OcrOptions(dpi=dpi, jobs=jobs, progress=False))
    start = time.perf_counter()
    extract(pdf, settings)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--dpi", type=int, default=OcrOptions().dpi)
    args = parser.parse_args()
    import os

    cores = os.cpu_count() or 1
    for pdf in args.pdfs:
        baseline, pages = plain_ocr(pdf, args.dpi)
        ours = our_path(pdf, args.dpi, jobs=1)
        parallel = our_path(pdf, args.dpi, jobs=cores)
        print(f"{pdf.name}: {pages} pages at {args.dpi} dpi")
        print(f"  plain Tesseract      {baseline / pages:6.2f} s/page")
        print(f"  ours, 1 job          {ours / pages:6.2f} s/page   ratio {ours / baseline:.2f}x (target <= 1.3x)")
        print(f"  ours, {cores} jobs         {parallel / pages:6.2f} s/page   ratio {parallel / baseline:.2f}x")


if __name__ == "__main__":
    main()
