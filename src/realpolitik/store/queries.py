"""Read queries over the store; each returns plain dicts (flow as a list, dates as ``date``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

Rows = list[dict[str, Any]]


def _as_date(value: date | str | None) -> date | None:
    """A date from a ``date`` or an ISO string (YYYY, YYYY-MM or YYYY-MM-DD)."""
    if value is None or isinstance(value, date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    return date(*(parts + [1, 1])[:3])


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Rows:
    """Run a query and return its rows as dicts."""
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _date_filter(since: date | str | None, until: date | str | None) -> tuple[list[str], list[Any]]:
    """WHERE clauses and parameters for an inclusive date range."""
    clauses, params = [], []
    if since is not None:
        clauses.append("date >= ?")
        params.append(_as_date(since))
    if until is not None:
        clauses.append("date <= ?")
        params.append(_as_date(until))
    return clauses, params


def events(con: duckdb.DuckDBPyConnection, *, actor: str | None = None, type: str | None = None,
           since: date | str | None = None, until: date | str | None = None,
           modality: str | None = None, limit: int | None = None, offset: int = 0,
           language: str | None = None) -> Rows:
    """Events matching every given filter, oldest first."""
    clauses, params = _date_filter(since, until)
    if actor:
        clauses.append("(source = ? OR target = ?)")
        params += [actor, actor]
    for column, value in (("type", type), ("modality", modality), ("language", language)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = f"SELECT * FROM events {where} ORDER BY date NULLS LAST, doc_id, sentence_index, id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    if offset:
        sql += " OFFSET ?"
        params.append(int(offset))
    return _fetch(con, sql, params)


def actors(con: duckdb.DuckDBPyConnection) -> Rows:
    """Actor codes with counts as source and target and their first and last event dates."""
    sql = """
        WITH roles AS (
            SELECT source AS code, 1 AS s, 0 AS t, date FROM events
            UNION ALL SELECT target AS code, 0 AS s, 1 AS t, date FROM events
        )
        SELECT code, sum(s)::INTEGER AS as_source, sum(t)::INTEGER AS as_target,
               count(*)::INTEGER AS total, min(date) AS first_date, max(date) AS last_date
        FROM roles WHERE code IS NOT NULL GROUP BY code ORDER BY total DESC, code"""
    return _fetch(con, sql, [])


def _dyad_where(a: str, b: str, since: date | str | None, until: date | str | None) -> tuple[str, list[Any]]:
    """The WHERE clause and parameters of both directions between A and B in a date range."""
    clauses, params = _date_filter(since, until)
    clauses.insert(0, "((source = ? AND target = ?) OR (source = ? AND target = ?))")
    return " AND ".join(clauses), [a, b, b, a, *params]


def dyad_timeline(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: date | str | None = None,
                  until: date | str | None = None) -> Rows:
    """Event counts between A and B by month, type and modality (both directions)."""
    where, params = _dyad_where(a, b, since, until)
    sql = f"""
        SELECT strftime(date, '%Y-%m') AS month, type, modality, count(*)::INTEGER AS count
        FROM events WHERE {where} GROUP BY ALL ORDER BY month NULLS LAST, type, modality"""
    return _fetch(con, sql, params)


def dyad(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: date | str | None = None,
         until: date | str | None = None) -> dict[str, Rows]:
    """Both directions between A and B: by type, by month, and every event with its evidence."""
    where, params = _dyad_where(a, b, since, until)
    by_type = f"""
        SELECT source, target, type, modality, count(*)::INTEGER AS count
        FROM events WHERE {where} GROUP BY ALL ORDER BY count DESC, type, source, modality"""
    # The pair's rows are found on the narrow columns first, then fetched whole by rowid: scanning
    # every column of a large table for a few thousand rows costs ~2x more (10M events, measured).
    rows = f"""SELECT * FROM events WHERE rowid IN (SELECT rowid FROM events WHERE {where})
               ORDER BY date NULLS LAST, doc_id, sentence_index, id"""
    return {"by_type": _fetch(con, by_type, params),
            "by_month": dyad_timeline(con, a, b, since=since, until=until),
            "events": _fetch(con, rows, params)}
