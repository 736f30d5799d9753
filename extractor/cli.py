"""The command line: parse options, call the library, print, set the exit code. Nothing else."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import ExtractorError
from .settings import Settings

app = typer.Typer(
    help="Bulgarian municipal child-protection programmes to structured, validated data.",
    no_args_is_help=True,
    add_completion=False,
)


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Files to read (.txt, .md; more formats as readers land).")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Directory for <name>.<format> files; stdout when absent.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="json: the full document; jsonl/csv: one record per activity.")] = OutputFormat.json,
    glossary: Annotated[Optional[Path], typer.Option(help="Extra glossary TOML adding or overriding entries.")] = None,
    year: Annotated[Optional[int], typer.Option(help="Programme year to assume when the document does not state one.")] = None,
) -> None:
    """Extract programme documents into JSON, JSONL or CSV."""
    from .api import extract as extract_document
    from .writers import render

    settings = Settings(glossary=glossary, year=year)
    failed = 0
    for path in files:
        try:
            text = render(extract_document(path, settings), fmt.value)
        except ExtractorError as error:
            typer.echo(f"error: {error}", err=True)
            failed += 1
            continue
        if output is None:
            sys.stdout.write(text)
            continue
        output.mkdir(parents=True, exist_ok=True)
        target = output / f"{path.stem}.{fmt.value}"
        temporary = target.with_name(target.name + ".part")
        temporary.write_text(text, encoding="utf-8", newline="")
        temporary.replace(target)
        typer.echo(f"wrote {target}", err=True)
    if failed:
        raise typer.Exit(1)


@app.command()
def schema(
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Directory to write the schemas into.")] = None,
) -> None:
    """Write (or print) the JSON Schemas of the document and the activity view."""
    from .schemas import schema_texts, write_schemas

    if output is None:
        for name, text in schema_texts().items():
            typer.echo(f"# {name}")
            typer.echo(text, nl=False)
        return
    for path in write_schemas(output):
        typer.echo(f"wrote {path}", err=True)


@app.command()
def version() -> None:
    """Print the tool version."""
    typer.echo(__version__)


def _mount_optional() -> None:
    try:
        from .normalise.glossary_cli import glossary_app
    except ImportError:
        return
    app.add_typer(glossary_app, name="glossary")


_mount_optional()
