"""Turning points: dyads whose cooperation–conflict index changes sharply between adjacent windows.

Rule: for every unordered dyad, compute the index (``timeline.cc_index``) of each window (a day,
week or month bucket) in which it has at least ``min_count`` weighted rows. Compare each such
window with the dyad's previous such window. A change of at least ``threshold`` Goldstein points
is a turning point; it is a *reversal* when the index changes sign.

``TURN_THRESHOLD`` = 4.0: on the Goldstein scale a dyad that went from meetings (CONSULT, +1 to +4)
to threats (THREATEN, −4.4) or from aid (+7.4) to talks only (+1.9) moves by about 4 or more, while
routine variation inside cooperation (consult vs. support) or inside conflict (accuse vs. threaten)
moves by 1–3. It is a judgement on those values, not a fit to data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .edges import MODALITY_WEIGHT, pair
from .timeline import bucket_label, bucket_start, cc_index, in_range

TURN_THRESHOLD = 4.0
MIN_COUNT = 1  # one report per window: small corpora have few; raise it for large ones


def _windows(rows: list[tuple[dict[str, Any], date]], bucket: str) -> dict[tuple[str, str], dict[date, list]]:
    """Rows grouped by unordered dyad and window start (self-pairs and weightless rows left out)."""
    grouped: dict[tuple[str, str], dict[date, list]] = {}
    for row, day in rows:
        a, b = pair(row)
        if a == b or MODALITY_WEIGHT.get(str(row.get("modality") or "asserted"), 0.0) == 0:
            continue
        grouped.setdefault((a, b), {}).setdefault(bucket_start(day, bucket), []).append(row)
    return grouped


def turning_points(rows: list[dict[str, Any]], *, since: date | str | None = None,
                   until: date | str | None = None, bucket: str = "month",
                   threshold: float = TURN_THRESHOLD, min_count: int = MIN_COUNT) -> list[dict[str, Any]]:
    """Sharp changes of a dyad's index between adjacent windows (see the module docstring).

    Returns:
        One dict per turning point, largest change first: ``a``, ``b``, ``before`` and ``after``
        (window label, start, index, count), ``change`` (after − before), ``direction``
        ("towards cooperation" / "towards conflict") and ``reversal`` (the sign flipped).
    """
    turns = []
    for (a, b), windows in _windows(in_range(rows, since, until), bucket).items():
        kept = [(start, cc_index(members)) for start, members in sorted(windows.items())
                if len(members) >= min_count]
        for (start0, before), (start1, after) in zip(kept, kept[1:]):
            change = after["index"] - before["index"]
            if abs(change) >= threshold:
                turns.append({
                    "a": a, "b": b, "change": round(change, 3),
                    "before": _window(start0, bucket, before), "after": _window(start1, bucket, after),
                    "direction": "towards cooperation" if change > 0 else "towards conflict",
                    "reversal": (before["index"] > 0) != (after["index"] > 0),
                })
    return sorted(turns, key=lambda t: (-abs(t["change"]), t["a"], t["b"], t["after"]["start"]))


def _window(start: date, bucket: str, index: dict[str, Any]) -> dict[str, Any]:
    """A window of a turning point."""
    return {"bucket": bucket_label(start, bucket), "start": start.isoformat(), "index": index["index"],
            "count": index["count"]}
