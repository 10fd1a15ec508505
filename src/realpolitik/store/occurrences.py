"""Occurrences: the events of many articles that report one happening, clustered into one record.

Two events belong to one occurrence when they share a **key** and fall in one **date window**:

- key: (source, target, PLOVER type, modality). For the symmetric types (CONSULT, COOPERATE,
  AGREE) the pair is unordered, so "A visits B" and "B receives A" match, unless the event carries
  flow items: a transfer has a direction even when coded as COOPERATE. The mode is not part of the
  key, since packs code one visit as ``visit`` in one language and ``meet`` in another.
- window: events of one key are sorted by date; an occurrence starts at the earliest and takes
  every event up to ``WINDOW_DAYS`` days later; the next event starts a new one. Eight outlets
  report a visit on the day and the day after; a visit a week later is another occurrence.
- undated events (no date in the text and none for the document) of one key form one occurrence
  per document: without a date we cannot tell two articles' reports apart from two happenings.

An occurrence counts its mentions (events), its articles (distinct documents) and its sources
(distinct outlets, see ``outlet``), as GDELT's NumMentions, NumArticles and NumSources do, and keeps
the earliest report. Its direction, values and evidence come from its *representative* mention:
the earliest dated one, preferring a title or body sentence over a related headline.

Occurrences are derived data. ``refresh`` recomputes the occurrences that new events can change;
the store queues new events and refreshes every ``FLUSH_EVENTS`` events, before reading
occurrences and on close. ``repair`` refreshes events left without an occurrence: by a killed
process (run on every writable open), so a repeated ingest completes them and changes nothing
else, and by a bulk load, which defers occurrences to its end: refreshing after every batch of a
corpus whose articles come in no date order would read each key's events again and again. A
repair works key chunk by key chunk, so its memory is bounded. ``rebuild`` recomputes all of them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

import duckdb

from ..model import SYMMETRIC_TYPES, content_id

# Adds refresh the occurrences of their events once this many are queued (and on reads and close):
# one refresh costs a few statements, so refreshing per document would triple a one-by-one ingest.
FLUSH_EVENTS = 2000

# 3 days: agencies report a visit on the day, papers the day after, weeklies two days later; a
# second visit by the same pair within 3 days is rare, a week apart is common.
WINDOW_DAYS = 3

OCCURRENCES = """
CREATE TABLE IF NOT EXISTS occurrences (
    id VARCHAR PRIMARY KEY, key VARCHAR, source VARCHAR, source_sector VARCHAR, target VARCHAR,
    target_sector VARCHAR, type VARCHAR,
    mode VARCHAR, modality VARCHAR, undirected BOOLEAN, flow VARCHAR[], cameo VARCHAR,
    goldstein DOUBLE, quad INTEGER, date DATE, last_date DATE, first_doc_id VARCHAR,
    first_published TIMESTAMP, first_event_id VARCHAR, doc_id VARCHAR, sentence_index INTEGER,
    part VARCHAR, evidence VARCHAR, language VARCHAR, languages VARCHAR[], outlets VARCHAR[],
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER
)"""
MENTIONS = """
CREATE TABLE IF NOT EXISTS occurrence_mentions (
    event_id VARCHAR PRIMARY KEY, occurrence_id VARCHAR, doc_id VARCHAR, sentence_index INTEGER,
    outlet VARCHAR, date DATE, language VARCHAR
)"""
INDEXES = (
    "CREATE INDEX IF NOT EXISTS occurrences_key ON occurrences (key)",
    "CREATE INDEX IF NOT EXISTS occurrence_mentions_occ ON occurrence_mentions (occurrence_id)",
)
OCCURRENCE_COLUMNS = (
    "id", "key", "source", "source_sector", "target", "target_sector", "type", "mode", "modality", "undirected", "flow", "cameo",
    "goldstein", "quad", "date", "last_date", "first_doc_id", "first_published", "first_event_id",
    "doc_id", "sentence_index", "part", "evidence", "language", "languages", "outlets",
    "num_mentions", "num_articles", "num_sources",
)
MENTION_COLUMNS = ("event_id", "occurrence_id", "doc_id", "sentence_index", "outlet", "date", "language")

# The key in SQL; it must agree with ``occurrence_key`` below (tests check both).
_SYMMETRIC_SQL = ", ".join(f"'{t}'" for t in sorted(SYMMETRIC_TYPES))
KEY_SQL = f"""CASE WHEN e.type IN ({_SYMMETRIC_SQL}) AND coalesce(len(e.flow), 0) = 0
    THEN least(e.source, e.target) || '|' || greatest(e.source, e.target) || '|' || e.type || '|'
         || coalesce(e.modality, 'asserted') || '|u'
    ELSE e.source || '|' || e.target || '|' || e.type || '|' || coalesce(e.modality, 'asserted') || '|d'
