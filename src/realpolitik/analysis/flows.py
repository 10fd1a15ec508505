"""Flows: what goes from whom to whom (troops, weapons, technology …), from AID and COOPERATE events."""

from __future__ import annotations

from datetime import date
from typing import Any

FLOW_TYPES = frozenset({"AID", "COOPERATE"})


def _key(row: dict[str, Any]) -> tuple[str, str, str]:
    """A flow's identity: from, to and modality, so hypotheticals never merge with facts."""
    return str(row["source"]), str(row["target"]), str(row.get("modality") or "asserted")


def _evidence(row: dict[str, Any], day: date | None) -> dict[str, Any]:
    """The evidence of one flow event."""
    return {"doc_id": row.get("doc_id"), "sentence_index": row.get("sentence_index"),
            "part": row.get("part"), "date": day.isoformat() if day else None,
            "items": list(row.get("flow") or []), "evidence": row.get("evidence") or ""}


def find_flows(rows: list[dict[str, Any]], days: list[date | None]) -> list[dict[str, Any]]:
    """Flows grouped by (from, to, modality), asserted before hypothetical, busiest first.

    Each flow has ``from``, ``to``, ``items``, ``modality``, ``count``, ``first_date`` and its alias
    ``since`` (the earliest date it is reported for; None when undated), ``parts`` and ``evidence``.
    """
    flows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row, day in zip(rows, days, strict=True):
        if row.get("type") not in FLOW_TYPES or not row.get("flow") or row["source"] == row["target"]:
            continue
        source, target, modality = _key(row)
        flow = flows.setdefault((source, target, modality), {
            "from": source, "to": target, "items": [], "modality": modality, "count": 0,
            "first_date": None, "since": None, "parts": [], "evidence": []})
        flow["count"] += 1
        flow["items"] += [item for item in row["flow"] if item not in flow["items"]]
        if row.get("part") not in flow["parts"]:
            flow["parts"].append(row.get("part"))
        if day is not None and (flow["first_date"] is None or day.isoformat() < flow["first_date"]):
            flow["first_date"] = flow["since"] = day.isoformat()
        flow["evidence"].append(_evidence(row, day))
    order = {"asserted": 0, "hypothetical": 1, "negated": 2}
    return sorted(flows.values(), key=lambda f: (order.get(f["modality"], 3), -f["count"], f["from"], f["to"]))
