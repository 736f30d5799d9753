"""The format-neutral intermediate document every reader produces.

A reader turns one file into a `LayoutDocument`: paragraphs and tables in body
order, each table a grid of cells with spans, every item carrying where it came
from (page, source line, bounding box). Nothing about programmes lives here: the
recogniser reads this and builds the domain model.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

BBox = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in PDF points from the page's top-left corner."""

SourceFormat = Literal["text", "markdown", "html", "docx", "doc", "odt", "rtf", "pdf", "scan", "image"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Origin(_Model):
    """Where a piece of a layout document sits in its source file."""

    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None


class Cell(_Model):
    """One table cell: its cleaned text, the source text it came from, and its grid place."""

    row: int
    col: int
    text: str
    raw: str
    row_span: int = 1
    col_span: int = 1
    header: bool = False
    origin: Origin = Origin()
    confidence: float | None = None


class Table(_Model):
    """A grid of cells; `rows` lists each row's cells left to right."""

    kind: Literal["table"] = "table"
    index: int
    rows: list[list[Cell]]
    origin: Origin = Origin()

    @property
    def n_cols(self) -> int:
        return max((c.col + c.col_span for row in self.rows for c in row), default=0)


class Paragraph(_Model):
    """A run of body text outside tables; `style` is the reader's heading hint if any."""

    kind: Literal["paragraph"] = "paragraph"
    text: str
    raw: str
    style: str | None = None
    origin: Origin = Origin()


Block = Annotated[Paragraph | Table, Field(discriminator="kind")]


class Artefact(_Model):
    """Text a reader removed as page furniture or conversion debris, kept so nothing is lost."""

    reason: Literal[
        "page-number",
        "signature",
        "running-header",
        "table-separator",
        "markup",
        "ocr-repair",
        "empty",
    ]
    raw: str
    origin: Origin = Origin()


class SourceFile(_Model):
    """The file a document was read from."""

    path: str
    name: str
    sha256: str
    size: int
    format: SourceFormat
    encoding: str | None = None
    pages: int | None = None


class LayoutDocument(_Model):
    """What every reader returns: blocks in body order plus what was set aside."""

    source: SourceFile
    blocks: list[Block]
    artefacts: list[Artefact] = []
