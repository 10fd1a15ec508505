"""``extract`` and ``ingest``: read inputs, code events, print them or store them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import RealpolitikError
from ..ingest import read_inputs
from ..pipeline import process, run
from ..settings import Settings, default_db_path
from .output import ErrorLog, err_console, event_row, write_events

Inputs = Annotated[list[str], typer.Argument(help="Files, directories, or - for standard input.")]
Actors = Annotated[list[Path], typer.Option("--actors", exists=True, dir_okay=False,
                                           help="Extra actors: TOML, CSV or PETRARCH file.")]
MinConf = Annotated[float, typer.Option(help="Leave out events below this confidence.")]
Lang = Annotated[str | None, typer.Option("--lang", help="Force the language instead of identifying it.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1,
                                       help="Refuse files (and JSON lines) larger than this many bytes.")]
Proposals = Annotated[bool, typer.Option(
    "--proposals", help="Also keep the classifier's low-confidence proposals, and its proposals in "
                        "languages that have a pack.")]
Classifier = Annotated[bool, typer.Option(
    "--classifier/--no-classifier", help="Let the fallback classifier propose events where no lexicon event fires.")]
DEFAULT_MAX_BYTES = Settings().max_bytes


def register(app: typer.Typer) -> None:
    """Add ``extract`` and ``ingest`` to the app."""
    app.command("extract")(extract_cmd)
    app.command("ingest")(ingest_cmd)


def extract_cmd(
    inputs: Inputs,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or table.")] = "jsonl",
    actors: Actors = [],  # noqa: B006 - typer needs a list default
    min_confidence: MinConf = 0.5,
    lang: Lang = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    proposals: Proposals = False,
    classifier: Classifier = True,
) -> None:
    """Code events in INPUT... and print them (stateless: nothing is stored)."""
    if fmt not in ("jsonl", "csv", "table"):
        raise typer.BadParameter("--format must be jsonl, csv or table", param_hint="--format")
    settings = Settings(min_confidence=min_confidence, user_actors=tuple(actors), default_language=lang,
                        max_bytes=max_bytes, include_proposals=proposals, classifier=classifier)
    errors = ErrorLog()
    rows = (event_row(doc, e) for doc, events in run(inputs, settings, on_error=errors) for e in events)
    write_events(rows, fmt)
    raise typer.Exit(errors.exit_code())


def ingest_cmd(
    inputs: Inputs,
    db: Annotated[Path | None, typer.Option(help="DuckDB file (default: $REALPOLITIK_DB or ~/.local/share).")] = None,
    actors: Actors = [],  # noqa: B006
    min_confidence: MinConf = 0.5,
    lang: Lang = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    proposals: Proposals = False,
    classifier: Classifier = True,
) -> None:
    """Code INPUT... and store documents and events in the DuckDB file (idempotent)."""
    from ..store import Store

    settings = Settings(min_confidence=min_confidence, user_actors=tuple(actors), default_language=lang,
                        max_bytes=max_bytes, include_proposals=proposals, classifier=classifier)
    errors = ErrorLog()
    path = db or default_db_path()
    try:
        with Store(path) as store, _progress() as progress:
            added, skipped = _ingest(store, inputs, settings, errors, progress)
    except RealpolitikError as error:
        errors(error)
        raise typer.Exit(1) from None
    err_console.print(f"{added} documents added, {skipped} already stored, {errors.count} skipped → {path}")
    raise typer.Exit(errors.exit_code())


def _ingest(store, inputs: list[str], settings: Settings, errors: ErrorLog, progress: Progress) -> tuple[int, int]:
    task = progress.add_task("ingest", total=None)
    added = skipped = 0
    for doc in read_inputs(inputs, on_error=errors, max_bytes=settings.max_bytes):
        progress.advance(task)
        if store.has_document(doc.id):
            skipped += 1
            continue
        result = process(doc, settings, on_error=errors)
        if result is not None and store.add(*result):
            added += 1
    return added, skipped


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err_console, disable=not sys.stderr.isatty(), transient=True)
