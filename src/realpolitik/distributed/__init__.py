"""The same pipeline over partitions of the input, on a Dask cluster or in this process.

    realpolitik run --engine dask --scheduler local INPUT... --output DIR
    realpolitik ingest DIR          # load DIR into DuckDB, idempotently

Each partition is a list of input files. A task runs ``pipeline.run()`` over its files and writes
one Parquet part per table (``documents/``, ``related/``, ``events/``) with the store's schema.
"""

from .runner import RunSummary, partitions, run_partitions

__all__ = ["RunSummary", "partitions", "run_partitions"]
