"""The versioned DuckDB schema and its migrations.

``meta.schema_version`` holds the version a file was written with. Opening a file runs every
migration above that version in order; a file from a newer realpolitik is refused.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from ..errors import StoreError
from . import occurrences

DOCUMENTS = """
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY, source VARCHAR, title VARCHAR, dateline VARCHAR, published TIMESTAMP,
    language VARCHAR, url VARCHAR, text VARCHAR, n_sentences INTEGER, ingested_at TIMESTAMP
)"""
RELATED = """
CREATE TABLE IF NOT EXISTS related (
    doc_id VARCHAR, idx INTEGER, title VARCHAR, published TIMESTAMP, PRIMARY KEY (doc_id, idx)
)"""
EVENTS = """
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, doc_id VARCHAR, sentence_index INTEGER,
    source VARCHAR, source_sector VARCHAR, source_person VARCHAR,
    target VARCHAR, target_sector VARCHAR, target_person VARCHAR,
    type VARCHAR, mode VARCHAR, context VARCHAR, flow VARCHAR[], cameo VARCHAR, goldstein DOUBLE,
    quad INTEGER, modality VARCHAR, date DATE, date_source VARCHAR, evidence VARCHAR,
    evidence_start INTEGER, evidence_end INTEGER, trigger VARCHAR, trigger_start INTEGER,
    trigger_end INTEGER, part VARCHAR, language VARCHAR, confidence DOUBLE, rule VARCHAR,
    rule_version VARCHAR, producer VARCHAR, doc_source VARCHAR
)"""
INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
    "CREATE INDEX IF NOT EXISTS events_source ON events (source)",
    "CREATE INDEX IF NOT EXISTS events_target ON events (target)",
)

# Migration n brings a file from version n-1 to n. Append new ones; never edit an old one.
# A step is an SQL statement or a function of the connection (run in the same transaction).
Step = str | Callable[[duckdb.DuckDBPyConnection], object]
MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    (DOCUMENTS, RELATED, EVENTS, *INDEXES),
    # 2: occurrences (one happening reported by many articles) and their mentions, filled from events
    occurrences.MIGRATION,
)
SCHEMA_VERSION = len(MIGRATIONS)


def read_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version stored in the file; 0 for a new, empty file."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchone()
    if not found or not found[0]:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection, path: str, *, read_only: bool = False) -> int:
    """Bring the file at ``path`` to SCHEMA_VERSION; refuse newer files. Returns the old version."""
    version = read_version(con)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store has schema version {version}, but this realpolitik reads up to "
            f"{SCHEMA_VERSION}; upgrade realpolitik to open it"
        )
    if version == SCHEMA_VERSION:
        return version
    if read_only:
        raise StoreError(f"{path}: store has schema version {version} and needs an upgrade to "
                         f"{SCHEMA_VERSION}; open it once for writing (e.g. run ingest)")
    _apply(con, version)
    return version


def _apply(con: duckdb.DuckDBPyConnection, version: int) -> None:
    """Run the migrations after ``version`` in one transaction."""
    con.begin()
    try:
        con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        for statements in MIGRATIONS[version:]:
            for statement in statements:
                if isinstance(statement, str):
                    con.execute(statement)
                else:
                    statement(con)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        con.commit()
    except Exception:
        con.rollback()
        raise
