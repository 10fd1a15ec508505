"""Score predicted events against a gold set, the way ``../shared/eval/score.py`` does.

Within each document, events reduce to (source, target, type) triples; CONSULT, COOPERATE and AGREE
are unordered; a triple matching only a ``required: false`` gold event is neither right nor wrong.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GoldError
from .model import SYMMETRIC_TYPES

# Non-state armed groups score as the country they act in (the reference scorer does the same).
GROUP_COUNTRY = {"HAMAS": "PSE", "PIJ": "PSE", "HEZBOLLAH": "LBN", "HIZBOLLAH": "LBN", "HOUTHI": "YEM",
                 "HOUTHIS": "YEM", "FARC": "COL", "ELN": "COL", "TALIBAN": "AFG", "AL-SHABAAB": "SOM",
                 "SHABAAB": "SOM", "PKK": "TUR", "HTS": "SYR", "WAGNER": "RUS", "M23": "COD", "RSF": "SDN"}

Triple = tuple[str, str, str]


@dataclass
class Score:
    """Totals, per-type and per-language counts, and the missed and extra triples."""

    totals: Counter = field(default_factory=Counter)
    by_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_lang: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[tuple[str, Triple, str]] = field(default_factory=list)
    extras: list[tuple[str, Triple, str]] = field(default_factory=list)

    def summary(self, docs: int) -> dict:
        """The same summary fields as score.py --json."""
        precision, recall, f1 = prf(self.totals)
        return {
            "docs": docs, "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "modality_accuracy": _ratio(self.totals, "modality"), "sector_accuracy": _ratio(self.totals, "sector"),
            "by_lang": {k: round(prf(c)[2], 3) for k, c in sorted(self.by_lang.items())},
            "by_type": {k: round(prf(_with_totals(c))[2], 3) for k, c in sorted(self.by_type.items())},
        }


def triple(source: object, target: object, kind: object) -> Triple:
    """The scoring key of an event."""
    s, t, k = str(source).upper(), str(target).upper(), str(kind).upper()
    s, t = GROUP_COUNTRY.get(s, s), GROUP_COUNTRY.get(t, t)
    if k in SYMMETRIC_TYPES and t < s:
        s, t = t, s
    return s, t, k


def load_gold(path: Path) -> list[dict]:
    """Gold documents from JSON Lines, or the one-object seed format ({"file", "events"})."""
    text = path.read_text("utf-8")
    stripped = text.lstrip()
    try:
        if stripped.startswith("{") and '"file"' in stripped[:400]:
            one = json.loads(text)
            return [{"id": one["file"], "lang": one.get("document", {}).get("language", "?"),
                     "events": one["events"]}]
    except (json.JSONDecodeError, KeyError) as error:
        raise GoldError(f"{path}: not a gold file: {error}") from error
    docs = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise GoldError(f"{path}:{number}: invalid JSON: {error}") from error
    return docs


def score(gold_docs: list[dict], predicted: Mapping[str, list[dict]]) -> Score:
    """Score predictions (events grouped by document id) against gold documents."""
    result = Score()
    for doc in gold_docs:
        _score_doc(doc, predicted.get(str(doc["id"]), []), result)
    return result


def _score_doc(doc: dict, events: list[dict], result: Score) -> None:
    required, optional, gold_by = set(), set(), {}
    for event in doc["events"]:
        key = triple(event["source"], event["target"], event["type"])
        (required if event.get("required", True) else optional).add(key)
        gold_by.setdefault(key, event)
    optional -= required
    pred_by: dict[Triple, list[dict]] = {}
    for event in events:
        if event.get("source") and event.get("target") and event.get("type"):
            pred_by.setdefault(triple(event["source"], event["target"], event["type"]), []).append(event)
    found = set(pred_by)
    wrong, missed = found - required - optional, required - found
    counts = Counter(tp=len(found & required), fp=len(wrong), fn=len(missed),
                     predicted=len(found & required) + len(wrong), gold=len(required))
    result.totals.update(counts)
    result.by_lang[doc.get("lang", "?")].update(counts)
    _tally(doc, found & required, wrong, missed, gold_by, pred_by, result)
    for key in found & (required | optional):
        _check_attributes(gold_by[key], pred_by[key], result.totals)


def _tally(doc: dict, hits: set, wrong: set, missed: set, gold_by: dict, pred_by: dict, result: Score) -> None:
    for key in hits:
        result.by_type[key[2]]["tp"] += 1
    for key in wrong:
        result.by_type[key[2]]["fp"] += 1
        result.extras.append((doc["id"], key, pred_by[key][0].get("evidence", "")))
    for key in missed:
        result.by_type[key[2]]["fn"] += 1
        result.misses.append((doc["id"], key, gold_by[key].get("evidence", "")))


def _check_attributes(gold: dict, predicted: list[dict], totals: Counter) -> None:
    if "modality" in gold:
        totals["modality_checked"] += 1
        totals["modality_right"] += any(p.get("modality") == gold["modality"] for p in predicted)
    if gold.get("source_sector"):
        totals["sector_checked"] += 1
        totals["sector_right"] += any(p.get("source_sector") == gold["source_sector"] for p in predicted)


def prf(counts: Mapping[str, int]) -> tuple[float, float, float]:
    """Precision, recall and F1 from tp/predicted/gold counts."""
    precision = counts["tp"] / counts["predicted"] if counts["predicted"] else 0.0
    recall = counts["tp"] / counts["gold"] if counts["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _with_totals(counts: Counter) -> Counter:
    out = Counter(counts)
    out["predicted"], out["gold"] = counts["tp"] + counts["fp"], counts["tp"] + counts["fn"]
    return out


def _ratio(totals: Counter, name: str) -> float | None:
    checked = totals[f"{name}_checked"]
    return round(totals[f"{name}_right"] / checked, 3) if checked else None


def group_predictions(events: Iterable[dict], gold_ids: set[str]) -> dict[str, list[dict]]:
    """Predicted events by document id (a single-document gold set takes every prediction)."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for event in events:
        doc = str(event.get("doc", ""))
        if doc not in gold_ids and len(gold_ids) == 1:
            doc = next(iter(gold_ids))
        grouped[doc].append(event)
    return grouped
