"""Blocs: communities of the positive (cooperative) part of the signed actor graph."""

from __future__ import annotations

from typing import Any

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities

from .edges import COOPERATION


def _is_cooperative(edge: dict[str, Any]) -> bool:
    """A positive edge backed by at least one asserted cooperation event."""
    return edge["score"] > 0 and any(t in COOPERATION for t in edge["asserted_types"])


def cooperation_graph(edges: list[dict[str, Any]]) -> nx.Graph:
    """The graph of cooperative edges, weighted by score."""
    graph = nx.Graph()
    for edge in edges:
        if _is_cooperative(edge):
            graph.add_edge(edge["a"], edge["b"], weight=edge["score"])
    return graph


def find_blocs(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Groups of two or more actors tied by asserted cooperation, largest first.

    Returns:
        One dict per bloc: ``members`` (sorted codes), ``score`` (sum of inner edge scores) and
        ``edges`` (the inner cooperative edges as a, b, score, asserted_types).
    """
    graph = cooperation_graph(edges)
    if graph.number_of_edges() == 0:
        return []
    blocs = []
    for community in greedy_modularity_communities(graph, weight="weight"):
        inner = graph.subgraph(community)
        if len(community) < 2 or inner.number_of_edges() == 0:
            continue
        blocs.append(_describe(sorted(community), edges))
    return sorted(blocs, key=lambda b: (-len(b["members"]), -b["score"], b["members"]))


def _describe(members: list[str], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """A bloc's members with the cooperative edges inside it."""
    inside = [e for e in edges if e["a"] in members and e["b"] in members and _is_cooperative(e)]
    return {
        "members": members,
        "score": round(sum(e["score"] for e in inside), 3),
        "edges": [{"a": e["a"], "b": e["b"], "score": e["score"], "count": e["count"],
                   "asserted_types": e["asserted_types"]} for e in inside],
    }
