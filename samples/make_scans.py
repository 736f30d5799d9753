"""Make "scanned" versions of PDFs: rasterise, tilt a fraction of a degree, add mild noise, image-only PDF.

    python samples/make_scans.py samples/sofia-2021-programme.pdf ... [--dpi 200] [--suffix -scan]

Each `X.pdf` becomes `X-scan.pdf` beside it. Pages are rasterised by poppler's `pdftoppm`, each
rotated by a deterministic angle between 0.2° and 0.8° either way, given grain and specks like a
photocopy, saved as grey JPEG and reassembled by img2pdf. The output is checked to have no text
layer (`pdftotext` finds nothing). Everything is seeded from the file name, so reruns are
byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import img2pdf
import numpy as np
from PIL import Image, ImageFilter


def page_angle(rng: np.random.Generator) -> float:
    """A small tilt, as a sheet laid by hand on a scanner: 0.2°–0.8° either way."""
    return float(rng.uniform(0.2, 0.8) * rng.choice((-1.0, 1.0)))


def degrade(image: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Tilt a grey page, soften it a little and add grain and a few dark specks."""
    tilted = image.convert("L").rotate(page_angle(rng), resample=Image.BICUBIC, expand=False, fillcolor=255)
    soft = tilted.filter(ImageFilter.GaussianBlur(radius=0.6))
    pixels = np.asarray(soft, dtype=np.float32)
    pixels = pixels + rng.normal(0.0, 6.0, pixels.shape)
    specks = rng.random(pixels.shape) < 0.0004
    pixels[specks] = rng.uniform(0, 90, int(specks.sum()))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def rasterise(pdf: Path, dpi: int, workdir: Path) -> list[Path]:
    """Render every page of a PDF to a grey PNG with poppler's pdftoppm."""
    prefix = workdir / "page"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True)
    return sorted(workdir.glob("page*.png"), key=lambda p: int(p.stem.split("-")[-1]))


def has_text_layer(pdf: Path) -> bool:
    """True when pdftotext finds any letter in the PDF."""
    result = subprocess.run(["pdftotext", "-q", str(pdf), "-"], check=True, capture_output=True, text=True)
    return any(ch.isalpha() for ch in result.stdout)


def make_scan(pdf: Path, out: Path, dpi: int = 200) -> int:
    """Write a scanned-looking, image-only copy of `pdf` to `out`; returns the page count."""
    seed = int.from_bytes(hashlib.sha256(pdf.name.encode()).digest()[:8], "big")
    rng = np.random.default_rng(seed)
    pages: list[bytes] = []
    with tempfile.TemporaryDirectory() as tmp:
        for png in rasterise(pdf, dpi, Path(tmp)):
            with Image.open(png) as image:
                scanned = degrade(image, rng)
            buffer = io.BytesIO()
            scanned.save(buffer, format="JPEG", quality=60, dpi=(dpi, dpi))
            pages.append(buffer.getvalue())
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    out.write_bytes(img2pdf.convert(pages, layout_fun=layout, nodate=True, engine=img2pdf.Engine.internal))
    if has_text_layer(out):
        raise SystemExit(f"error: {out}: the scan still has a text layer")
    return len(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="+", type=Path)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--suffix", default="-scan")
    args = parser.parse_args(argv)
    for pdf in args.pdfs:
        out = pdf.with_name(f"{pdf.stem}{args.suffix}.pdf")
        count = make_scan(pdf, out, args.dpi)
        print(f"{out}: {count} pages, {out.stat().st_size // 1024} KiB, no text layer", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
