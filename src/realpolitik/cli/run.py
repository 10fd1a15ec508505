"""``extract`` and ``ingest``: read inputs, code events, print them or store them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import RealpolitikError
from ..pipeline import run
from ..pool import chunks
from ..settings import Settings, default_db_path
from ..store.parquet import is_output
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
Workers = Annotated[int, typer.Option("--workers", min=1, help="Processes that code documents (output order "
                                                             "is the same for any number).")]
DEFAULT_MAX_BYTES = Settings().max_bytes
# Documents written per store transaction: one commit per batch keeps writes cheap, and a kill loses
# at most one uncommitted batch, which the next run codes again.
WRITE_BATCH = 200
Batch = Annotated[int, typer.Option("--batch", min=1, help="Documents written per store transaction.")]


def register(app: typer.Typer) -> None:
    """Add ``extract``, ``ingest`` and ``run`` to the app."""
    app.command("extract")(extract_cmd)
    app.command("ingest")(ingest_cmd)
    app.command("run")(run_cmd)


def extract_cmd(
    inputs: Inputs,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or table.")] = "jsonl",
    actors: Actors = [],  # noqa: B006 - typer needs a list default
    min_confidence: MinConf = 0.5,
    lang: Lang = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    proposals: Proposals = False,
    classifier: Classifier = True,
    workers: Workers = 1,
) -> None:
    """Code events in INPUT... and print them (stateless: nothing is stored)."""
    if fmt not in ("jsonl", "csv", "table"):
        raise typer.BadParameter("--format must be jsonl, csv or table", param_hint="--format")
    settings = Settings(min_confidence=min_confidence, user_actors=tuple(actors), default_language=lang,
                        max_bytes=max_bytes, include_proposals=proposals, classifier=classifier)
    errors = ErrorLog()
    results = run(inputs, settings, on_error=errors, workers=workers)
    rows = (event_row(doc, e) for doc, events in results for e in events)
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
    workers: Workers = 1,
    batch: Batch = WRITE_BATCH,
) -> None:
    """Code INPUT... and store documents and events in the DuckDB file (idempotent; a killed run
    resumes: documents already stored are skipped before coding)."""
    from ..store import Store

    settings = Settings(min_confidence=min_confidence, user_actors=tuple(actors), default_language=lang,
                        max_bytes=max_bytes, include_proposals=proposals, classifier=classifier)
    errors = ErrorLog()
    path = db or default_db_path()
    outputs = [item for item in inputs if is_output(Path(item))]
    inputs = [item for item in inputs if item not in outputs]
    try:
        with Store(path, bulk=True) as store, _progress() as progress:
            added, skipped = _load_outputs(store, outputs)
            more, done = _ingest(store, inputs, settings, errors, progress, workers, batch) if inputs else (0, 0)
            added, skipped = added + more, skipped + done
    except RealpolitikError as error:
        errors(error)
        raise typer.Exit(1) from None
    err_console.print(f"{added} documents added, {skipped} already stored, {errors.count} skipped → {path}")
    raise typer.Exit(errors.exit_code())


def _ingest(store, inputs: list[str], settings: Settings, errors: ErrorLog, progress: Progress,
            workers: int, size: int) -> tuple[int, int]:
    """Code what the store lacks and write it in batches (this process is the one writer)."""
    task = progress.add_task("ingest", total=None)
    skipped = added = 0

    def known(ids: list[str]) -> set[str]:
        nonlocal skipped
        done = store.known_ids(ids)
        skipped += len(done)
        progress.advance(task, len(done))
        return done

    # With coding workers on every core, DuckDB's own threads only compete with them; the occurrence
    # repair at the end has the cores to itself.
    store.set_threads(1 if workers > 1 else None)
    try:
        for batch in chunks(run(inputs, settings, on_error=errors, workers=workers, known=known), size):
            added += store.add_many(batch)
            progress.advance(task, len(batch))
    finally:
        store.set_threads(None)
    return added, skipped


def _load_outputs(store, outputs: list[str]) -> tuple[int, int]:
    """Load parquet output folders of ``realpolitik run``; (documents added, already stored)."""
    added = skipped = 0
    for output in outputs:
        new, old = store.load_output(output)
        added, skipped = added + new, skipped + old
    return added, skipped


def run_cmd(
    inputs: Inputs,
    output: Annotated[Path, typer.Option("--output", file_okay=False,
                                         help="Folder for the Parquet parts (documents/, related/, events/).")],
    engine: Annotated[str, typer.Option(help="dask (a dask.distributed cluster) or local (this process).")] = "dask",
    scheduler: Annotated[str, typer.Option(help="Dask scheduler address (tcp://host:8786), or local for a "
                                                "LocalCluster on this machine.")] = "local",
    workers: Annotated[int | None, typer.Option("--workers", min=1,
                                                help="Worker processes of a local cluster (default: cores).")] = None,
    actors: Actors = [],  # noqa: B006
    min_confidence: MinConf = 0.5,
    lang: Lang = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    proposals: Proposals = False,
    classifier: Classifier = True,
) -> None:
    """Code INPUT... partition by partition on a Dask cluster and write Parquet with the store's schema;
    `realpolitik ingest DIR` loads it into DuckDB."""
    from ..distributed import run_partitions

    if engine not in ("dask", "local"):
        raise typer.BadParameter("--engine must be dask or local", param_hint="--engine")
    settings = Settings(min_confidence=min_confidence, user_actors=tuple(actors), default_language=lang,
                        max_bytes=max_bytes, include_proposals=proposals, classifier=classifier)
    errors = ErrorLog()
    try:
        with _progress() as progress:
            task = progress.add_task("partitions", total=None)
            summary = run_partitions(inputs, output, settings, engine=engine, scheduler=scheduler,
                                     workers=workers, on_error=errors,
                                     on_part=lambda part: progress.advance(task))
    except RealpolitikError as error:
        errors(error)
        raise typer.Exit(1) from None
    err_console.print(f"{summary.documents} documents, {summary.events} events in {summary.partitions} "
                      f"partitions, {errors.count} skipped → {output}")
    raise typer.Exit(errors.exit_code())


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err_console, disable=not sys.stderr.isatty(), transient=True)
