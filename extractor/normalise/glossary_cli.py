"""`extractor glossary`: list and show glossary entries, and find executor pieces the glossary lacks."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Optional, get_args

import typer

from ..errors import ExtractorError
from ..model.normalised import OrganisationType
from .executors import unknown_pieces
from .glossary import Glossary, load_glossary

glossary_app = typer.Typer(
    help="Inspect the organisation glossary; find executor pieces it does not know yet.", no_args_is_help=True
)
GlossaryOption = Annotated[
    Optional[Path], typer.Option("--glossary", help="Extra glossary TOML adding or overriding entries by id.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
SKIPPED_NAMES = (".", "_")


def _load(extra: Path | None) -> Glossary:
    try:
        return load_glossary(extra)
    except ExtractorError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None


def _fields(loaded: Glossary, entry_id: str) -> dict:
    """An entry's fields as the glossary file spells them, `qualified_by` (place/name qualifiers) included."""
    return {**loaded[entry_id].model_dump(), "qualified_by": sorted(loaded.qualified_by.get(entry_id, ()))}


@glossary_app.command("list")
def list_entries(
    type_: Annotated[Optional[str], typer.Option("--type", help="Only entries of this organisation type.")] = None,
    glossary: GlossaryOption = None,
    as_json: JsonOption = False,
) -> None:
    """List glossary entries: id, first abbreviation, type and full name."""
    types = get_args(OrganisationType)
    if type_ is not None and type_ not in types:
        typer.echo(f"error: unknown type {type_!r}; one of: {', '.join(types)}", err=True)
        raise typer.Exit(2)
    loaded = _load(glossary)
    entries = [e for e in loaded.entries.values() if type_ is None or e.type == type_]
    if as_json:
        typer.echo(json.dumps([_fields(loaded, e.id) for e in entries], ensure_ascii=False, indent=2))
        return
    for entry in entries:
        abbreviation = entry.abbreviations[0] if entry.abbreviations else "-"
        typer.echo(f"{entry.id}\t{abbreviation}\t{entry.type}\t{entry.name}")


@glossary_app.command("show")
def show(
    entry_id: Annotated[str, typer.Argument(help="Glossary id, e.g. so or mkbppmn-so.")],
    glossary: GlossaryOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show every field of one glossary entry."""
    loaded = _load(glossary)
    if entry_id not in loaded:
        near = [i for i in loaded.entries if entry_id.lower() in i or i in entry_id.lower()][:5]
        hint = f"; did you mean: {', '.join(near)}" if near else ""
        typer.echo(f"error: no glossary entry {entry_id!r}{hint}", err=True)
        raise typer.Exit(1)
    entry = loaded[entry_id]
    if as_json:
        typer.echo(json.dumps(_fields(loaded, entry_id), ensure_ascii=False, indent=2))
        return
    for name, value in _fields(loaded, entry_id).items():
        if value in (None, []):
            continue
        shown = "; ".join(value) if isinstance(value, list) else value
        typer.echo(f"{name}: {shown}")
    if entry.parent:
        typer.echo(f"ancestors: {' > '.join(loaded.ancestors(entry_id))}")


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and files under directories named, hidden ones skipped, in sorted order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(SKIPPED_NAMES) for part in p.relative_to(path).parts)
            )
        else:
            yield path


def executor_cells(path: Path) -> Iterator[tuple[str, str]]:
    """(file, cell) for every executor and partner cell of the document in a file."""
    from ..api import extract

    document = extract(path)
    if document.annex is None:
        return
    for area in document.annex.areas:
        for goal in area.goals:
            for activity in goal.activities:
                for cell in (activity.executors_raw, getattr(activity, "partners_raw", None)):
                    if cell:
                        yield str(path), cell


@glossary_app.command("unknown")
def unknown(
    paths: Annotated[list[Path], typer.Argument(help="Programme files or directories of them.")],
    glossary: GlossaryOption = None,
    as_json: JsonOption = False,
) -> None:
    """List executor pieces no glossary entry matches, most frequent first, with files and suggestions."""
    loaded = _load(glossary)
    cells: list[tuple[str, str]] = []
    failed = 0
    for path in discover(paths):
        try:
            cells.extend(executor_cells(path))
        except ExtractorError as error:
            failed += 1
            typer.echo(f"skipped: {error}", err=True)
    pieces = unknown_pieces(cells, loaded)
    if as_json:
        rows = [vars(p) for p in pieces]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for piece in pieces:
            suggestions = ", ".join(piece.suggestions) or "-"
            typer.echo(f"{piece.count}\t{piece.raw}\t{', '.join(piece.sources)}\tsuggestions: {suggestions}")
        typer.echo(f"{len(pieces)} unknown pieces in {len(cells)} executor cells", err=True)
    if failed and not cells:
        raise typer.Exit(1)
