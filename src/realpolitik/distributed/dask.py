"""Run partitions on a ``dask.distributed`` cluster: a scheduler address, or a LocalCluster."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import EngineError
from ..settings import Settings
from .runner import PartResult, code_partition

# Tasks submitted ahead of the finished ones: keeps the cluster busy without holding every future.
AHEAD_PER_WORKER = 4


def map_partitions(parts: list[list[str]], settings: Settings, output: str, scheduler: str,
                   workers: int | None) -> Iterator[PartResult]:
    """Results of ``code_partition`` over ``parts`` on the cluster, as they finish."""
    try:
        from distributed import as_completed
    except ImportError:
        raise EngineError("the dask engine needs dask.distributed: pip install 'realpolitik[distributed]'") \
            from None
    with _client(scheduler, workers) as client:
        pending = enumerate(parts)
        ahead = AHEAD_PER_WORKER * max(1, len(client.nthreads()))
        futures = as_completed()
        for index, files in pending:
            futures.add(client.submit(code_partition, index, files, settings, output, pure=False))
            if futures.count() >= ahead:
                yield next(futures).result()
        for future in futures:
            yield future.result()


@contextmanager
def _client(scheduler: str, workers: int | None) -> Iterator:
    """A client on the scheduler at ``scheduler``, or on a fresh LocalCluster for "local"."""
    from distributed import Client, LocalCluster

    if scheduler != "local":
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as error:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        with client:
            yield client
        return
    n = workers or os.cpu_count() or 1
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client
