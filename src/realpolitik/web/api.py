"""The read API under /api/v1: documents, events, occurrences, actors, dyads, flows, system, turning points, graph."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Path, Query, Request

from ..analysis import dyad_timeline, system as build_system, timeline, turning_points
from ..analysis.timeline import BUCKETS
from ..analysis.edges import build_edges
from ..analysis.flows import find_flows
from ..analysis.system import as_date
from ..store import SCHEMA_VERSION
from ..store import queries as store_queries
from . import queries
from .errors import ApiError
from .models import ERRORS, Page
from .names import actor_name
from .params import (DEFAULT_LIMIT, EventFilter, LangQ, Limit, Offset, actor_code, date_range, event_filter,
                     modality)
from .spans import evidence_spans

router = APIRouter(prefix="/api/v1", responses=ERRORS)
Range = Annotated[tuple[date | None, date | None], Depends(date_range)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Code = Annotated[str, Path(description="Actor code (e.g. RUS).", max_length=16)]
Bucket = Annotated[str, Query(pattern=f"^({'|'.join(BUCKETS)})$", description="Timeline bucket: day, week or month.")]


def connection(request: Request) -> Any:
    """A read-only store connection for one request (a FastAPI dependency)."""
    with request.app.state.store.read() as con:
        yield con


Con = Annotated[duckdb.DuckDBPyConnection, Depends(connection)]


def page(request: Request, items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    """The page envelope with a ``next`` link while rows remain."""
    following = None
    if offset + limit < total:
        following = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next": following}


def with_spans(row: dict[str, Any]) -> dict[str, Any]:
    """An event row with its highlight spans."""
    return {**row, "spans": evidence_spans(row)}


def with_first_spans(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Occurrence rows with the highlight spans of their representative mention's evidence."""
    firsts = queries.events_by_id(con, [r["first_event_id"] for r in rows if r.get("first_event_id")])
    out = []
    for row in rows:
        first = firsts.get(row.get("first_event_id") or "")
        out.append({**row, "spans": evidence_spans(first) if first else []})
    return out


@router.get("", summary="Store summary")
def info(request: Request, con: Con) -> dict[str, Any]:
    """Counts (documents, events, occurrences), the events' dates, the schema version, ingest state."""
    return {**queries.counts(con), "schema_version": SCHEMA_VERSION,
            "ingest": "token" if request.app.state.token else "closed"}


