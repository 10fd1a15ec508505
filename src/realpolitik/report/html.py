"""Build and render the HTML report. Every piece of article text goes through ``html.escape``."""

from __future__ import annotations

from datetime import date, datetime, timezone
from html import escape
from typing import Any

from ..analysis import actor_graph, dyad_timeline, system, turning_points
from ..analysis.timeline import QUAD_NAMES
from .svg import graph_svg, timeline_svg

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.8em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ddd;padding:.25em .45em;
text-align:left;vertical-align:top}th{background:#f4f4f4}.num{text-align:right}
.hypothetical{font-style:italic;color:#8a6d00}.negated{color:#999}.evidence{font-size:.92em;color:#333}
.graph text{font-size:12px;font-weight:600}.timeline .axis{font-size:9px;fill:#666}
.legend span{display:inline-block;margin-right:1em}.swatch{display:inline-block;width:1em;height:.6em;
margin-right:.3em}.empty{color:#888}ul.mentions{margin:.2em 0;padding-left:1.2em}
"""
TOP_DYADS = 8
TOP_OCCURRENCES = 20


def _text(value: Any) -> str:
    """Any value as escaped text ('' for None)."""
    return "" if value is None else escape(str(value))


def _link(url: Any, label: Any) -> str:
    """An http(s) link, else the escaped label: no other scheme reaches an href."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(url, quote=True)}">{_text(label)}</a>'
    return _text(label)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """A table from already-escaped cells."""
    if not rows:
        return '<p class="empty">None in this range.</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def build_report(store: Any, *, since: date | str | None = None, until: date | str | None = None,
                 bucket: str = "month", top: int = TOP_OCCURRENCES) -> dict[str, Any]:
    """Gather what the report shows from a store (counts are of occurrences).

    Returns:
        A dict with ``since``, ``until``, ``counts``, ``graph`` (networkx), ``system``,
        ``timelines``, ``turns``, ``top`` (occurrences with their ``mentions``) and ``bucket``.
    """
    rows = store.occurrences(since=since, until=until)
    result = system(rows, since=since, until=until)
    pairs = sorted(result["edges"], key=lambda e: (-e["count"], e["a"], e["b"]))[:TOP_DYADS]
    ranked = sorted(rows, key=lambda o: (-o["num_sources"], -o["num_articles"], -abs(o.get("goldstein") or 0),
                                         str(o["id"])))[:top]
    days = [o["date"] for o in rows if o.get("date")]
    axis = (since or (min(days) if days else None), until or (max(days) if days else None))  # one shared axis
    mentions: dict[str, list[dict[str, Any]]] = {}
    for mention in store.mentions([o["id"] for o in ranked]):
        mentions.setdefault(mention["occurrence_id"], []).append(mention)
    return {
        "since": result["since"], "until": result["until"], "bucket": bucket,
        "counts": store.counts() | store.occurrence_counts() | {"in_range": len(rows)},
        "graph": actor_graph(rows, since=since, until=until), "system": result,
        "timelines": [dyad_timeline(rows, e["a"], e["b"], since=axis[0], until=axis[1], bucket=bucket)
                      for e in pairs],
        "turns": turning_points(rows, since=since, until=until, bucket=bucket),
        "top": [o | {"mentions": mentions.get(o["id"], [])} for o in ranked],
    }


def _summary(data: dict[str, Any]) -> str:
    counts = data["counts"]
    span = " – ".join(x or "…" for x in (data["since"], data["until"]))
    return (f"<p>Range: <b>{_text(span)}</b>. {counts['in_range']} occurrences in range; the store holds "
            f"{counts['documents']} documents, {counts['events']} events (mentions) and "
            f"{counts['occurrences']} occurrences. Counts below are of occurrences: one happening "
            "reported by many articles counts once.</p>")


def _legend() -> str:
    return ('<p class="legend"><span><i class="swatch" style="background:#2ca02c"></i>cooperation</span>'
            '<span><i class="swatch" style="background:#d62728"></i>conflict</span>'
            '<span>edge width: occurrences; node colour: bloc (grey: none)</span></p>')


def _blocs(blocs: list[dict[str, Any]]) -> str:
    rows = [[_text(" – ".join(b["members"])), f'<span class="num">{b["score"]:+.1f}</span>',
             "<br>".join(_text(f"{e['a']}–{e['b']}: {e['count']}, score {e['score']:+.1f}") for e in b["edges"])]
            for b in blocs]
    return _table(["members", "score", "ties"], rows)


def _flows(flows: list[dict[str, Any]]) -> str:
    rows = [[_text(f["from"]), _text(f["to"]), _text(", ".join(f["items"])),
             f'<span class="{_text(f["modality"])}">{_text(f["modality"])}</span>', str(f["count"]),
             _text(f.get("since") or "undated"),
             f'<span class="evidence">{_text(f["evidence"][0]["evidence"]) if f["evidence"] else ""}</span>']
            for f in flows]
    return _table(["from", "to", "items", "modality", "occurrences", "since", "evidence"], rows)


def _timelines(timelines: list[dict[str, Any]]) -> str:
    rows = []
    for t in timelines:
        total = t["total"]
        quads = {q: sum(b["by_quad"][str(q)] for b in t["buckets"]) for q in QUAD_NAMES}
        rows.append([_text(f"{t['a']}–{t['b']}"), timeline_svg(t["buckets"]), str(total["count"]),
                     _text(total["index"] if total["index"] is not None else "–"),
                     "<br>".join(_text(f"{QUAD_NAMES[q]}: {n}") for q, n in quads.items() if n)])
    return _table(["dyad", "occurrences per bucket (green: cooperation, red: conflict)", "total", "index",
                   "by quad class"], rows)


def _turns(turns: list[dict[str, Any]]) -> str:
    rows = [[_text(f"{t['a']}–{t['b']}"), _text(f"{t['before']['bucket']} ({t['before']['index']:+.1f})"),
             _text(f"{t['after']['bucket']} ({t['after']['index']:+.1f})"), _text(f"{t['change']:+.1f}"),
             _text(t["direction"] + (", reversal" if t["reversal"] else ""))] for t in turns]
    return _table(["dyad", "before", "after", "change", "direction"], rows)


def _mention(m: dict[str, Any]) -> str:
    return (f"<li>{_link(m.get('url'), m.get('outlet'))} [{_text(m.get('language'))}, {_text(m.get('part'))}"
            f"{', ' + _text(m['date']) if m.get('date') else ''}]: "
            f'<span class="evidence">{_text(m.get("evidence"))}</span></li>')


def _top(top: list[dict[str, Any]]) -> str:
    rows = [[_text(o["date"] or "undated"), _text(f"{o['source']} → {o['target']}"), _text(o["type"]),
             f'<span class="{_text(o["modality"])}">{_text(o["modality"])}</span>',
             f'{o["num_sources"]} / {o["num_articles"]} / {o["num_mentions"]}',
             f'<ul class="mentions">{"".join(_mention(m) for m in o["mentions"])}</ul>'] for o in top]
    return _table(["date", "actors", "type", "modality", "sources / articles / mentions", "evidence"], rows)


def render_report(data: dict[str, Any], title: str = "realpolitik report") -> str:
    """The report as one HTML document: inline CSS and SVG, no script, nothing fetched."""
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    sections = [
        ("Actor graph", _legend() + graph_svg(data["graph"])),
        ("Blocs", _blocs(data["system"]["blocs"])),
        ("Flows", _flows(data["system"]["flows"])),
        (f"Dyad timelines (by {data['bucket']})", _timelines(data["timelines"])),
        ("Turning points", _turns(data["turns"])),
        ("Top events with evidence", _top(data["top"])),
    ]
    body = "".join(f"<section><h2>{escape(name)}</h2>{html}</section>" for name, html in sections)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>'
            f"<body><h1>{escape(title)}</h1><p class=\"empty\">made {made}</p>{_summary(data)}{body}"
            "</body></html>\n")
