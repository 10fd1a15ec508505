"""Partition the inputs, code each partition with ``pipeline.run()``, write Parquet parts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, RealpolitikError
from ..ingest.files import expand
from ..pipeline import run
from ..pool import chunks
from ..settings import Settings
from ..store import Store
from ..store.parquet import clear_parts, write_manifest

ErrorHandler = Callable[[RealpolitikError], None]
# Input files per partition. A partition is one task: enough files that scheduling costs little per
# file, few enough that a cluster of dozens of workers gets many tasks from a day of files.
FILES_PER_PARTITION = 16
BIG_FILE = 4 * 2**20  # bytes; a file this large (a JSON Lines dump, a Parquet table) is a partition alone
# Documents per store transaction inside a partition (an in-memory store; only the copy is on disk).
WRITE_BATCH = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class PartResult:
    """What one partition did: documents and events written, and the errors met, in order."""

    index: int
    documents: int
    events: int
    errors: tuple[RealpolitikError, ...] = ()


@dataclass(slots=True, kw_only=True)
class RunSummary:
    """What a run did over all partitions."""

    partitions: int = 0
    documents: int = 0
    events: int = 0
    errors: list[RealpolitikError] = field(default_factory=list)


def partitions(inputs: Iterable[str], on_error: ErrorHandler,
               files_per_partition: int = FILES_PER_PARTITION) -> list[list[str]]:
    """Input files grouped into partitions, in input order (directories walked, sorted).

    A big file (JSON Lines, Parquet) is one partition on its own; small files are grouped.
    """
    parts: list[list[str]] = []
    small: list[str] = []
    for item in inputs:
        for path in _expand(item, on_error):
            if _size(path) >= BIG_FILE:
                parts.append([str(path)])
            else:
                small.append(str(path))
                if len(small) == files_per_partition:
                    parts.append(small)
                    small = []
    return parts + [small] if small else parts


def _size(path: Path) -> int:
    """The file's size in bytes (0 when it cannot be read: its reader will say why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _expand(item: str, on_error: ErrorHandler) -> Iterator[Path]:
    """The files of one input; standard input cannot be partitioned."""
    if item == "-":
        on_error(InputError("<stdin>", "standard input cannot be split into partitions; write it to a file"))
        return
    yield from expand(Path(item), on_error)


def code_partition(index: int, files: list[str], settings: Settings, output: str) -> PartResult:
    """Code one partition and write its Parquet parts (runs on a worker)."""
    errors: list[RealpolitikError] = []
    documents = events = 0
    with Store(":memory:") as store:
        for batch in chunks(run(files, settings, on_error=errors.append), WRITE_BATCH):
            documents += store.add_many(batch)
            events += sum(len(found) for _, found in batch)
        store.write_part(Path(output), index)
    return PartResult(index=index, documents=documents, events=events, errors=tuple(errors))


def run_partitions(inputs: Iterable[str], output: Path, settings: Settings, *, engine: str = "dask",
                   scheduler: str = "local", workers: int | None = None, on_error: ErrorHandler,
                   on_part: Callable[[PartResult], None] | None = None,
                   files_per_partition: int = FILES_PER_PARTITION) -> RunSummary:
    """Code every partition and write a parquet output folder, manifest last.

    Args:
        inputs: files and directories.
        output: the output folder (created; part files of an earlier run are replaced).
        settings: the run's settings.
        engine: "dask" (a dask.distributed cluster) or "local" (this process, one partition at a time).
        scheduler: with dask, a scheduler address ("tcp://host:8786") or "local" for a LocalCluster.
        workers: with a local cluster, its worker processes (default: one per core).
        on_error: called with each error, partition by partition in input order.
        on_part: called as each partition finishes (progress).
        files_per_partition: small files grouped into one partition.

    Returns:
        The run's summary.
    """
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    clear_parts(output)
    parts = partitions(inputs, on_error, files_per_partition)
    if engine == "local":
        results = (code_partition(i, files, settings, str(output)) for i, files in enumerate(parts))
        summary = _gather(results, len(parts), on_error, on_part)
    elif engine == "dask":
        from .dask import map_partitions

        summary = _gather(map_partitions(parts, settings, str(output), scheduler, workers), len(parts),
                          on_error, on_part)
    else:
        raise ValueError(f"unknown engine {engine!r} (dask or local)")
    write_manifest(output, len(parts))
    return summary


def _gather(results: Iterable[PartResult], count: int, on_error: ErrorHandler,
            on_part: Callable[[PartResult], None] | None) -> RunSummary:
    """Sum the partitions' results; report their errors in partition order."""
    summary = RunSummary(partitions=count)
    for result in _ordered(results):
        summary.documents += result.documents
        summary.events += result.events
        for error in result.errors:
            summary.errors.append(error)
            on_error(error)
        if on_part is not None:
            on_part(result)
    return summary


def _ordered(results: Iterable[PartResult]) -> Iterator[PartResult]:
    """Results in partition order, released as soon as the ones before them are in."""
    waiting: dict[int, PartResult] = {}
    following = 0
    for result in results:
        waiting[result.index] = result
        while following in waiting:
            yield waiting.pop(following)
            following += 1
