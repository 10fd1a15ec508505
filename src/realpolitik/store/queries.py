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


def occurrences(con: duckdb.DuckDBPyConnection, *, actor: str | None = None, type: str | None = None,
                since: date | str | None = None, until: date | str | None = None,
                modality: str | None = None, a: str | None = None, b: str | None = None,
                min_sources: int = 1, limit: int | None = None, offset: int = 0) -> Rows:
    """Occurrences matching every filter, oldest first (``date`` is the earliest report's).

    Each row has the event-row fields analysis reads (source, target, type, mode, modality, flow,
    cameo, goldstein, quad, date, part, evidence, doc_id, sentence_index, language) plus ``id``,
    ``key``, ``undirected``, ``last_date``, ``first_doc_id``, ``first_published``, ``languages``,
    ``outlets``, ``num_mentions``, ``num_articles`` and ``num_sources``. ``a`` and ``b`` select the
    occurrences between two actors in either direction.
    """
    clauses, params = _date_filter(since, until)
    if actor:
        clauses.append("(source = ? OR target = ?)")
        params += [actor, actor]
    if a and b:
        clauses.append("((source = ? AND target = ?) OR (source = ? AND target = ?))")
        params += [a, b, b, a]
    for column, value in (("type", type), ("modality", modality)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if min_sources > 1:
        clauses.append("num_sources >= ?")
        params.append(int(min_sources))
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = f"SELECT * FROM occurrences {where} ORDER BY date NULLS LAST, doc_id, sentence_index, id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    if offset:
        sql += " OFFSET ?"
        params.append(int(offset))
    return _fetch(con, sql, params)


def mentions(con: duckdb.DuckDBPyConnection, occurrence_ids: list[str]) -> Rows:
    """The mentions of some occurrences, each the event with its outlet, URL and document title."""
    sql = """
        SELECT m.occurrence_id, m.outlet, d.url, d.title, d.published, e.*
        FROM occurrence_mentions m JOIN events e ON e.id = m.event_id
        LEFT JOIN documents d ON d.id = m.doc_id
        WHERE m.occurrence_id IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY m.occurrence_id, e.date NULLS LAST, d.published NULLS LAST, e.doc_id, e.sentence_index"""
    return _fetch(con, sql, [list(occurrence_ids)])


def occurrence(con: duckdb.DuckDBPyConnection, occurrence_id: str) -> dict[str, Any] | None:
    """One occurrence with its ``mentions``; None when the id is unknown."""
    rows = _fetch(con, "SELECT * FROM occurrences WHERE id = ?", [occurrence_id])
    if not rows:
        return None
    return rows[0] | {"mentions": mentions(con, [occurrence_id])}


def _dyad_where(a: str, b: str, since: date | str | None, until: date | str | None) -> tuple[str, list[Any]]:
    """The WHERE clause and parameters of both directions between A and B in a date range."""
    clauses, params = _date_filter(since, until)
    clauses.insert(0, "((source = ? AND target = ?) OR (source = ? AND target = ?))")
    return " AND ".join(clauses), [a, b, b, a, *params]


def dyad_timeline(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: date | str | None = None,
                  until: date | str | None = None) -> Rows:
    """Occurrences between A and B by month, type and modality (both directions), with the mentions
    behind each count."""
    where, params = _dyad_where(a, b, since, until)
    sql = f"""
        SELECT strftime(date, '%Y-%m') AS month, type, modality, count(*)::INTEGER AS count,
               sum(num_mentions)::INTEGER AS mentions
        FROM occurrences WHERE {where} GROUP BY ALL ORDER BY month NULLS LAST, type, modality"""
    return _fetch(con, sql, params)


def dyad(con: duckdb.DuckDBPyConnection, a: str, b: str, *, since: date | str | None = None,
         until: date | str | None = None, events: bool = True, limit: int | None = None) -> dict[str, Any]:
    """Both directions between A and B, counted in occurrences.

    Args:
        events: also return every mention with its evidence (``events``); a table of occurrences
            does not need them, and for a busy pair they are most of the time spent.
        limit: return only the ``limit`` most recent occurrences (still in date order); the counts
            by type and by month always cover them all.

    Returns:
        ``by_type`` (source, target, type, modality, count of occurrences, mentions behind them),
        ``by_month`` (month, type, modality, count, mentions), ``occurrences`` (rows as
        ``occurrences()`` gives them), ``num_occurrences`` (all of them, whatever ``limit``) and,
        unless ``events`` is False, ``events`` (every mention with its evidence).
    """
    where, params = _dyad_where(a, b, since, until)
    by_type = f"""
        SELECT source, target, type, modality, count(*)::INTEGER AS count,
               sum(num_mentions)::INTEGER AS mentions
        FROM occurrences WHERE {where} GROUP BY ALL ORDER BY count DESC, type, source, modality"""
    counts = _fetch(con, by_type, params)
    total = sum(row["count"] for row in counts)
    order = "date NULLS LAST, doc_id, sentence_index, id"
    # The pair's rows are found on the narrow columns first, then fetched whole by rowid: scanning
    # every column of a large table for a few thousand rows costs ~2x more (10M events, measured).
    cut = f" ORDER BY {order} LIMIT {int(limit)} OFFSET {total - int(limit)}" if limit is not None and total > limit else ""
    # (with a limit, the last ``limit`` in date order are picked on the narrow columns too)
    occ_rows = f"SELECT * FROM occurrences WHERE rowid IN (SELECT rowid FROM occurrences WHERE {where}{cut}) ORDER BY {order}"
    result: dict[str, Any] = {"by_type": counts, "by_month": dyad_timeline(con, a, b, since=since, until=until),
                              "occurrences": _fetch(con, occ_rows, params), "num_occurrences": total}
    if events:
        rows = f"SELECT * FROM events WHERE rowid IN (SELECT rowid FROM events WHERE {where}) ORDER BY {order}"
        result["events"] = _fetch(con, rows, params)
    return result


def documents(con: duckdb.DuckDBPyConnection, ids: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Document rows without their text, by id (all of them when ``ids`` is None)."""
    sql = ("SELECT id, source, title, dateline, published, language, url, n_sentences, ingested_at "
           "FROM documents")
    params: list[Any] = []
    if ids is not None:
        sql += " WHERE id IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(ids))
    return {row["id"]: row for row in _fetch(con, sql, params)}


def occurrence_links(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Event id → occurrence id."""
    return dict(con.execute("SELECT event_id, occurrence_id FROM occurrence_mentions").fetchall())


def copy_events(con: duckdb.DuckDBPyConnection, path: str, fmt: str, *, since: date | str | None = None,
                until: date | str | None = None) -> int:
    """Write the events (with their occurrence id) to ``path`` as Parquet or CSV with DuckDB's COPY.

    Returns:
        How many events were written.
    """
    clauses = []
    for op, value in ((">=", _as_date(since)), ("<=", _as_date(until))):
        if value is not None:  # a date object, so its ISO form is a safe literal
            clauses.append(f"e.date {op} DATE '{value.isoformat()}'")
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    flow = "e.flow" if fmt == "parquet" else "array_to_string(e.flow, ';') AS flow"
    select = (f"SELECT e.* EXCLUDE (flow), {flow}, m.occurrence_id FROM events e "
              f"LEFT JOIN occurrence_mentions m ON m.event_id = e.id {where} "
              f"ORDER BY e.date NULLS LAST, e.doc_id, e.sentence_index, e.id")
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    target = path.replace("'", "''")
    con.execute(f"COPY ({select}) TO '{target}' ({options})")
    row = con.execute(f"SELECT count(*) FROM events e {where}").fetchone()
    return int(row[0]) if row else 0
