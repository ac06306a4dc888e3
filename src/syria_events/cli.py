"""The `syria-events` command: a thin wrapper over the Python API, command for command."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from syria_events import pipeline
from syria_events.errors import InputError, SyriaEventsError
from syria_events.ingest import MAX_ARTICLE_BYTES
from syria_events.paths import default_release
from syria_events.validate import FRICTIONLESS_ROW_LIMIT

app = typer.Typer(
    help="Build, validate and inspect syria-events, a Frictionless Data Package of Parquet tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]


def _emit(data: dict, as_json: bool, human: str) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str) if as_json else human)


def _fail(err: SyriaEventsError, as_json: bool) -> None:
    data = {"ok": False, "error": err.as_dict() if isinstance(err, InputError) else {"message": str(err)}}
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    typer.echo(f"error: {err}", err=True)
    raise typer.Exit(1)


@app.command()
def build(
    sources: Annotated[
        Path | None,
        typer.Option(
            "--sources", help="Corpus directory (articles.csv + articles/). Default: the project's corpus."
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Release directory to (re)place. Default: build/.")
    ] = None,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Show a progress bar.")
    ] = None,
    max_article_bytes: Annotated[
        int, typer.Option("--max-article-bytes", min=1, help="Refuse any article file larger than this.")
    ] = MAX_ARTICLE_BYTES,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, help="Processes for extraction (default: one per CPU; 1: in-process)."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Build a release: ingest, extract, assemble, validate, then publish atomically.

    On any error nothing is replaced: the previous release stays as it was.
    """
    try:
        result = pipeline.build(
            sources, out, progress=progress, max_article_bytes=max_article_bytes, workers=workers
        )
    except SyriaEventsError as err:
        _fail(err, as_json)
        return
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    rows = ", ".join(f"{k} {v}" for k, v in result.rows.items())
    data = {"ok": True, "out": str(result.out), "descriptor": str(result.descriptor), "rows": result.rows}
    _emit(
        {**data, "warnings": result.warnings},
        as_json,
        f"built {result.out} ({rows}); validated",
    )


@app.command()
def validate(
    release: Annotated[Path | None, typer.Argument(help="Release directory (default: build/).")] = None,
    frictionless_rows: Annotated[
        int,
        typer.Option(
            "--frictionless-rows",
            min=0,
            help="Rows per resource that the frictionless stage reads (0: all). Other stages read every row.",
        ),
    ] = FRICTIONLESS_ROW_LIMIT,
    as_json: JsonOpt = False,
) -> None:
    """Validate a release: frictionless checks, pandera checks, then integrity across tables
    (keys, foreign keys, evidence offsets, file sizes and sha256). Exit 0 only if all pass."""
    from syria_events.validate import validate_release

    report = validate_release(release or default_release(), frictionless_rows=frictionless_rows)
    _emit(report.as_dict(), as_json, report.text())
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def schema(
    write: Annotated[
        bool, typer.Option("--write", help="Regenerate schema/tableschemas/*.json and CODEBOOK.md.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if the generated files are out of date.")
    ] = False,
) -> None:
    """Show or regenerate the files derived from schema/schema.yaml."""
    from syria_events.paths import schema_dir
    from syria_events.schema import generated_files, load_schema, write_generated

    s = load_schema()
    if write:
        for p in write_generated(s):
            typer.echo(f"wrote {p}")
        return
    stale = []
    for rel, content in generated_files(s).items():
        path = schema_dir() / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            stale.append(rel)
    if check:
        for rel in stale:
            typer.echo(f"out of date: schema/{rel}", err=True)
        raise typer.Exit(1 if stale else 0)
    typer.echo(
        f"schema {s.version}: " + ", ".join(f"{t.name} ({len(t.fields)} columns)" for t in s.tables.values())
    )


@app.command()
def info(
    release: Annotated[Path | None, typer.Argument(help="Release directory (default: build/).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Summarise a release: version, tables and row counts."""
    from syria_events.load import _resolve, load_package

    _, descriptor = _resolve(release)
    tables = load_package(release)
    rows = {k: v.height for k, v in tables.items()}
    data = {
        "name": descriptor["name"],
        "version": descriptor["version"],
        "schema_version": descriptor.get("schema_version"),
        "rows": rows,
    }
    human = f"{data['name']} {data['version']} (schema {data['schema_version']})\n" + "\n".join(
        f"  {k:<11} {v:>6} rows" for k, v in rows.items()
    )
    _emit(data, as_json, human)


@app.command()
def evaluate(
    layer: Annotated[str, typer.Argument(help="places, actors, events or statements.")],
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Score only this set: corpus, or a folder under tests/ (repeatable). Default: every set.",
        ),
    ] = None,
    details: Annotated[bool, typer.Option("--details", help="List every miss and false alarm.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Score an extractor against the hand-made gold: the corpus, and the paragraph sets under
    tests/ written for testing (each set's README says whether it was tuned on)."""
    import importlib

    try:
        module = importlib.import_module(f"syria_events.evaluate.{layer}")
    except ModuleNotFoundError:
        typer.echo(f"error: no evaluation for {layer!r}", err=True)
        raise typer.Exit(2) from None
    from syria_events.evaluate.common import paragraph_sets, set_cases

    known = ["corpus", *paragraph_sets()]
    unknown = [name for name in sets or [] if name not in known]
    if unknown:
        typer.echo(f"error: no test set {unknown[0]!r}; known: {', '.join(known)}", err=True)
        raise typer.Exit(2)
    data = {}
    for name in sets or known:
        found = list(set_cases(name, layer))
        if found:
            data[name] = module.evaluate(found, details=details)
    typer.echo(json.dumps(data, ensure_ascii=False, indent=None if as_json else 2, default=str))


def main() -> None:  # pragma: no cover
    app(prog_name="syria-events")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
