"""The alliance system: edges, blocs, flows, and who is concerned by or opposed to each bloc.

Roles towards a bloc (an actor outside it; the same actor may hold both roles):

- concerned: a target of THREATEN from a bloc member (it is threatened), or a source of ACCUSE,
  THREATEN or PROTEST towards a bloc member (it voices concern or warns);
- opposed: a target of any other conflict event from a bloc member (ACCUSE, REJECT, PROTEST,
  SANCTION, MOBILIZE, COERCE, ASSAULT).

Threats aimed at an actor make it *concerned* rather than *opposed*: a neighbour named as
endangered has not taken a side. Negated events give no role.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from .blocs import find_blocs
from .edges import CONFLICT, build_edges
from .flows import find_flows

THREAT_TYPES = frozenset({"THREATEN"})
CONCERN_TYPES = frozenset({"ACCUSE", "THREATEN", "PROTEST"})
OPPOSED_TYPES = CONFLICT - THREAT_TYPES


def as_date(value: object) -> date | None:
    """A ``date`` from a date, datetime or ISO string (YYYY, YYYY-MM, YYYY-MM-DD…); None if unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parts = [int(p) for p in str(value)[:10].split("-")]
    return date(*(parts + [1, 1])[:3])


def _in_range(day: date | None, since: date | None, until: date | None) -> bool:
    """Whether a day falls in the inclusive range; undated events pass only when no range is set."""
    if since is None and until is None:
        return True
    if day is None:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


def system(events: list[dict[str, Any]], *, since: date | str | None = None,
           until: date | str | None = None) -> dict[str, Any]:
    """Rebuild the alliance system from event rows (as ``Store.events()`` or ``Event.to_record()`` give).

    Args:
        events: event rows with at least source, target, type, modality; goldstein, flow, date,
            part, evidence, doc_id and sentence_index are used when present. Occurrence rows
            (``Store.occurrences()``) have the same fields; then every count is of occurrences.
        since, until: inclusive date range; undated events are left out when a range is set.

    Returns:
        A JSON-ready dict: ``edges``, ``blocs``, ``flows``, ``concerned``, ``opposed``, the range,
        the number of rows it was built from (``n_events``) and what they are (``unit``:
        "occurrences" when the rows carry ``num_articles``, else "events").
    """
    start, end = as_date(since), as_date(until)
    pairs = [(row, as_date(row.get("date"))) for row in events if row.get("source") and row.get("target")]
    pairs = [(row, day) for row, day in pairs if _in_range(day, start, end)]
    rows, days = [p[0] for p in pairs], [p[1] for p in pairs]
    edges = build_edges(rows, days)
    blocs = find_blocs(edges)
    members = {code for bloc in blocs for code in bloc["members"]}
    return {
        "since": start.isoformat() if start else None,
        "until": end.isoformat() if end else None,
        "n_events": len(rows),
        "unit": "occurrences" if rows and "num_articles" in rows[0] else "events",
        "blocs": blocs,
        "flows": find_flows(rows, days),
        "concerned": concerned(rows, members),
        "opposed": opposed(rows, members),
        "edges": [_json_edge(e) for e in edges],
    }


def _json_edge(edge: dict[str, Any]) -> dict[str, Any]:
    """An edge with its dates as ISO strings."""
    out = dict(edge)
    for key in ("first_date", "last_date"):
        out[key] = edge[key].isoformat() if edge[key] else None
    return out


def _role(actor: str, row: dict[str, Any], table: dict[str, dict[str, Any]], kind: str | None) -> None:
    """Count one event into an actor's role entry (``kind``: threatened, voiced or None)."""
    entry = table.setdefault(actor, {"actor": actor, "count": 0, "towards": [], "threatened": Counter(),
                                     "voiced": Counter(), "by_type": Counter(), "by_modality": Counter()})
    entry["count"] += 1
    other = row["target"] if row["source"] == actor else row["source"]
    if other not in entry["towards"]:
        entry["towards"].append(other)
    entry["by_modality"][str(row.get("modality"))] += 1
    if kind:
        entry[kind][str(row.get("modality"))] += 1
    entry["by_type"][row["type"]] += 1


def _finish(table: dict[str, dict[str, Any]], drop: tuple[str, ...]) -> list[dict[str, Any]]:
    """Role entries as plain dicts, most events first."""
    out = []
    for entry in table.values():
        item = {k: dict(v) if isinstance(v, Counter) else v for k, v in entry.items() if k not in drop}
        item["towards"] = sorted(item["towards"])
        out.append(item)
    return sorted(out, key=lambda e: (-e["count"], e["actor"]))


def concerned(rows: list[dict[str, Any]], members: set[str]) -> list[dict[str, Any]]:
    """Actors outside the blocs threatened by a member, or voicing concern towards one."""
    table: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row.get("modality") == "negated":
            continue
        source, target, kind = row["source"], row["target"], row["type"]
        if kind in THREAT_TYPES and source in members and target not in members:
            _role(target, row, table, "threatened")
        elif kind in CONCERN_TYPES and target in members and source not in members:
            _role(source, row, table, "voiced")
    return _finish(table, ())


def opposed(rows: list[dict[str, Any]], members: set[str]) -> list[dict[str, Any]]:
    """Actors outside the blocs that are targets of a member's conflict events other than threats."""
    table: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row.get("modality") == "negated" or row["type"] not in OPPOSED_TYPES:
            continue
        if row["source"] in members and row["target"] not in members:
            _role(row["target"], row, table, None)
    return _finish(table, ("threatened", "voiced"))
