"""Dyad edges: per unordered actor pair, counts by type and modality and a cooperation–conflict score.

The score of a pair is the sum of the Goldstein values of its events (−10 conflict … +10
cooperation), each weighted by its modality:

    asserted      × 1.0   the text states it happened
    hypothetical  × 0.3   feared, hoped, planned or possible ("could", "befürchtet", "hofft")
    negated       × 0.0   the text says it did not happen

0.3 is a judgement, not a fit: a feared threat should tilt a dyad, but three of them must not
outweigh one that happened. An event without a Goldstein value takes the value of its PLOVER
type's default CAMEO code.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from ..events.ontology import DEFAULT_CAMEO, goldstein

MODALITY_WEIGHT = {"asserted": 1.0, "hypothetical": 0.3, "negated": 0.0}
COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"})
CONFLICT = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                      "ASSAULT"})


def pair(row: dict[str, Any]) -> tuple[str, str]:
    """The unordered actor pair of an event row, sorted."""
    a, b = sorted((str(row["source"]), str(row["target"])))
    return a, b


def event_value(row: dict[str, Any]) -> float:
    """The Goldstein value of an event row, from its own field or its type's default code."""
    value = row.get("goldstein")
    if value is None:
        value = goldstein(DEFAULT_CAMEO.get(str(row.get("type")))) or 0.0
    return float(value)


def weighted_value(row: dict[str, Any]) -> float:
    """The Goldstein value discounted by the event's modality."""
    return event_value(row) * MODALITY_WEIGHT.get(str(row.get("modality")), 0.0)


def _new_edge(a: str, b: str) -> dict[str, Any]:
    """An empty edge between A and B."""
    return {"a": a, "b": b, "score": 0.0, "count": 0, "asserted": 0, "hypothetical": 0, "negated": 0,
            "by_type": Counter(), "by_modality": Counter(), "asserted_types": Counter(),
            "related_only": True, "first_date": None, "last_date": None}


def _add(edge: dict[str, Any], row: dict[str, Any], day: date | None) -> None:
    """Count one event row into its edge."""
    modality = str(row.get("modality") or "asserted")
    edge["score"] += weighted_value(row)
    edge["count"] += 1
    edge[modality] = edge.get(modality, 0) + 1
    edge["by_type"][row["type"]] += 1
    edge["by_modality"][modality] += 1
    if modality == "asserted":
        edge["asserted_types"][row["type"]] += 1
    edge["related_only"] = edge["related_only"] and row.get("part") == "related"
    if day is not None:
        edge["first_date"] = min(filter(None, (edge["first_date"], day)))
        edge["last_date"] = max(filter(None, (edge["last_date"], day)))


def build_edges(rows: list[dict[str, Any]], days: list[date | None]) -> list[dict[str, Any]]:
    """One edge per unordered actor pair (self-pairs left out), strongest score first."""
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for row, day in zip(rows, days, strict=True):
        a, b = pair(row)
        if a == b:
            continue
        _add(edges.setdefault((a, b), _new_edge(a, b)), row, day)
    for edge in edges.values():
        edge["score"] = round(edge["score"], 3)
        for key in ("by_type", "by_modality", "asserted_types"):
            edge[key] = dict(sorted(edge[key].items()))
    return sorted(edges.values(), key=lambda e: (-abs(e["score"]), e["a"], e["b"]))
