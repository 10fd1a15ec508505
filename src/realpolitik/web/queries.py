"""Paged reads for the API: the filters of ``EventFilter`` as SQL, with a total count for each page.

The store's own queries (``store.queries``) serve the CLI; these add what a paged API needs
(source/target filters, counts, documents) without changing them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from .params import EventFilter

Rows = list[dict[str, Any]]
EVENT_ORDER = "ORDER BY date NULLS LAST, doc_id, sentence_index, id"
DOC_COLUMNS = "id, source, title, dateline, published, language, url, n_sentences, ingested_at"


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Rows:
    """Rows of a query as dicts."""
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> int:
    """The first column of the first row, as an int."""
    row = con.execute(sql, params).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def event_where(f: EventFilter, table: str = "events") -> tuple[str, list[Any]]:
    """A WHERE clause (possibly empty) and its parameters for a filter over events or occurrences.

    On occurrences, ``language`` matches any language that reports it, and ``source``/``target``
    match both directions of an undirected occurrence (a meeting has no direction).
    """
    clauses: list[str] = []
    params: list[Any] = []
    if f.actor:
        clauses.append("(source = ? OR target = ?)")
        params += [f.actor, f.actor]
    for column, value in (("source", f.source), ("target", f.target)):
        if value and table == "occurrences":
            other = "target" if column == "source" else "source"
            clauses.append(f"({column} = ? OR (undirected AND {other} = ?))")
            params += [value, value]
        elif value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if f.language and table == "occurrences":
        clauses.append("list_contains(languages, ?)")
        params.append(f.language)
    for column, value in (("type", f.type), ("modality", f.modality), ("doc_id", f.doc_id),
                          ("language", f.language if table == "events" else None)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if f.since:
        clauses.append("date >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("date <= ?")
        params.append(f.until)
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


def events_page(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int, offset: int,
                table: str = "events") -> tuple[Rows, int]:
    """One page of events (or occurrences) matching ``f``, oldest first, and how many match in all."""
    assert table in ("events", "occurrences")
    where, params = event_where(f, table)
    total = scalar(con, f"SELECT count(*) FROM {table} {where}", params)
    rows = fetch(con, f"SELECT * FROM {table} {where} {EVENT_ORDER} LIMIT ? OFFSET ?", [*params, limit, offset])
    return rows, total


def all_events(con: duckdb.DuckDBPyConnection, f: EventFilter, table: str = "events") -> Rows:
    """Every event (or occurrence) matching ``f``, for the analysis functions."""
    assert table in ("events", "occurrences")
    where, params = event_where(f, table)
    return fetch(con, f"SELECT * FROM {table} {where} {EVENT_ORDER}", params)


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event by id."""
    rows = fetch(con, "SELECT * FROM events WHERE id = ?", [event_id])
    return rows[0] if rows else None


def events_by_id(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Events by id, for the given ids."""
    if not ids:
        return {}
    rows = fetch(con, "SELECT * FROM events WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    return {row["id"]: row for row in rows}


def documents_page(con: duckdb.DuckDBPyConnection, *, language: str | None, since: date | None,
                   until: date | None, q: str | None, limit: int, offset: int) -> tuple[Rows, int]:
    """One page of documents (without their text), newest first, with their event counts."""
    clauses: list[str] = []
    params: list[Any] = []
    if language:
        clauses.append("language = ?")
        params.append(language)
    if since:
        clauses.append("CAST(published AS DATE) >= ?")
        params.append(since)
    if until:
        clauses.append("CAST(published AS DATE) <= ?")
        params.append(until)
    if q:
        clauses.append("(title ILIKE ? OR source ILIKE ?)")
        params += [f"%{q}%", f"%{q}%"]
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    total = scalar(con, f"SELECT count(*) FROM documents {where}", params)
    sql = f"""SELECT {DOC_COLUMNS}, (SELECT count(*) FROM events e WHERE e.doc_id = d.id)::INTEGER AS n_events
              FROM documents d {where} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?"""
    return fetch(con, sql, [*params, limit, offset]), total


def document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """One document with its text and related headlines."""
    rows = fetch(con, "SELECT * FROM documents WHERE id = ?", [doc_id])
    if not rows:
        return None
    doc = rows[0]
    doc["related"] = fetch(con, "SELECT idx, title, published FROM related WHERE doc_id = ? ORDER BY idx",
                           [doc_id])
    return doc


def actors(con: duckdb.DuckDBPyConnection, since: date | None, until: date | None) -> Rows:
    """Actor codes with occurrence counts as source and target and first and last dates, in a date range."""
    where, params = event_where(EventFilter(since=since, until=until), "occurrences")
    sql = f"""
        WITH e AS (SELECT * FROM occurrences {where}),
        roles AS (SELECT source AS code, 1 AS s, 0 AS t, date FROM e
                  UNION ALL SELECT target AS code, 0 AS s, 1 AS t, date FROM e)
        SELECT code, sum(s)::INTEGER AS as_source, sum(t)::INTEGER AS as_target,
               count(*)::INTEGER AS total, min(date) AS first_date, max(date) AS last_date
        FROM roles WHERE code IS NOT NULL GROUP BY code ORDER BY total DESC, code"""
    return fetch(con, sql, params)


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Row counts and the date range of the events."""
    tables = ("documents", "events", "occurrences")
    out: dict[str, Any] = {t: scalar(con, f"SELECT count(*) FROM {t}", []) for t in tables}
    row = con.execute("SELECT min(date), max(date) FROM events").fetchone()
    out["first_date"], out["last_date"] = (row[0], row[1]) if row else (None, None)
    return out
