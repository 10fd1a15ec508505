"""Dyad timelines and the cooperation–conflict index, over any date range, in day/week/month buckets.

Rows are event rows or occurrence rows (``Store.events()`` / ``Store.occurrences()``); with
occurrences every count is of occurrences.

**Index.** The cooperation–conflict index of a set of rows is the mean of their modality-weighted
Goldstein values (``edges.MODALITY_WEIGHT``: asserted 1.0, hypothetical 0.3, negated 0), taken
over the rows that carry any weight (asserted and hypothetical):

    index = Σ weight·goldstein / #(rows with weight > 0)        in [−10, +10]

A hypothetical threat (−4.4) thus moves the index by −1.32 per row, an asserted one by −4.4, and a
denial not at all. The *score* (the plain sum Σ weight·goldstein) grows with volume; the index does
not, so windows with few and many reports compare.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from ..events.ontology import QUAD
from .edges import MODALITY_WEIGHT, weighted_value
from .system import as_date

BUCKETS = ("day", "week", "month")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def bucket_start(day: date, bucket: str) -> date:
    """The first day of the bucket holding ``day`` (weeks start on Monday)."""
    if bucket == "day":
        return day
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")


def next_bucket(start: date, bucket: str) -> date:
    """The first day of the bucket after the one starting at ``start``."""
    if bucket == "day":
        return start + timedelta(days=1)
    if bucket == "week":
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def bucket_label(start: date, bucket: str) -> str:
    """``2024-11-30``, ``2024-W48`` or ``2024-11``."""
    if bucket == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat() if bucket == "day" else start.strftime("%Y-%m")


def quad_of(row: dict[str, Any]) -> int | None:
    """A row's quad class: its own, else its PLOVER type's."""
    quad = row.get("quad")
    return int(quad) if quad else QUAD.get(str(row.get("type")))


def cc_index(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The cooperation–conflict index of some rows (see the module docstring).

    Returns:
        ``index`` (None when no row carries weight), ``score``, ``count`` and the counts by modality.
    """
    weighted = [r for r in rows if MODALITY_WEIGHT.get(str(r.get("modality") or "asserted"), 0.0) > 0]
    score = sum(weighted_value(r | {"modality": r.get("modality") or "asserted"}) for r in rows)
    modalities = Counter(str(r.get("modality") or "asserted") for r in rows)
    return {"index": round(score / len(weighted), 3) if weighted else None, "score": round(score, 3),
            "count": len(rows), "asserted": modalities["asserted"], "hypothetical": modalities["hypothetical"],
            "negated": modalities["negated"]}


def in_range(rows: list[dict[str, Any]], since: date | str | None, until: date | str | None
             ) -> list[tuple[dict[str, Any], date]]:
    """(row, date) for the dated rows in the inclusive range; undated rows cannot be placed in time."""
    start, end = as_date(since), as_date(until)
    out = []
    for row in rows:
        day = as_date(row.get("date"))
        if day is not None and (start is None or day >= start) and (end is None or day <= end):
            out.append((row, day))
    return out


def between(rows: list[dict[str, Any]], a: str, b: str) -> list[dict[str, Any]]:
    """The rows between A and B, in either direction."""
    return [r for r in rows if {r.get("source"), r.get("target")} == {a, b} and a != b]


def _bucket_entry(start: date, bucket: str, members: list[dict[str, Any]]) -> dict[str, Any]:
    """One bucket of a timeline."""
    by_type = Counter(str(r.get("type")) for r in members)
    by_quad = Counter(quad_of(r) for r in members)
    return {"bucket": bucket_label(start, bucket), "start": start.isoformat(), "count": len(members),
            "by_type": dict(sorted(by_type.items())),
            "by_quad": {str(q): by_quad.get(q, 0) for q in QUAD_NAMES},
            **{k: v for k, v in cc_index(members).items() if k in ("index", "score")}}


def timeline(rows: list[dict[str, Any]], *, since: date | str | None = None, until: date | str | None = None,
             bucket: str = "month") -> list[dict[str, Any]]:
    """Rows counted per bucket, by type and by quad class, with each bucket's index and score.

    Every bucket from the first to the last (``since``/``until`` when given, else the data's) is
    listed, empty ones too, so charts get a continuous axis.

    Returns:
        One dict per bucket: ``bucket`` (label), ``start`` (ISO date), ``count``, ``by_type``,
        ``by_quad`` (keys "1"–"4"), ``index`` (None when empty) and ``score``.
    """
    placed = in_range(rows, since, until)
    if not placed and (since is None or until is None):
        return []
    days = [day for _, day in placed]
    first = bucket_start(as_date(since) or min(days), bucket)
    last = bucket_start(as_date(until) or max(days), bucket)
    groups: dict[date, list[dict[str, Any]]] = {}
    for row, day in placed:
        groups.setdefault(bucket_start(day, bucket), []).append(row)
    out, start = [], first
    while start <= last:
        out.append(_bucket_entry(start, bucket, groups.get(start, [])))
        start = next_bucket(start, bucket)
    return out


def dyad_timeline(rows: list[dict[str, Any]], a: str, b: str, *, since: date | str | None = None,
                  until: date | str | None = None, bucket: str = "month") -> dict[str, Any]:
    """The timeline of one dyad (both directions) with its overall index.

    Args:
        rows: event or occurrence rows (any actors; the dyad's are picked out).
        a, b: actor codes.
        since, until: inclusive date range (ISO strings or dates); undated rows are left out.
        bucket: "day", "week" or "month".

    Returns:
        ``a``, ``b``, ``bucket``, ``since``, ``until``, ``buckets`` (as ``timeline`` gives them)
        and ``total`` (``cc_index`` of all the dyad's rows in range).
    """
    mine = between(rows, a, b)
    placed = [row for row, _ in in_range(mine, since, until)]
    start, end = as_date(since), as_date(until)
    return {"a": a, "b": b, "bucket": bucket, "since": start.isoformat() if start else None,
            "until": end.isoformat() if end else None,
            "buckets": timeline(mine, since=since, until=until, bucket=bucket), "total": cc_index(placed)}
