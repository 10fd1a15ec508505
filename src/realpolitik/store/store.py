"""``Store``: documents and their events in one embedded DuckDB file, written idempotently.

A document and its events go in one transaction, and a document whose id is already stored is
skipped. Ids are content hashes, so running the same ingest again after a crash or a kill adds
what was missing and duplicates nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from ..model import Document, Event
from . import occurrences as occ
from . import queries
from .schema import migrate

EVENT_COLUMNS = (
    "id", "doc_id", "sentence_index", "source", "source_sector", "source_person", "target",
    "target_sector", "target_person", "type", "mode", "context", "flow", "cameo", "goldstein", "quad",
    "modality", "date", "date_source", "evidence", "evidence_start", "evidence_end", "trigger",
    "trigger_start", "trigger_end", "part", "language", "confidence", "rule", "rule_version", "producer",
    "doc_source",
)
_EVENT_VALUES = f"({', '.join('?' * len(EVENT_COLUMNS))})"
_INSERT_EVENTS = f"INSERT OR IGNORE INTO events ({', '.join(EVENT_COLUMNS)}) VALUES "
_INSERT_DOC = "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_INSERT_RELATED = "INSERT OR IGNORE INTO related VALUES (?, ?, ?, ?)"


def _naive_utc(value: datetime | None) -> datetime | None:
    """A datetime as naive UTC, the way the TIMESTAMP columns hold it."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _doc_row(doc: Document, n_sentences: int | None) -> list[Any]:
    """The ``documents`` row of a Document."""
    return [doc.id, doc.source, doc.title, doc.dateline, _naive_utc(doc.published), doc.language,
            doc.url, doc.text, n_sentences, datetime.now(timezone.utc).replace(tzinfo=None)]


def _event_row(event: Event) -> list[Any]:
    """The ``events`` row of an Event."""
    row = [getattr(event, name) for name in EVENT_COLUMNS]
    row[EVENT_COLUMNS.index("flow")] = list(event.flow)
    return row


