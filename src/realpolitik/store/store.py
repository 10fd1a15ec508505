"""``Store``: documents and their events in one embedded DuckDB file, written idempotently.

A document and its events go in one transaction, and a document whose id is already stored is
skipped. Ids are content hashes, so running the same ingest again after a crash or a kill adds
what was missing and duplicates nothing.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from ..model import Document, Event
from . import occurrences as occ
from . import parquet, queries
from .schema import SCHEMA_VERSION, migrate

EVENT_COLUMNS = (
    "id", "doc_id", "sentence_index", "source", "source_sector", "source_person", "target",
    "target_sector", "target_person", "type", "mode", "context", "flow", "cameo", "goldstein", "quad",
    "modality", "date", "date_source", "evidence", "evidence_start", "evidence_end", "trigger",
    "trigger_start", "trigger_end", "part", "language", "confidence", "rule", "rule_version", "producer",
    "doc_source",
)


# DuckDB's own memory (its buffer pool and query state) per open store. Its default, 80% of RAM,
# lets a long ingest's page cache grow with the corpus; with a cap, larger work spills to disk.
# ``$REALPOLITIK_DB_MEMORY`` overrides it ("2GB", "512MB").
DB_MEMORY = "512MB"


@dataclass(slots=True)
class _Rows:
    """Rows gathered for one batch, and the document ids it must not insert again."""

    seen: set[str]
    added: int = 0
    event_ids: set[str] = field(default_factory=set)  # the batch's, each inserted once
    documents: list[list[Any]] = field(default_factory=list)
    related: list[list[Any]] = field(default_factory=list)
    events: list[list[Any]] = field(default_factory=list)
    keys: list[tuple[str, date | None, str]] = field(default_factory=list)  # queued for occurrences


def _valid_utf8(value: Any) -> Any:
    """A value with every lone surrogate in its strings (or list of strings) replaced by "?"."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, list):
        return [_valid_utf8(item) for item in value]
    return value


