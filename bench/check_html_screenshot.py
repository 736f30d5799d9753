"""Render the checker's HTML report of both samples in headless Chromium and save screenshots to look at.

    .venv/bin/python bench/check_html_screenshot.py [OUT_DIR]   # default: tmp/check-html (git-ignored)

Needs the Debian package `chromium`. Prints the time to check and render each sample, the page size,
and the screenshot paths: the top of the page with the findings list, and a crop around the first
highlighted error row of the tables (headless Chromium paints nothing when scrolled to an anchor, so
the whole page is shot and the row found by its background colour).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from extractor.check import check_file
from extractor.check.html import render_html

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "samples" / "sofia-2021-programme.txt", ROOT / "samples" / "sofia-2013-action-plan.txt"]


ERROR_ROW = (0xFB, 0xE4, 0xE2)  # tr.row-error background in extractor/check/html.py
HEADER_ROW = (0xEE, 0xEE, 0xEE)  # th background: the first table starts there


def screenshot(page: Path, target: Path, height: int = 1400) -> None:
    """A 1400-pixel-wide PNG of the top `height` pixels of the page by headless Chromium."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("chromium is not installed: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={profile}", f"--window-size=1400,{height}",
                        f"--screenshot={target}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)


def crop_first_error_row(shot: Path, target: Path) -> int | None:
    """Save the 900 pixels around the first error-coloured table row; its y, or None."""
    image = Image.open(shot).convert("RGB")
    edge = image.width - 40  # inside the findings column, right of any text
    tables = next((y for y in range(image.height) if image.getpixel((edge, y)) == HEADER_ROW), image.height)
    y = next((y for y in range(tables, image.height) if image.getpixel((edge, y)) == ERROR_ROW), None)
    if y is not None:
        image.crop((0, max(0, y - 300), image.width, min(image.height, y + 600))).save(target)
    return y


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tmp" / "check-html"
    out.mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES:
        started = time.perf_counter()
        checked = check_file(sample, lang="bg")
        checked_at = time.perf_counter()
        page = out / f"check-{sample.stem}.html"
        page.write_text(render_html([checked], "bg"), encoding="utf-8")
        rendered_at = time.perf_counter()
        print(f"{sample.name}: check {checked_at - started:.3f} s, html {rendered_at - checked_at:.3f} s "
              f"({(rendered_at - checked_at) / (checked_at - started):.2f}× the check), {page.stat().st_size} bytes, "
              f"{len(checked.findings)} findings")
        top = out / f"check-{sample.stem}-top.png"
        screenshot(page, top)
        tall = out / f"check-{sample.stem}-page.png"
        screenshot(page, tall, height=20000)
        row = out / f"check-{sample.stem}-row.png"
        y = crop_first_error_row(tall, row)
        print(f"  wrote {top}, {tall} and {row} (first error row at y={y})")


if __name__ == "__main__":
    main()
