"""Inline SVG drawings for the report: the actor graph and dyad timeline bars. Text is escaped."""

from __future__ import annotations

from html import escape
from typing import Any

import networkx as nx

WIDTH, HEIGHT, MARGIN = 760, 520, 50
BLOC_COLOURS = ("#1f77b4", "#9467bd", "#17becf", "#bcbd22", "#8c564b", "#e377c2")
NO_BLOC = "#7f7f7f"
COOPERATION, CONFLICT, NEUTRAL = "#2ca02c", "#d62728", "#aaaaaa"


def edge_colour(sign: int) -> str:
    """Green for cooperation, red for conflict, grey when balanced."""
    return COOPERATION if sign > 0 else CONFLICT if sign < 0 else NEUTRAL


def _component_layout(graph: nx.Graph, box: tuple[float, float, float, float]) -> dict[str, tuple[float, float]]:
    """A seeded spring layout of one connected graph, scaled into box (x, y, width, height)."""
    x0, y0, width, height = box
    if graph.number_of_nodes() == 1:
        return {str(next(iter(graph))): (x0 + width / 2, y0 + height / 2)}
    layout = nx.spring_layout(graph, seed=7, weight=None)
    xs = [float(p[0]) for p in layout.values()]
    ys = [float(p[1]) for p in layout.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {str(node): (x0 + (float(p[0]) - min(xs)) / span_x * width,
                        y0 + (float(p[1]) - min(ys)) / span_y * height) for node, p in layout.items()}


def _positions(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Node positions: the largest component on the left, the smaller ones stacked on the right.

    Laying out each component alone keeps a small pair from pushing the main graph into a corner.
    """
    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    if len(parts) == 1:
        return _component_layout(graph, (MARGIN, MARGIN, inner_w, inner_h))
    main_w = inner_w * 0.72
    positions = _component_layout(graph.subgraph(parts[0]), (MARGIN, MARGIN, main_w, inner_h))
    rest = parts[1:]
    cell = inner_h / len(rest)
    for i, part in enumerate(rest):
        box = (MARGIN + main_w + 40, MARGIN + i * cell + cell * 0.15, inner_w - main_w - 40, cell * 0.7)
        positions.update(_component_layout(graph.subgraph(part), box))
    return positions


def graph_svg(graph: nx.Graph) -> str:
    """The signed actor graph: edge colour by sign, width by count, nodes coloured by bloc."""
    if graph.number_of_nodes() == 0:
        return '<p class="empty">No actor pairs in this range.</p>'
    pos = _positions(graph)
    top = max(d["count"] for _, _, d in graph.edges(data=True)) or 1
    parts = [f'<svg class="graph" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             'role="img" aria-label="actor graph">']
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: e[2]["count"]):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        width = 1 + 7 * data["count"] / top
        tip = f"{a}–{b}: {data['count']} occurrences, score {data['score']:+.1f}; {data['types']}"
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="{edge_colour(data["sign"])}" stroke-width="{width:.1f}" stroke-opacity="0.7">'
                     f'<title>{escape(tip)}</title></line>')
    for node, data in sorted(graph.nodes(data=True)):
        x, y = pos[node]
        colour = BLOC_COLOURS[data["bloc"] % len(BLOC_COLOURS)] if data["bloc"] >= 0 else NO_BLOC
        radius = 8 + min(14, data["count"])
        parts.append(f'<g><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}">'
                     f'<title>{escape(str(node))}: {data["count"]} occurrences</title></circle>'
                     f'<text x="{x:.1f}" y="{y - radius - 4:.1f}" text-anchor="middle">{escape(str(node))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def timeline_svg(buckets: list[dict[str, Any]], width: int = 360, height: int = 60) -> str:
    """Bars per bucket: height by count, colour by the bucket's index sign."""
    if not buckets:
        return ""
    top = max(b["count"] for b in buckets) or 1
    step = width / len(buckets)
    bars = []
    for i, bucket in enumerate(buckets):
        h = (height - 12) * bucket["count"] / top
        index = bucket["index"]
        colour = NEUTRAL if index is None or index == 0 else COOPERATION if index > 0 else CONFLICT
        tip = f"{bucket['bucket']}: {bucket['count']}, index {index if index is not None else '–'}"
        bars.append(f'<rect x="{i * step + 1:.1f}" y="{height - 12 - h:.1f}" width="{max(step - 2, 1):.1f}" '
                    f'height="{h:.1f}" fill="{colour}"><title>{escape(tip)}</title></rect>')
    labels = (f'<text x="0" y="{height - 1}" class="axis">{escape(buckets[0]["bucket"])}</text>'
              f'<text x="{width}" y="{height - 1}" class="axis" text-anchor="end">'
              f'{escape(buckets[-1]["bucket"])}</text>')
    return (f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
            + "".join(bars) + labels + "</svg>")