@router.get("/documents", response_model=Page, summary="List documents")
def documents(request: Request, con: Con, dates: Range, lang: LangQ = None,
              q: Annotated[str | None, Query(max_length=200, description="Text in the title or source.")] = None,
              limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Documents, newest first, without their text; ``since``/``until`` apply to the publication date."""
    rows, total = queries.documents_page(con, language=lang.lower() if lang else None, since=dates[0],
                                         until=dates[1], q=q, limit=limit, offset=offset)
    return page(request, rows, total, limit, offset)


@router.get("/documents/{doc_id}", summary="One document with its events")
def document(con: Con, doc_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """A document's text, related headlines, and its events with their highlight spans."""
    doc = queries.document(con, doc_id)
    if doc is None:
        raise ApiError(404, f"no document {doc_id!r}")
    doc["events"] = [with_spans(r) for r in queries.all_events(con, EventFilter(doc_id=doc_id))]
    return doc


@router.get("/events", response_model=Page, summary="List events")
def events(request: Request, con: Con, f: Filter, limit: Limit = DEFAULT_LIMIT,
           offset: Offset = 0) -> dict[str, Any]:
    """Events (mentions) matching every filter, oldest first, each with its evidence and highlight spans."""
    rows, total = queries.events_page(con, f, limit, offset)
    return page(request, [with_spans(r) for r in rows], total, limit, offset)


@router.get("/occurrences", response_model=Page, summary="List occurrences")
def occurrences(request: Request, con: Con, f: Filter, limit: Limit = DEFAULT_LIMIT,
                offset: Offset = 0) -> dict[str, Any]:
    """Occurrences (one happening, however many articles report it), oldest first, with NumMentions,
    NumArticles and NumSources. ``lang`` matches any language that reports it; ``source`` and
    ``target`` match either side of an undirected occurrence (CONSULT, COOPERATE, AGREE)."""
    rows, total = queries.events_page(con, f, limit, offset, "occurrences")
    return page(request, with_first_spans(con, rows), total, limit, offset)


@router.get("/occurrences/{occurrence_id}", summary="One occurrence with its mentions")
def occurrence(con: Con, occurrence_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """One occurrence and every article and sentence that reports it, with highlight spans."""
    found = store_queries.occurrence(con, occurrence_id)
    if found is None:
        raise ApiError(404, f"no occurrence {occurrence_id!r}")
    found["mentions"] = [with_spans(m) for m in found["mentions"]]
    return found


@router.get("/events/{event_id}", summary="One event")
def event(con: Con, event_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """One event with its evidence and highlight spans."""
    row = queries.event(con, event_id)
    if row is None:
        raise ApiError(404, f"no event {event_id!r}")
    return with_spans(row)


@router.get("/actors", response_model=Page, summary="List actors")
def actors(request: Request, con: Con, dates: Range, limit: Limit = DEFAULT_LIMIT,
           offset: Offset = 0) -> dict[str, Any]:
    """Actors with how often each is source and target, most active first."""
    rows = queries.actors(con, *dates)
    return page(request, [_named(r) for r in rows[offset:offset + limit]], len(rows), limit, offset)


@router.get("/actors/{code}", summary="One actor")
def actor(con: Con, code: Code, dates: Range, bucket: Bucket = "month") -> dict[str, Any]:
    """One actor's occurrence counts, its timeline (with the cooperation–conflict index of each
    bucket) and its dyads (partners with score and count)."""
    code = _known(con, code, "code")
    rows = store_queries.occurrences(con, actor=code, since=dates[0], until=dates[1])
    summary = next((r for r in queries.actors(con, *dates) if r["code"] == code), {"code": code, "total": 0})
    return {**_named(summary), "dyads": [_edge_json(e) for e in _edges(rows)],
            "timeline": timeline(rows, since=dates[0], until=dates[1], bucket=bucket),
            "undated": sum(1 for r in rows if r.get("date") is None)}


@router.get("/dyads", response_model=Page, summary="List dyads")
def dyads(request: Request, con: Con, dates: Range,
          actor: Annotated[str | None, Query(description="Only dyads with this actor.")] = None,
          limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Actor pairs with their cooperation–conflict score and occurrence counts, strongest first."""
    code = actor_code(actor)
    rows = store_queries.occurrences(con, actor=code, since=dates[0], until=dates[1])
    edges = [_edge_json(e) for e in _edges(rows)]
    return page(request, edges[offset:offset + limit], len(edges), limit, offset)


@router.get("/dyads/{a}/{b}", summary="One dyad: timeline, flows, occurrences and events")
def dyad(con: Con, a: Code, b: Code, dates: Range, bucket: Bucket = "month") -> dict[str, Any]:
    """What A and B do to each other, counted in occurrences: summary, counts by type, the timeline
    (per bucket: counts by type and quad class, cooperation–conflict index), flows, the occurrences,
    and every event (mention) behind them with its highlight spans."""
    a, b = _known(con, a, "a"), _known(con, b, "b")
    found = store_queries.dyad(con, a, b, since=dates[0], until=dates[1])
    occurrences = found["occurrences"]
    edges = _edges(occurrences)
    return {"a": a, "b": b, "since": _iso(dates[0]), "until": _iso(dates[1]),
            "summary": _edge_json(edges[0]) if edges else None, "by_type": found["by_type"],
            "timeline": dyad_timeline(occurrences, a, b, since=dates[0], until=dates[1], bucket=bucket),
            "undated": sum(1 for r in occurrences if r.get("date") is None),
            "flows": find_flows(occurrences, [as_date(r.get("date")) for r in occurrences]),
            "occurrences": with_first_spans(con, occurrences),
            "events": [with_spans(r) for r in found["events"]]}


@router.get("/system", summary="The alliance system")
def system(con: Con, dates: Range) -> dict[str, Any]:
    """Blocs, flows, concerned and opposed actors and every edge, counted in occurrences."""
    rows = store_queries.occurrences(con, since=dates[0], until=dates[1])
    return build_system(rows, since=dates[0], until=dates[1])


@router.get("/flows", response_model=Page, summary="List flows")
def flows(request: Request, con: Con, dates: Range,
          source: Annotated[str | None, Query(description="Giving actor.")] = None,
          target: Annotated[str | None, Query(description="Receiving actor.")] = None,
          modality_: Annotated[str | None, Query(alias="modality")] = None,
          limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """What goes from whom to whom (troops, weapons, technology …), asserted before hypothetical;
    ``count`` is in occurrences."""
    giver, receiver = actor_code(source, "source"), actor_code(target, "target")
    rows = store_queries.occurrences(con, actor=giver or receiver, modality=modality(modality_),
                                     since=dates[0], until=dates[1])
    found = [flow for flow in find_flows(rows, [as_date(r.get("date")) for r in rows])
             if giver in (None, flow["from"]) and receiver in (None, flow["to"])]
    return page(request, found[offset:offset + limit], len(found), limit, offset)


@router.get("/turning-points", response_model=Page, summary="List turning points")
def turns(request: Request, con: Con, dates: Range, bucket: Bucket = "month",
          threshold: Annotated[float, Query(ge=0, le=20, description="Index change that counts.")] = 4.0,
          limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Dyads whose cooperation–conflict index changes sharply between adjacent buckets, largest first."""
    rows = store_queries.occurrences(con, since=dates[0], until=dates[1])
    found = turning_points(rows, since=dates[0], until=dates[1], bucket=bucket, threshold=threshold)
    return page(request, found[offset:offset + limit], len(found), limit, offset)


@router.get("/graph", summary="The actor graph for the dashboard")
def graph(con: Con, dates: Range) -> dict[str, Any]:
    """Nodes (actors with counts and bloc) and edges (pairs with score, kind and occurrence counts)."""
    rows = store_queries.occurrences(con, since=dates[0], until=dates[1])
    result = build_system(rows, since=dates[0], until=dates[1])
    bloc_of = {code: i for i, bloc in enumerate(result["blocs"]) for code in bloc["members"]}
    nodes = [{**_named(r), "bloc": bloc_of.get(r["code"])} for r in queries.actors(con, *dates)]
    linked = {code for e in result["edges"] for code in (e["a"], e["b"])}
    return {"since": _iso(dates[0]), "until": _iso(dates[1]), "n_occurrences": result["n_events"],
            "nodes": [n for n in nodes if n["code"] in linked], "edges": [_kind(e) for e in result["edges"]],
            "blocs": [b["members"] for b in result["blocs"]]}


def _named(row: dict[str, Any]) -> dict[str, Any]:
    """An actor row with its English name."""
    return {**row, "name": actor_name(row.get("code"))}


def _edges(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dyad edges of event rows (the analysis module's, over the rows' dates)."""
    pairs = [(r, as_date(r.get("date"))) for r in rows if r.get("source") and r.get("target")]
    return build_edges([p[0] for p in pairs], [p[1] for p in pairs])


def _edge_json(edge: dict[str, Any]) -> dict[str, Any]:
    """An edge with ISO dates and its kind."""
    out = {**edge, **{k: _iso(edge.get(k)) for k in ("first_date", "last_date")}}
    return _kind(out)


def _kind(edge: dict[str, Any]) -> dict[str, Any]:
    """An edge marked cooperation (score > 0), conflict (< 0) or neutral."""
    score = edge["score"]
    return {**edge, "kind": "cooperation" if score > 0 else "conflict" if score < 0 else "neutral"}


def _known(con: duckdb.DuckDBPyConnection, value: str, name: str) -> str:
    """A checked actor code that occurs in the store; 404 when it never does."""
    code = actor_code(value, name)
    assert code is not None
    if not queries.scalar(con, "SELECT count(*) FROM events WHERE source = ? OR target = ?", [code, code]):
        raise ApiError(404, f"no events with actor {code!r}")
    return code


def _iso(value: Any) -> str | None:
    """A date as ISO text."""
    day = as_date(value)
    return day.isoformat() if day else None
