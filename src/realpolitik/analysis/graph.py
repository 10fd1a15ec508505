"""The signed actor graph, its blocs and flows, for any date range (report, GraphML, dashboard).

Nodes are actors; an edge joins two actors that act on each other, with the modality-weighted
Goldstein ``score`` of their rows (``edges.build_edges``), its ``index`` (score per weighted row)
and ``sign``: +1 cooperation, −1 conflict, 0 when the weights cancel. Every attribute is a str,
int, float or bool, so ``networkx.write_graphml`` writes it and Gephi reads it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from .blocs import find_blocs
from .edges import build_edges
from .flows import find_flows
from .system import _in_range, as_date


def select(rows: list[dict[str, Any]], since: date | str | None = None, until: date | str | None = None
           ) -> tuple[list[dict[str, Any]], list[date | None]]:
    """Rows with both actors in the date range (undated ones only when no range is set), and their dates."""
    start, end = as_date(since), as_date(until)
    pairs = [(row, as_date(row.get("date"))) for row in rows if row.get("source") and row.get("target")]
    pairs = [(row, day) for row, day in pairs if _in_range(day, start, end)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def edges(rows: list[dict[str, Any]], *, since: date | str | None = None,
          until: date | str | None = None) -> list[dict[str, Any]]:
    """One edge per unordered pair with score, counts by type and modality, first and last date."""
    return build_edges(*select(rows, since, until))


def blocs(rows: list[dict[str, Any]], *, since: date | str | None = None,
          until: date | str | None = None) -> list[dict[str, Any]]:
    """Communities of the cooperative part of the signed graph (see ``blocs.find_blocs``)."""
    return find_blocs(edges(rows, since=since, until=until))


def flows(rows: list[dict[str, Any]], *, since: date | str | None = None,
          until: date | str | None = None) -> list[dict[str, Any]]:
    """What goes from whom to whom, with ``since`` (the first date it is reported for) and evidence."""
    return find_flows(*select(rows, since, until))


def actor_graph(rows: list[dict[str, Any]], *, since: date | str | None = None,
                until: date | str | None = None) -> nx.Graph:
    """The signed actor graph with simple-typed attributes.

    Nodes: ``label`` (the code), ``count`` (rows it is in), ``bloc`` (index into ``blocs()``, −1
    when in none). Edges: ``score``, ``index``, ``sign``, ``count``, ``asserted``, ``hypothetical``,
    ``negated``, ``types`` ("AID 2, CONSULT 1"), ``first_date`` and ``last_date`` (ISO or "").
    """
    found = edges(rows, since=since, until=until)
    membership = {code: i for i, bloc in enumerate(find_blocs(found)) for code in bloc["members"]}
    graph = nx.Graph()
    for edge in found:
        for code in (edge["a"], edge["b"]):
            if code not in graph:
                graph.add_node(code, label=code, count=0, bloc=membership.get(code, -1))
            graph.nodes[code]["count"] += edge["count"]
        weighted = edge["asserted"] + edge["hypothetical"]
        graph.add_edge(edge["a"], edge["b"], score=float(edge["score"]),
                       index=round(edge["score"] / weighted, 3) if weighted else 0.0,
                       sign=(edge["score"] > 0) - (edge["score"] < 0), count=edge["count"],
                       asserted=edge["asserted"], hypothetical=edge["hypothetical"], negated=edge["negated"],
                       types=", ".join(f"{k} {v}" for k, v in edge["by_type"].items()),
                       first_date=edge["first_date"].isoformat() if edge["first_date"] else "",
                       last_date=edge["last_date"].isoformat() if edge["last_date"] else "")
    return graph
