"""Events as PLOVER JSON records (PLOVER manual, "Data Fields"), one per line.

One record per event (a sentence's coding), as PLOVER codes sentences. Events of one occurrence
share its id in ``link``, the manual's field for a common reference across related events.
Standard fields: ``id``, ``date``, ``source`` and ``recipient`` (lists of actor objects with
``code``, ``sector``, ``office``, ``identifier_text`` for a named person), ``event``, ``mode`` and
``context`` (lists), ``quad_code``, ``event_scale`` (Goldstein), ``event_text`` (the trigger),
``text_info`` (``sequence``, ``start``, ``end``, plus our ``sentence``, ``part`` and ``trigger``
span), ``cite_info`` (``url``, ``title``, ``language``, ``publication``, ``corpus``, ``citation``,
``coder``, ``codebook``), ``link`` and ``coder``. Extension fields (the manual allows named
extras): ``modality``, ``flow``, ``cameo``, ``confidence``.
"""

from __future__ import annotations

from typing import Any

from ..store.occurrences import outlet

CODER = "realpolitik"
CODEBOOK = "plover-2.0-draft"


def _actor(code: str | None, sector: str | None, person: str | None) -> list[dict[str, Any]]:
    """A one-actor PLOVER actor list."""
    if not code:
        return []
    actor: dict[str, Any] = {"code": code, "sector": sector}
    if person:
        actor["identifier_text"] = person
    return [actor]


def plover_record(event: dict[str, Any], doc: dict[str, Any], occurrence_id: str | None) -> dict[str, Any]:
    """One PLOVER record from an event row, its document row and its occurrence id."""
    day = event.get("date")
    return {
        "id": event["id"], "date": day.isoformat() if day else None,
        "source": _actor(event.get("source"), event.get("source_sector"), event.get("source_person")),
        "recipient": _actor(event.get("target"), event.get("target_sector"), event.get("target_person")),
        "event": [event["type"]], "mode": [event["mode"]] if event.get("mode") else [],
        "context": [event["context"]] if event.get("context") else [],
        "quad_code": event.get("quad"), "event_scale": event.get("goldstein"),
        "event_text": [event["trigger"]] if event.get("trigger") else [],
        "text_info": {"sequence": event.get("sentence_index"), "start": event.get("evidence_start"),
                      "end": event.get("evidence_end"), "sentence": event.get("evidence") or "",
                      "part": event.get("part"),
                      "trigger": {"text": event.get("trigger") or "", "start": event.get("trigger_start"),
                                  "end": event.get("trigger_end")}},
        "cite_info": {"url": doc.get("url"), "title": doc.get("title"), "language": event.get("language"),
                      "publication": outlet(doc.get("url"), doc.get("source")) if doc else None,
                      "corpus": doc.get("source"), "citation": event.get("doc_id"),
                      "coder": f"{CODER} {event.get('rule') or ''} {event.get('rule_version') or ''}".strip(),
                      "codebook": CODEBOOK},
        "link": occurrence_id, "coder": CODER,
        "modality": event.get("modality"), "flow": list(event.get("flow") or []), "cameo": event.get("cameo"),
        "confidence": event.get("confidence"),
    }


def plover_records(events: list[dict[str, Any]], docs: dict[str, dict[str, Any]],
                   links: dict[str, str]) -> list[dict[str, Any]]:
    """PLOVER records of event rows; ``docs`` maps doc id → row, ``links`` event id → occurrence id."""
    return [plover_record(e, docs.get(str(e.get("doc_id")), {}), links.get(str(e["id"]))) for e in events]
