"""The command line: parse options, call the library, print, set the exit code. Nothing else."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import ExtractorError
from .normalise.glossary_cli import glossary_app
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
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Directories (searched recursively) or files to convert.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Directory for documents/, the aggregates and manifest.json.")],
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Files converted at once; default: the number of cores.")] = None,
    formats: Annotated[Optional[list[str]], typer.Option("--formats", help="Aggregates to write, comma-separated: jsonl,csv,parquet,sqlite,datapackage (default all).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Convert every input again, even when its hash is unchanged.")] = False,
    glossary: Annotated[Optional[Path], typer.Option(help="Extra glossary TOML adding or overriding entries.")] = None,
    year: Annotated[Optional[int], typer.Option(help="Programme year to assume when a document does not state one.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no skipped-file lines.")] = False,
    executor: Annotated[str, typer.Option(help="local: processes on this machine; dask: a Dask cluster (extra 'extractor[dask]').")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address; a LocalCluster when absent.")] = None,
    max_file_mb: Annotated[Optional[float], typer.Option(help="Largest input file read, in MB.")] = None,
    max_uncompressed_mb: Annotated[Optional[float], typer.Option(help="Largest unpacked size of a .docx, in MB.")] = None,
    max_pages: Annotated[Optional[int], typer.Option(help="Most pages read from one PDF or image file.")] = None,
    timeout: Annotated[Optional[float], typer.Option(help="Per-file time limit in seconds; an overrunning file is stopped.")] = None,
    max_memory_mb: Annotated[Optional[float], typer.Option(help="Address-space limit of each worker process, in MB.")] = None,
) -> None:
    """Convert a folder of programmes into documents/, activities.{jsonl,csv,parquet}, programmes.sqlite, datapackage.json."""
    from pydantic import ValidationError

    from .batch import BatchError, BatchOptions, BatchUsageError, RichProgress, run_batch, summary_lines
    from .settings import Limits

    megabyte = 1024 * 1024
    limits = {
        "max_file_bytes": None if max_file_mb is None else int(max_file_mb * megabyte),
        "max_uncompressed_bytes": None if max_uncompressed_mb is None else int(max_uncompressed_mb * megabyte),
        "max_pages": max_pages,
        "timeout_seconds": timeout,
        "max_memory_bytes": None if max_memory_mb is None else int(max_memory_mb * megabyte),
    }
    chosen = [name.strip() for value in formats or [] for name in value.split(",") if name.strip()]
    try:
        settings = Settings(limits=Limits(**{k: v for k, v in limits.items() if v is not None}), glossary=glossary, year=year)
        options = BatchOptions(
            inputs=inputs, output=output, force=force, executor=executor, scheduler=scheduler, settings=settings,
            **({"jobs": jobs} if jobs else {}), **({"outputs": tuple(chosen)} if chosen else {}),
        )
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'options'}: {e['msg']}" for e in error.errors())
        typer.echo(f"error: {problems}", err=True)
        raise typer.Exit(2) from None
    progress = None if quiet or not sys.stderr.isatty() else RichProgress()
    try:
        report = run_batch(options, progress)
    except BatchUsageError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    except BatchError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    for line in summary_lines(report, show_skipped=not quiet):
        typer.echo(line, err=True)
    raise typer.Exit(report.exit_code)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


class Language(str, Enum):
    en = "en"
    bg = "bg"


@app.command()
def check(
    files: Annotated[Optional[list[Path]], typer.Argument(help="Draft programmes to check.")] = None,
    profile: Annotated[Optional[str], typer.Option(help="Built-in profile (default, programme, action_plan) or a TOML file; chosen from the document's kind when absent.")] = None,
    year: Annotated[Optional[int], typer.Option(help="Programme year to check against, overriding the document's.")] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="text: one line per finding; json: a list of findings; sarif: SARIF 2.1.0.")] = CheckFormat.text,
    html: Annotated[Optional[Path], typer.Option("--html", help="Also write one self-contained HTML page with the findings marked on the tables.")] = None,
    lang: Annotated[Language, typer.Option(help="Language of the messages.")] = Language.en,
    glossary: Annotated[Optional[Path], typer.Option(help="Extra glossary TOML adding or overriding entries.")] = None,
    rules: Annotated[bool, typer.Option("--rules", help="List the rules (code, severity, name, rationale) and exit.")] = False,
) -> None:
    """Check draft programmes for missing and inconsistent content; exit 1 when any error is found."""
    from .check import ProfileError, check_file, has_errors
    from .check.html import render_html
    from .check.render import render_json, render_rules, render_sarif, render_text

    if rules:
        typer.echo(render_rules(), nl=False)
        return
    if not files:
        typer.echo("error: give at least one FILE to check (or --rules)", err=True)
        raise typer.Exit(2)
    settings = Settings(glossary=glossary, year=year)
    checked, failed = [], 0
    for path in files:
        try:
            checked.append(check_file(path, settings, profile, lang.value))
        except ProfileError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None
        except ExtractorError as error:
            typer.echo(f"error: {error}", err=True)
            failed += 1
    renderers = {"text": lambda: render_text(checked, lang.value), "json": lambda: render_json(checked),
                 "sarif": lambda: render_sarif(checked)}
    sys.stdout.write(renderers[fmt.value]())
    if html is not None:
        temporary = html.with_name(html.name + ".part")
        temporary.write_text(render_html(checked, lang.value), encoding="utf-8", newline="")
        temporary.replace(html)
        typer.echo(f"wrote {html}", err=True)
    if failed or any(has_errors(item.findings) for item in checked):
        raise typer.Exit(1)


@app.command()
def version() -> None:
    """Print the tool version."""
    typer.echo(__version__)


app.add_typer(glossary_app, name="glossary")
