"""``export``: write the store's events or occurrences in one of the supported formats."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import IO, Any

import networkx as nx

from ..analysis.graph import actor_graph
from .gdelt import gdelt_rows
from .plover import plover_records

FORMATS = ("gdelt", "plover", "parquet", "graphml", "csv")
BINARY = frozenset({"parquet"})  # needs a file path; the others can go to a stream


def export(store: Any, fmt: str, out: Path | IO[str], *, since: date | str | None = None,
           until: date | str | None = None) -> int:
    """Write the store's data in ``fmt`` to ``out`` (a path, or a text stream for text formats).

    - gdelt: one GDELT 2.0 event-table row per occurrence, 61 tab-separated columns, no header;
    - plover: one PLOVER JSON record per event, one per line, ``link`` = its occurrence;
    - parquet, csv: the events table with each event's ``occurrence_id`` (DuckDB COPY);
    - graphml: the signed actor graph of the occurrences (``analysis.actor_graph``).

    Returns:
        How many records (rows, events, or graph edges) were written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt in ("parquet", "csv") and isinstance(out, Path):
        return store.copy_events(out, fmt, since=since, until=until)
    if fmt in BINARY:
        raise ValueError(f"{fmt} needs an output file (-o PATH)")
    return _write_text(store, fmt, out, since, until)


def _write_text(store: Any, fmt: str, out: Path | IO[str], since: Any, until: Any) -> int:
    """Text formats to a path or an open stream."""
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return _write_text(store, fmt, handle, since, until)
    if fmt == "gdelt":
        occurrences = store.occurrences(since=since, until=until)
        docs = store.documents([o["first_doc_id"] for o in occurrences])
        rows = gdelt_rows(occurrences, docs)
        out.writelines("\t".join(row) + "\n" for row in rows)
        return len(rows)
    if fmt == "plover":
        events = store.events(since=since, until=until)
        records = plover_records(events, store.documents(sorted({e["doc_id"] for e in events})),
                                 store.occurrence_links())
        out.writelines(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records)
        return len(records)
    if fmt == "graphml":
        graph = actor_graph(store.occurrences(since=since, until=until), since=since, until=until)
        out.write("\n".join(nx.generate_graphml(graph)) + "\n")
        return graph.number_of_edges()
    events = store.events(since=since, until=until)  # csv to a stream
    links = store.occurrence_links()
    writer = csv.writer(out)
    names = [n for n in events[0] if n != "flow"] + ["flow", "occurrence_id"] if events else []
    writer.writerow(names)
    for event in events:
        event = event | {"flow": ";".join(event.get("flow") or []), "occurrence_id": links.get(event["id"])}
        writer.writerow(["" if event[n] is None else event[n] for n in names])
    return len(events)
