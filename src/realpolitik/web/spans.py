"""Highlights in an evidence sentence: the trigger (stored) and the actors (found again).

The store keeps the trigger's span but not the actor mentions. The mentions are found again by
running the same actor resolver the pipeline used over the stored evidence sentence, on the
event's date; a mention is kept when it resolves to the event's source or target. A mention the
pipeline resolved only through document context (a bare "police" in a one-country story) is not
found again, and then that side is simply not highlighted. Cities are places, never actors, so a
city mention ("Kursk") is not highlighted as its country.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..actors import load_resolver
from ..model import Sentence
from ..text import tokenize

PLACES = frozenset({"city", "place"})


def _sentence(row: dict[str, Any]) -> Sentence | None:
    """The evidence of an event row as a tokenized Sentence at its document offsets."""
    text, start, language = row.get("evidence"), row.get("evidence_start"), row.get("language")
    if not text or start is None or not language:
        return None
    return Sentence(doc_id=str(row.get("doc_id")), index=int(row.get("sentence_index") or 0), start=int(start),
                    end=int(start) + len(text), text=text, language=language, part=row.get("part") or "body",
                    tokens=tokenize(text, int(start), language))


def _trigger(row: dict[str, Any], start: int, length: int) -> list[dict[str, Any]]:
    """The trigger span relative to the evidence, when it lies inside it."""
    t0, t1 = row.get("trigger_start"), row.get("trigger_end")
    if t0 is None or t1 is None or not 0 <= t0 - start < t1 - start <= length:
        return []
    return [{"kind": "trigger", "start": t0 - start, "end": t1 - start, "text": row.get("trigger")}]


def evidence_spans(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans to highlight in ``row["evidence"]``: kind (source, target, trigger), start, end (relative).

    Spans never overlap: an actor mention that overlaps the trigger is dropped.
    """
    sentence = _sentence(row)
    if sentence is None:
        return []
    start = sentence.start
    spans = _trigger(row, start, len(sentence.text))
    when = row.get("date") if isinstance(row.get("date"), date) else None
    roles = {row.get("source"): "source", row.get("target"): "target"}
    for mention in load_resolver().find_mentions(sentence, when=when):
        kind = roles.get(mention.actor.code) if mention.via not in PLACES else None
        s, e = mention.start - start, mention.end - start
        if kind and not any(s < o["end"] and o["start"] < e for o in spans):
            spans.append({"kind": kind, "start": s, "end": e, "text": mention.text, "actor": mention.actor.code})
    return sorted(spans, key=lambda span: span["start"])
