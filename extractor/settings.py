"""Settings models: validated once, passed down instead of long parameter lists."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class Limits(BaseModel):
    """Bounds that keep one bad file from exhausting the machine."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_file_bytes: int = Field(100 * 1024 * 1024, description="largest input file read")
    max_uncompressed_bytes: int = Field(200 * 1024 * 1024, description="largest total unpacked size of a .docx")
    max_pages: int = Field(500, description="most pages read from one PDF or image file")
    timeout_seconds: float = Field(300.0, gt=0, description="per-file time limit in batch mode")
    max_memory_bytes: int = Field(
        2 * 1024 * 1024 * 1024, gt=0, description="address-space limit (RLIMIT_AS) of each batch worker process"
    )


class OcrOptions(BaseModel):
    """How scanned pages and images are recognised (Tesseract)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    language: str = Field("bul", description="Tesseract language model(s), e.g. `bul` or `bul+eng`")
    dpi: int = Field(300, ge=150, le=600, description="resolution scanned PDF pages are rendered at for OCR")
    jobs: int | None = Field(None, ge=1, description="pages recognised in parallel (default: one per core)")
    progress: bool = Field(True, description="show a progress bar on stderr when it is a terminal")


class Settings(BaseModel):
    """Everything a run can be told; the CLI builds one and the library takes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    limits: Limits = Limits()
    glossary: Path | None = Field(None, description="extra glossary TOML adding or overriding entries")
    year: int | None = Field(None, description="programme year to assume when the document does not say")
    ocr: OcrOptions = OcrOptions()
