"""Parquet article tables, read lazily in batches through DuckDB (no pyarrow needed).

The columns are those of JSON Lines records: ``id``, ``text``, ``title``, ``published``, ``url`` and
``lang`` (``text`` is required; the others may be absent). A bad row goes to ``on_error`` naming the
file and the row number, and the rest go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from ..errors import InputError
from ..model import Document
from .jsonl import megabytes, record_document

ErrorHandler = Callable[[InputError], None]
COLUMNS = ("id", "text", "title", "published", "url", "lang")
BATCH = 512  # rows fetched at a time: a few MB of 3 KB articles, whatever the file's size


def read_parquet(path: Path, *, on_error: ErrorHandler, max_bytes: int) -> Iterator[Document]:
    """The documents of a Parquet file, ``BATCH`` rows at a time; row numbers count from 1."""
    source = str(path)
    con = duckdb.connect()
    try:
        names = _columns(con, path)
        if "text" not in names:
            raise InputError(source, f'no "text" column (columns: {", ".join(names) or "none"})')
        wanted = [c for c in COLUMNS if c in names]
        select = ", ".join(f'"{c}"' for c in wanted)
        cursor = con.execute(f"SELECT {select} FROM read_parquet(?)", [source])
        number = 0
        while rows := cursor.fetchmany(BATCH):
            for row in rows:
                number += 1
                doc = _row_document(dict(zip(wanted, row, strict=True)), source, number, on_error, max_bytes)
                if doc is not None:
                    yield doc
    finally:
        con.close()


def _columns(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """The file's column names; InputError when it is not a Parquet file."""
    try:
        cursor = con.execute("SELECT * FROM read_parquet(?) LIMIT 0", [str(path)])
    except duckdb.Error as error:
        raise InputError(str(path), f"not a readable Parquet file: {str(error).splitlines()[0]}") from None
    return [d[0] for d in cursor.description]


def _row_document(record: dict[str, Any], source: str, number: int, on_error: ErrorHandler,
                  max_bytes: int) -> Document | None:
    """One row as a Document; None (after ``on_error``) when it is not a valid article."""
    try:
        text = record.get("text")
        if isinstance(text, str) and len(text) > max_bytes:
            raise InputError(source, f"row text is over the limit of {megabytes(max_bytes)} MB", number)
        return record_document({k: v for k, v in record.items() if v is not None}, source, number)
    except InputError as error:
        on_error(error)
        return None