def _naive_utc(value: datetime | None) -> datetime | None:
    """A datetime as naive UTC, the way the TIMESTAMP columns hold it."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _doc_row(doc: Document, n_sentences: int | None) -> list[Any]:
    """The ``documents`` row of a Document."""
    return [doc.id, doc.source, doc.title, doc.dateline, _naive_utc(doc.published), doc.language,
            doc.url, doc.text, n_sentences, datetime.now(timezone.utc).replace(tzinfo=None)]


_EVENT_VALUES = operator.attrgetter(*EVENT_COLUMNS)  # one C call reads every column of an Event
_FLOW = EVENT_COLUMNS.index("flow")


def _event_row(event: Event) -> list[Any]:
    """The ``events`` row of an Event."""
    row = list(_EVENT_VALUES(event))
    row[_FLOW] = list(event.flow)
    return row


class Store:
    """An embedded DuckDB store of documents and events.

    Args:
        path: the DuckDB file; its parent directories are created.
        read_only: open without write access (several readers may share the file).
        bulk: defer occurrences to the next flush (before a read of occurrences, and on close)
            instead of refreshing them every ``occurrences.FLUSH_EVENTS`` events; for loading a
            corpus (``ingest``), whose articles may come in any date order.

    Raises:
        StoreError: the file cannot be opened, or has a newer schema.
    """

    def __init__(self, path: Path | str, *, read_only: bool = False, bulk: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.bulk = bulk
        self._unlinked = False  # bulk: events were added that have no occurrence yet
        self._con = self._connect()
        self._pending: list[tuple[str, date | None, str]] = []
        try:
            if migrate(self._con, str(self.path), read_only=read_only) != SCHEMA_VERSION:
                self._con.execute("CHECKPOINT")  # a new or upgraded file is whole on disk before any data
            if not read_only:
                self._repair()
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
            con = duckdb.connect(str(self.path), read_only=self.read_only)
        except (duckdb.Error, OSError) as error:
            raise StoreError(f"{self.path}: cannot open store: {error}") from error
        try:  # a setting of the database, not of the connection: other connections may share it
            con.execute("SET memory_limit = ?", [os.environ.get("REALPOLITIK_DB_MEMORY", DB_MEMORY)])
        except duckdb.Error as error:
            con.close()
            raise StoreError(f"{self.path}: REALPOLITIK_DB_MEMORY: {error}") from error
        return con

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        # On an error or Ctrl-C, close at once: the next writable open repairs the occurrences.
        self.close(flush=exc_type is None)

    def close(self, *, flush: bool = True) -> None:
        """Write pending occurrences (unless ``flush`` is False) and close the connection (idempotent)."""
        try:
            if flush:
                self.flush()
        finally:
            self._con.close()

    def flush(self) -> int:
        """Bring the occurrences up to date with every added event; returns how many were rewritten.

        Adds queue the events' occurrence keys and refresh them every ``occ.FLUSH_EVENTS`` events,
        on reads of occurrences, and on close, each time in one transaction. A process killed in
        between leaves events without occurrences; the next writable open repairs them.
        """
        if self.read_only:
            return 0
        if self._unlinked:  # a bulk store: every event added since the last flush
            self._pending, self._unlinked = [], False
            return self._repair()
        if not self._pending:
            return 0
        pending, self._pending = self._pending, []
        try:
            return self._transaction(lambda: occ.refresh(self._con, pending))
        except BaseException:
            self._pending = pending + self._pending
            raise

    def _repair(self) -> int:
        """Give every event without an occurrence one, a chunk of keys per transaction."""
        return sum(self._transaction(lambda chunk=chunk: occ.refresh(self._con, chunk))
                   for chunk in occ.repair_chunks(self._con))

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

    def set_threads(self, threads: int | None) -> None:
        """Limit DuckDB to ``threads`` threads (None: back to its default, one per core). An ingest
        whose coding workers keep every core busy writes with one: more only compete with them."""
        self._con.execute("RESET threads" if threads is None else f"SET threads = {int(threads)}")

    # -- writes -------------------------------------------------------------------------------

    def add(self, doc: Document, events: Sequence[Event], *, n_sentences: int | None = None) -> bool:
        """Store a document with its events in one transaction.

        Returns:
            True if it was added, False if a document with this id was already stored.
        """
        return self.add_many([(doc, events)], n_sentences=n_sentences) == 1

    def add_many(self, batch: Iterable[tuple[Document, Sequence[Event]]], *,
                 n_sentences: int | None = None) -> int:
        """Store a batch of (document, events) in one transaction; returns how many were new.

        Rows are gathered first and written with a few multi-row statements: DuckDB spends ~25 ms
        on each statement, so one per table and batch (not per document) is what makes ingest fast.
        """
        self._check_writable()
        batch = list(batch)
        rows = _Rows(self.known_ids([doc.id for doc, _ in batch]))
        self._con.begin()
        try:
            for doc, events in batch:
                self._insert(rows, doc, events, n_sentences)
            self._flush(rows)
            self._con.commit()
        except duckdb.Error as error:
            self._con.rollback()
            raise StoreError(f"{self.path}: write failed: {error}") from error
        except BaseException:
            self._con.rollback()
            raise
        if self.bulk:
            self._unlinked = self._unlinked or bool(rows.keys)
        else:
            self._pending += rows.keys
            if len(self._pending) >= occ.FLUSH_EVENTS:
                self.flush()
        return rows.added

    def _insert(self, rows: _Rows, doc: Document, events: Sequence[Event], n_sentences: int | None) -> None:
        """Gather one document's rows unless it is stored (or earlier in the batch)."""
        if doc.id in rows.seen:
            return
        rows.seen.add(doc.id)
        rows.added += 1
        rows.documents.append(_doc_row(doc, n_sentences))
        rows.related += [[doc.id, i, r.title, _naive_utc(r.published)] for i, r in enumerate(doc.related)]
        # The pipeline's event ids hash the document id, so they cannot repeat across documents; an
        # id twice in the batch (events given to ``add`` by hand) would fail the insert: the first stays.
        ids = rows.event_ids
        events = [e for e in events if not (e.id in ids or ids.add(e.id))]  # set.add returns None
        rows.events += [_event_row(event) for event in events]
        rows.keys += [(occ.occurrence_key(e.source, e.target, e.type, e.modality, e.flow), e.date, e.doc_id)
                      for e in events]

    def _flush(self, rows: _Rows) -> None:
        """Write the gathered rows, each table's through one DuckDB appender (a plain INSERT: the
        batch holds no stored document, and no id twice, see ``_insert``)."""
        for table, columns, values in (("documents", None, rows.documents), ("related", None, rows.related),
                                       ("events", EVENT_COLUMNS, rows.events)):
            if values:
                self._append(table, columns, values)

    def _append(self, table: str, columns: Sequence[str] | None, values: list[list[Any]]) -> None:
        """Append the rows to ``table`` (all its columns in order when ``columns`` is None).

        The appender converts Python values in C++, with no JSON Lines file to write and parse and
        no conflict check on every key, as ``INSERT OR IGNORE … SELECT FROM read_json`` had before
        (`python scripts/bench_steps.py` times both). A string with a lone surrogate (which a JSON
        input can carry and UTF-8 cannot) fails the conversion: the rows are appended again with such
        characters as "?".
        """
        appender = self._con.appender(table, columns=list(columns) if columns else None)
        try:
            appender.append_rows(values)
        except duckdb.InvalidInputException:
            appender.clear()
            appender.append_rows([[_valid_utf8(value) for value in row] for row in values])
        appender.flush()

    def load_output(self, path: Path | str) -> tuple[int, int]:
        """Load a parquet output folder (``realpolitik run --output``), one transaction per partition.

        Documents already stored are skipped with their events, so loading twice, or after a kill,
        changes nothing. Returns (documents added, documents already stored).
        """
        self._check_writable()
        path = Path(path)
        manifest = parquet.read_manifest(path)
        added = total = 0
        for index in range(int(manifest["partitions"])):
            self._con.begin()
            try:
                new, seen = parquet.load_part(self._con, path, index)
                added, total = added + new, total + seen
                self._con.commit()
            except duckdb.Error as error:
                self._con.rollback()
                raise StoreError(f"{path}: cannot load partition {index}: {error}") from error
            except BaseException:
                self._con.rollback()
                raise
        self._repair()
        return added, total - added

    def write_part(self, output: Path, index: int) -> None:
        """Write this store's tables as partition ``index`` of a parquet output folder."""
        parquet.write_part(self._con, Path(output), index)

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

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """The ids among ``ids`` whose documents are stored (one query for the whole batch)."""
        if not ids:
            return set()
        rows = self._con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [list(ids)])
        return {row[0] for row in rows.fetchall()}

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

    def dyad(self, a: str, b: str, since: date | str | None = None, until: date | str | None = None, *,
             events: bool = True, limit: int | None = None) -> dict[str, Any]:
        """Both directions between A and B: counts by type, by month, the occurrences (the ``limit``
        most recent, when given) and, unless ``events`` is False, every mention with its evidence."""
        self.flush()
        return queries.dyad(self._con, a, b, since=since, until=until, events=events, limit=limit)
