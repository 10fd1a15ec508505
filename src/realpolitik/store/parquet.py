"""Parquet parts with the store's own tables and types, and loading them back into a store.

A *parquet output* is a folder that ``realpolitik run`` writes:

    DIR/_realpolitik.json          manifest: format, schema version, partitions (written last)
    DIR/documents/part-00000.parquet
    DIR/related/part-00000.parquet
    DIR/events/part-00000.parquet   …one of each per partition

Each part is ``COPY``-ed from the tables of an in-memory store, so columns and types are those of
``schema.py`` by construction.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb

from ..errors import StoreError
from .schema import SCHEMA_VERSION

MANIFEST = "_realpolitik.json"
FORMAT = "realpolitik-parquet"
TABLES = ("documents", "related", "events")


def part_name(index: int) -> str:
    """The file name of partition ``index``."""
    return f"part-{index:05d}.parquet"


def write_part(con: duckdb.DuckDBPyConnection, output: Path, index: int) -> None:
    """Copy each table to ``output/<table>/part-NNNNN.parquet`` (written aside, then renamed)."""
    for table in TABLES:
        folder = output / table
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / part_name(index)
        partial = folder / f".{final.name}.{os.getpid()}.tmp"
        con.execute(f"COPY {table} TO '{_quote(partial)}' (FORMAT parquet)")
        partial.replace(final)


def write_manifest(output: Path, partitions: int) -> None:
    """Mark the output complete: its format, schema version and number of partitions."""
    manifest = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "partitions": partitions}
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")


def clear_parts(output: Path) -> None:
    """Remove the manifest and the part files of an earlier run (nothing else in the folder)."""
    (output / MANIFEST).unlink(missing_ok=True)
    for table in TABLES:
        for part in (output / table).glob("part-*.parquet"):
            part.unlink()


def is_output(path: Path) -> bool:
    """Whether ``path`` is a folder written by ``realpolitik run`` (it has the manifest)."""
    return (path / MANIFEST).is_file()


def read_manifest(path: Path) -> dict:
    """The manifest of an output folder; StoreError when it is not one this version reads."""
    try:
        manifest = json.loads((path / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise StoreError(f"{path / MANIFEST}: not a realpolitik output manifest: {error}") from None
    if manifest.get("format") != FORMAT:
        raise StoreError(f"{path / MANIFEST}: not a realpolitik output (format {manifest.get('format')!r})")
    if int(manifest.get("schema_version", 0)) > SCHEMA_VERSION:
        raise StoreError(f"{path}: written with schema version {manifest['schema_version']}, but this "
                         f"realpolitik reads up to {SCHEMA_VERSION}; upgrade realpolitik to load it")
    return manifest


def load_part(con: duckdb.DuckDBPyConnection, path: Path, index: int) -> tuple[int, int]:
    """Insert one partition's documents not yet stored, with their related items and events.

    The caller holds the transaction. Returns (documents new, documents in the partition).
    """
    files = {table: str(path / table / part_name(index)) for table in TABLES}
    con.execute("CREATE OR REPLACE TEMP TABLE new_docs AS SELECT DISTINCT id FROM read_parquet(?) "
                "WHERE id NOT IN (SELECT id FROM documents)", [files["documents"]])
    con.execute("INSERT INTO documents BY NAME SELECT * FROM read_parquet(?) "
                "WHERE id IN (SELECT id FROM new_docs)", [files["documents"]])
    con.execute("INSERT OR IGNORE INTO related BY NAME SELECT * FROM read_parquet(?) "
                "WHERE doc_id IN (SELECT id FROM new_docs)", [files["related"]])
    con.execute("INSERT OR IGNORE INTO events BY NAME SELECT * FROM read_parquet(?) "
                "WHERE doc_id IN (SELECT id FROM new_docs)", [files["events"]])
    new = con.execute("SELECT count(*) FROM new_docs").fetchone()
    seen = con.execute("SELECT count(DISTINCT id) FROM read_parquet(?)", [files["documents"]]).fetchone()
    con.execute("DROP TABLE new_docs")
    return (int(new[0]) if new else 0), (int(seen[0]) if seen else 0)


def _quote(path: Path) -> str:
    """A path for a SQL string literal."""
    return str(path).replace("'", "''")