END"""
_EVENTS_SQL = f"""
SELECT e.id, e.doc_id, e.sentence_index, e.source, e.source_sector, e.target, e.target_sector, e.type, e.mode, e.modality, e.flow,
       e.cameo, e.goldstein, e.quad, e.date, e.part, e.evidence, e.language, e.doc_source,
       d.url AS url, d.source AS doc_path, d.published AS published, {KEY_SQL} AS key
FROM events e LEFT JOIN documents d ON d.id = e.doc_id"""


def occurrence_key(source: str, target: str, type: str, modality: str | None,
                   flow: Sequence[str] | None = ()) -> str:
    """The clustering key of an event: ``A|B|TYPE|modality|u`` (unordered) or ``…|d`` (directed)."""
    modality = modality or "asserted"
    if type in SYMMETRIC_TYPES and not flow:
        a, b = sorted((source, target))
        return f"{a}|{b}|{type}|{modality}|u"
    return f"{source}|{target}|{type}|{modality}|d"


def outlet(url: str | None, source: str | None) -> str:
    """The outlet that published a document, for NumSources.

    The host of its URL without ``www.`` (``https://www.lemonde.fr/x`` → ``lemonde.fr``); else the
    host of its source when that is a URL; else the base name of the file it came from (a JSON
    Lines file without URLs counts as one outlet, a folder of text files as one per file).
    """
    for value in (url, source):
        host = _host(_AUTHORITY.match(value).group()) if value and "://" in value else None
        if host:
            return host.removeprefix("www.")
    return PurePath(source).name if source else "unknown"


# What ``urlsplit`` reads a host from: the scheme and the authority, up to the path, query or
# fragment. ``urlsplit(value).hostname`` is ``urlsplit(prefix).hostname``, and a corpus has few
# hosts but a URL per article: the host is cached by that prefix, not by the whole URL (a repair
# meets the articles of a key in date order, so a cache by URL missed two times in five).
_AUTHORITY = re.compile(r"[^/?#]*(?://[^/?#]*)?")


@functools.lru_cache(maxsize=4096)
def _host(prefix: str) -> str | None:
    return urlsplit(prefix).hostname


def _order(row: dict[str, Any]) -> tuple:
    """Sort order for picking the representative: earliest date, then not a related headline."""
    day = row["date"]
    published = row.get("published")
    return (day is None, day or date.max, row.get("part") == "related", published is None,
            published or datetime.max, str(row["doc_id"]), row.get("sentence_index") or 0, str(row["id"]))


def cluster(rows: Iterable[dict[str, Any]], window: int = WINDOW_DAYS) -> list[list[dict[str, Any]]]:
    """Split event rows of one key into occurrences (see the module docstring); order-independent."""
    ordered = sorted(rows, key=_order)
    groups: list[list[dict[str, Any]]] = []
    undated: dict[str, list[dict[str, Any]]] = {}
    start: date | None = None
    for row in ordered:
        day = row["date"]
        if day is None:
            undated.setdefault(str(row["doc_id"]), []).append(row)
        elif start is not None and (day - start).days <= window:
            groups[-1].append(row)
        else:
            groups.append([row])
            start = day
    return groups + list(undated.values())


def _mode(group: list[dict[str, Any]]) -> str | None:
    """The most frequent mode of a group; ties go to the representative's."""
    counts = Counter(r["mode"] for r in group if r.get("mode"))
    if not counts:
        return None
    best = max(counts.values())
    first = group[0].get("mode")
    return first if counts.get(first) == best else sorted(m for m, c in counts.items() if c == best)[0]


def _unique(values: Iterable[Any]) -> list[Any]:
    """Values in first-seen order without repeats or empties."""
    return list(dict.fromkeys(v for v in values if v))


def describe(group: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The occurrence row and its mention rows for one cluster (sorted as ``cluster`` leaves it)."""
    rep = group[0]
    outlets = [outlet(r.get("url"), r.get("doc_path") or r.get("doc_source")) for r in group]
    anchor = rep["date"].isoformat() if rep["date"] else f"undated:{rep['doc_id']}"
    occ_id = content_id("occurrence", rep["key"], anchor)
    dated = [r["date"] for r in group if r["date"]]
    by_doc = sorted(group, key=lambda r: (r.get("published") is None, r.get("published") or datetime.max,
                                          r["date"] or date.max, str(r["doc_id"])))
    occ = {
        "id": occ_id, "key": rep["key"], "source": rep["source"], "source_sector": rep.get("source_sector"),
        "target": rep["target"], "target_sector": rep.get("target_sector"),
        "type": rep["type"], "mode": _mode(group), "modality": rep["modality"] or "asserted",
        "undirected": rep["key"].endswith("|u"),
        "flow": _unique(item for r in group for item in (r.get("flow") or [])),
        "cameo": rep.get("cameo"), "goldstein": rep.get("goldstein"), "quad": rep.get("quad"),
        "date": rep["date"], "last_date": max(dated) if dated else None,
        "first_doc_id": by_doc[0]["doc_id"], "first_published": by_doc[0].get("published"),
        "first_event_id": rep["id"], "doc_id": rep["doc_id"], "sentence_index": rep["sentence_index"],
        "part": rep.get("part"), "evidence": rep.get("evidence"), "language": rep.get("language"),
        "languages": _unique(r.get("language") for r in group), "outlets": sorted(set(outlets)),
        "num_mentions": len(group), "num_articles": len({r["doc_id"] for r in group}),
        "num_sources": len(set(outlets)),
    }
    mentions = [{"event_id": r["id"], "occurrence_id": occ_id, "doc_id": r["doc_id"],
                 "sentence_index": r["sentence_index"], "outlet": name, "date": r["date"],
                 "language": r.get("language")} for r, name in zip(group, outlets, strict=True)]
    return occ, mentions


# The order of ``_order`` in SQL, within each key: the stream below clusters as ``cluster`` does.
_ORDER_SQL = ("e.key, e.date NULLS LAST, coalesce(e.part = 'related', false), e.published NULLS LAST, "
              "e.doc_id, coalesce(e.sentence_index, 0), e.id")
FETCH_ROWS = 5000  # event rows fetched from DuckDB at a time
WRITE_ROWS = 20_000  # mention rows gathered before they are inserted


def _rows(con: duckdb.DuckDBPyConnection, where: str = "", params: Sequence[Any] = (), prefix: str = ""
          ) -> Iterator[dict[str, Any]]:
    """Event rows (with their document's URL and time) filtered by ``where``, sorted by key and then
    as ``cluster`` sorts them, fetched a few thousand at a time."""
    cursor = con.execute(f"{prefix} SELECT e.* FROM ({_EVENTS_SQL}) AS e {where} ORDER BY {_ORDER_SQL}",
                         list(params))
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(FETCH_ROWS):
        for values in batch:
            yield dict(zip(names, values, strict=True))


def _stream(rows: Iterable[dict[str, Any]], window: int = WINDOW_DAYS) -> Iterator[list[dict[str, Any]]]:
    """``cluster`` over rows sorted by ``_ORDER_SQL``, key after key, holding one key's open
    occurrence (and its undated documents) at a time instead of all its events."""
    key: str | None = None
    current: list[dict[str, Any]] = []
    undated: dict[str, list[dict[str, Any]]] = {}
    start: date | None = None
    for row in rows:
        if row["key"] != key:
            if current:
                yield current
            yield from undated.values()
            key, current, undated, start = row["key"], [], {}, None
        day = row["date"]
        if day is None:
            undated.setdefault(str(row["doc_id"]), []).append(row)
        elif start is not None and (day - start).days <= window:
            current.append(row)
        else:
            if current:
                yield current
            current, start = [row], day
    if current:
        yield current
    yield from undated.values()


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str],
            rows: list[dict[str, Any]]) -> None:
    """Insert dict rows through a DuckDB appender (the values converted in C++, no SQL to plan)."""
    if not rows:
        return
    appender = con.appender(table, columns=list(columns))
    appender.append_rows([[row[name] for name in columns] for row in rows])
    appender.flush()


def _write(con: duckdb.DuckDBPyConnection, rows: Iterable[dict[str, Any]]) -> int:
    """Cluster event rows (sorted as ``_rows`` gives them) and insert the occurrences and mentions,
    a few thousand at a time; returns how many occurrences."""
    occurrences: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    written = 0
    for group in _stream(rows):
        occ, links = describe(group)
        occurrences.append(occ)
        mentions += links
        if len(mentions) >= WRITE_ROWS:
            written += _flush(con, occurrences, mentions)
    return written + _flush(con, occurrences, mentions)


def _flush(con: duckdb.DuckDBPyConnection, occurrences: list[dict[str, Any]], mentions: list[dict[str, Any]]) -> int:
    """Insert the gathered rows and empty the lists; returns how many occurrences."""
    _insert(con, "occurrences", OCCURRENCE_COLUMNS, occurrences)
    _insert(con, "occurrence_mentions", MENTION_COLUMNS, mentions)
    count = len(occurrences)
    occurrences.clear()
    mentions.clear()
    return count


def refresh(con: duckdb.DuckDBPyConnection, added: Iterable[tuple[str, date | None, str]]) -> int:
    """Recompute the occurrences that newly added events can change (call inside the write transaction).

    Occurrences of a key are built left to right over its events sorted by date, so a new event
    dated ``d`` leaves every occurrence that starts before the one covering ``d`` untouched: only
    the occurrences from that one on are deleted and rebuilt. New undated events form their own
    occurrence per (key, document).

    Args:
        added: (key, date, doc_id) of each new event (see ``occurrence_key``).

    Returns:
        How many occurrences were (re)written.
    """
    earliest: dict[str, date] = {}
    undated: set[tuple[str, str]] = set()
    for key, day, doc_id in added:
        if day is None:
            undated.add((key, doc_id))
        elif key not in earliest or day < earliest[key]:
            earliest[key] = day
    if not earliest and not undated:
        return 0
    stale, cuts = _stale(con, earliest)
    cuts += [(key, None, doc_id) for key, doc_id in sorted(undated)]  # a new document has no occurrence yet
    if stale:
        con.execute("DELETE FROM occurrence_mentions WHERE occurrence_id IN (SELECT unnest(?::VARCHAR[]))", [stale])
        con.execute("DELETE FROM occurrences WHERE id IN (SELECT unnest(?::VARCHAR[]))", [stale])
    params = [[c[0] for c in cuts], [c[1] for c in cuts], [c[2] for c in cuts]]
    actors = sorted({part for c in cuts for part in c[0].split("|")[:2]})
    types = sorted({c[0].split("|")[2] for c in cuts})
    where = (f", c WHERE e.type IN (SELECT unnest(?::VARCHAR[])) AND e.source IN (SELECT unnest(?::VARCHAR[])) "
             f"AND e.target IN (SELECT unnest(?::VARCHAR[])) AND {_MATCH_EVENT}")
    # The events are read through a second connection (they are committed), so that occurrences can
    # be inserted on this one while the read goes on: one key's events are never all in memory.
    with con.cursor() as reader:
        return _write(con, _rows(reader, where, [*params, types, actors, actors], prefix=_CUTS))


# (key, cutoff date or NULL for an undated document's events, doc_id) of each key to refresh
_CUTS = ("WITH c AS (SELECT unnest(?::VARCHAR[]) AS key, unnest(?::DATE[]) AS cutoff, "
         "unnest(?::VARCHAR[]) AS doc_id)")
_MATCH_EVENT = ("c.key = e.key AND ((c.cutoff IS NOT NULL AND e.date >= c.cutoff) "
                "OR (c.cutoff IS NULL AND e.date IS NULL AND e.doc_id = c.doc_id))")


def _stale(con: duckdb.DuckDBPyConnection, earliest: dict[str, date]
           ) -> tuple[list[str], list[tuple[str, date | None, str | None]]]:
    """The occurrences a new event dated ``d`` can change, and each key's cut-off date.

    Those are the key's occurrences starting on or after ``d - WINDOW_DAYS``: the one covering
    ``d`` starts no earlier, and every later one may shift. An earlier one ends before the first
    of them starts (a new occurrence starts only after the previous one's window), so the events
    from the earliest stale start (or ``d``) on are exactly those to cluster again.
    """
    keys = sorted(earliest)
    rows = con.execute(f"""
        WITH k AS (SELECT unnest(?::VARCHAR[]) AS key, unnest(?::DATE[]) AS d)
        SELECT o.id, o.key, o.date FROM occurrences o JOIN k ON o.key = k.key
        WHERE o.date >= k.d - {int(WINDOW_DAYS)}""", [keys, [earliest[k] for k in keys]]).fetchall()
    starts: dict[str, date] = {}
    for _, key, day in rows:
        starts[key] = min(day, starts.get(key, day))
    cuts: list[tuple[str, date | None, str | None]] = [
        (key, min(earliest[key], starts.get(key, earliest[key])), None) for key in keys]
    return [row[0] for row in rows], cuts


# Event rows a repair reads into memory at a time (about 1 KB each): keys are refreshed in chunks.
REPAIR_ROWS = 200_000


def repair_chunks(con: duckdb.DuckDBPyConnection, max_rows: int = REPAIR_ROWS
                  ) -> list[list[tuple[str, date | None, str | None]]]:
    """The refreshes that give every event without an occurrence one, as chunks for ``refresh``.

    Used after a bulk load (``Store(bulk=True)`` defers occurrences to its end), a Parquet load and
    a killed process. Each chunk holds whole keys, (key, earliest new date, None) for new dated
    events and (key, None, doc_id) for new undated ones, packed so that the events each refresh
    reads stay near ``max_rows``: a store of any size is repaired in bounded memory, and each chunk
    can commit on its own (a kill between chunks leaves the rest for the next repair).
    """
    missing = (f"SELECT {KEY_SQL} AS key, e.date, e.doc_id FROM events e WHERE NOT EXISTS "
               "(SELECT 1 FROM occurrence_mentions m WHERE m.event_id = e.id)")
    earliest = dict(con.execute(f"SELECT key, min(date) FROM ({missing}) WHERE date IS NOT NULL GROUP BY key"
                                ).fetchall())
    undated: dict[str, list[str]] = {}
    for key, doc_id in con.execute(f"SELECT DISTINCT key, doc_id FROM ({missing}) WHERE date IS NULL "
                                   "ORDER BY key, doc_id").fetchall():
        undated.setdefault(key, []).append(doc_id)
    keys = sorted(set(earliest) | set(undated))
    if not keys:
        return []
    sizes = dict(con.execute(f"""
        WITH k AS (SELECT unnest(?::VARCHAR[]) AS key, unnest(?::DATE[]) AS d)
        SELECT k.key, count(e.key) FROM k LEFT JOIN (SELECT {KEY_SQL} AS key, e.date FROM events e) e
          ON e.key = k.key AND (e.date IS NULL OR k.d IS NULL OR e.date >= k.d - {int(WINDOW_DAYS)})
        GROUP BY k.key""", [keys, [earliest.get(k) for k in keys]]).fetchall())
    chunks: list[list[tuple[str, date | None, str | None]]] = []
    rows = 0
    for key in keys:
        if not chunks or rows + sizes.get(key, 0) > max_rows:
            chunks.append([])
            rows = 0
        rows += sizes.get(key, 0)
        if key in earliest:
            chunks[-1].append((key, earliest[key], None))
        chunks[-1] += [(key, None, doc_id) for doc_id in undated.get(key, ())]
    return [chunk for chunk in chunks if chunk]


def repair(con: duckdb.DuckDBPyConnection) -> int:
    """Refresh the occurrences of every event that has none, in one go (see ``repair_chunks``)."""
    return sum(refresh(con, chunk) for chunk in repair_chunks(con))


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute every occurrence from the events (used by migration 2); returns how many."""
    con.execute("DELETE FROM occurrence_mentions")
    con.execute("DELETE FROM occurrences")
    # Inside the migration's transaction a second connection would not see the tables yet: read here.
    return _write(con, list(_rows(con)))


MIGRATION = (OCCURRENCES, MENTIONS, *INDEXES, rebuild)