class Store:
    """An embedded DuckDB store of documents and events.

    Args:
        path: the DuckDB file; its parent directories are created.
        read_only: open without write access (several readers may share the file).

    Raises:
        StoreError: the file cannot be opened, or has a newer schema.
    """

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._con = self._connect()
        self._pending: list[tuple[str, date | None, str]] = []
        try:
            migrate(self._con, str(self.path), read_only=read_only)
            if not read_only:
                self._transaction(lambda: occ.repair(self._con))
        except BaseException:
            self._con.close()
            raise

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file, turning DuckDB's errors into StoreError."""
        if self.read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such store; run `realpolitik ingest` first")
        try:
            if not self.read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            return duckdb.connect(str(self.path), read_only=self.read_only)
        except (duckdb.Error, OSError) as error:
            raise StoreError(f"{self.path}: cannot open store: {error}") from error

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Write pending occurrences and close the connection (idempotent)."""
        try:
            self.flush()
        finally:
            self._con.close()

    def flush(self) -> int:
        """Bring the occurrences up to date with every added event; returns how many were rewritten.

        Adds queue the events' occurrence keys and refresh them every ``occ.FLUSH_EVENTS`` events,
        on reads of occurrences, and on close, each time in one transaction. A process killed in
        between leaves events without occurrences; the next writable open repairs them.
        """
        if self.read_only or not self._pending:
            return 0
        pending, self._pending = self._pending, []
        try:
            return self._transaction(lambda: occ.refresh(self._con, pending))
        except BaseException:
            self._pending = pending + self._pending
            raise

    def _transaction(self, work: Any) -> Any:
        """Run ``work()`` in one transaction; DuckDB errors become StoreError."""
        self._con.begin()
        try:
            result = work()
            self._con.commit()
        except duckdb.Error as error:
            self._con.rollback()
            raise StoreError(f"{self.path}: write failed: {error}") from error
        except BaseException:
            self._con.rollback()
            raise
        return result

    # -- writes -------------------------------------------------------------------------------

    def add(self, doc: Document, events: Sequence[Event], *, n_sentences: int | None = None) -> bool:
        """Store a document with its events in one transaction.

        Returns:
            True if it was added, False if a document with this id was already stored.
        """
        return self.add_many([(doc, events)], n_sentences=n_sentences) == 1

    def add_many(self, batch: Iterable[tuple[Document, Sequence[Event]]], *,
                 n_sentences: int | None = None) -> int:
        """Store a batch of (document, events) in one transaction; returns how many were new."""
        self._check_writable()
        added, keys = 0, []
        self._con.begin()
        try:
            for doc, events in batch:
                if self._insert(doc, events, n_sentences):
                    added += 1
                    keys += [(occ.occurrence_key(e.source, e.target, e.type, e.modality, e.flow),
                              e.date, e.doc_id) for e in events]
            self._con.commit()
        except duckdb.Error as error:
            self._con.rollback()
            raise StoreError(f"{self.path}: write failed: {error}") from error
        except BaseException:
            self._con.rollback()
            raise
        self._pending += keys
        if len(self._pending) >= occ.FLUSH_EVENTS:
            self.flush()
        return added

    def _insert(self, doc: Document, events: Sequence[Event], n_sentences: int | None) -> int:
        """Insert one document unless present; 1 if inserted, else 0."""
        if self.has_document(doc.id):
            return 0
        self._con.execute(_INSERT_DOC, _doc_row(doc, n_sentences))
        related = [[doc.id, i, r.title, _naive_utc(r.published)] for i, r in enumerate(doc.related)]
        if related:
            self._con.executemany(_INSERT_RELATED, related)
        if events:
            self._insert_events(events)
        return 1

    def _insert_events(self, events: Sequence[Event]) -> None:
        """Insert events with one multi-row statement (DuckDB's executemany is ~5 ms a row)."""
        for start in range(0, len(events), 500):
            chunk = events[start:start + 500]
            params = [value for event in chunk for value in _event_row(event)]
            self._con.execute(_INSERT_EVENTS + ", ".join([_EVENT_VALUES] * len(chunk)), params)

    def rebuild_occurrences(self) -> int:
        """Recompute every occurrence from the stored events in one transaction; returns how many."""
        self._check_writable()
        self._pending = []
        return self._transaction(lambda: occ.rebuild(self._con))

    def _check_writable(self) -> None:
        """Refuse writes on a read-only store with a clear message."""
        if self.read_only:
            raise StoreError(f"{self.path}: store was opened read-only")

    # -- reads --------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this id is stored."""
        row = self._con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone()
        return row is not None

    def counts(self) -> dict[str, int]:
        """Row counts: documents, related, events."""
        return {table: self._scalar(f"SELECT count(*) FROM {table}")
                for table in ("documents", "related", "events")}

    def _scalar(self, sql: str) -> int:
        row = self._con.execute(sql).fetchone()
        return int(row[0]) if row else 0

    def events(self, actor: str | None = None, type: str | None = None, since: date | str | None = None,
               until: date | str | None = None, modality: str | None = None, limit: int | None = None,
               offset: int = 0, language: str | None = None) -> list[dict[str, Any]]:
        """Events, oldest first; ``actor`` matches source or target; dates are inclusive."""
        return queries.events(self._con, actor=actor, type=type, since=since, until=until,
                              modality=modality, limit=limit, offset=offset, language=language)

    def actors(self) -> list[dict[str, Any]]:
        """Every actor code with how often it is source and target, and its first and last date."""
        return queries.actors(self._con)

    def occurrences(self, actor: str | None = None, type: str | None = None, since: date | str | None = None,
                    until: date | str | None = None, modality: str | None = None, a: str | None = None,
                    b: str | None = None, min_sources: int = 1, limit: int | None = None,
                    offset: int = 0) -> list[dict[str, Any]]:
        """Occurrences, oldest first; each row is shaped like an event row (see ``queries.occurrences``)."""
        self.flush()
        return queries.occurrences(self._con, actor=actor, type=type, since=since, until=until,
                                   modality=modality, a=a, b=b, min_sources=min_sources, limit=limit,
                                   offset=offset)

    def occurrence(self, occurrence_id: str) -> dict[str, Any] | None:
        """One occurrence with its ``mentions`` (each with evidence, URL and title); None if unknown."""
        self.flush()
        return queries.occurrence(self._con, occurrence_id)

    def mentions(self, occurrence_ids: list[str]) -> list[dict[str, Any]]:
        """The mentions of the given occurrences: the events with their evidence, outlet, URL, title."""
        self.flush()
        return queries.mentions(self._con, occurrence_ids)

    def documents(self, ids: list[str] | None = None) -> dict[str, dict[str, Any]]:
        """Document rows (without text) by id: source, title, dateline, published, language, url …"""
        return queries.documents(self._con, ids)

    def occurrence_links(self) -> dict[str, str]:
        """Event id → occurrence id, for every stored event."""
        self.flush()
        return queries.occurrence_links(self._con)

    def copy_events(self, path: Path | str, fmt: str, since: date | str | None = None,
                    until: date | str | None = None) -> int:
        """Write events with their occurrence id to a Parquet or CSV file (DuckDB COPY); returns the count.

        Raises:
            StoreError: the file cannot be written.
        """
        self.flush()
        try:
            return queries.copy_events(self._con, str(path), fmt, since=since, until=until)
        except duckdb.Error as error:
            raise StoreError(f"{path}: cannot write {fmt}: {error}") from error

    def occurrence_counts(self) -> dict[str, int]:
        """Row counts: occurrences and occurrence_mentions."""
        self.flush()
        return {table: self._scalar(f"SELECT count(*) FROM {table}")
                for table in ("occurrences", "occurrence_mentions")}

    def dyad(self, a: str, b: str, since: date | str | None = None,
             until: date | str | None = None) -> dict[str, list[dict[str, Any]]]:
        """Both directions between A and B: counts by type, by month, and the events with evidence."""
        self.flush()
        return queries.dyad(self._con, a, b, since=since, until=until)
