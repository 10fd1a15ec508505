// realpolitik dashboard: the charts, drawn with plotly.js (served from the installed plotly package).
// plotly renders labels as SVG text but reads a few pseudo-HTML tags (<br>, <b>, <a>) in them, so
// every string that comes from the store goes through plain() first and shows as typed.
"use strict";

const Charts = (() => {
  const COLOURS = { cooperation: "#1e8449", conflict: "#c0392b", neutral: "#8a94a6" };
  const BLOC_COLOURS = ["#1f4e79", "#7d3c98", "#b9770e", "#117a65", "#a93226", "#2e4053"];
  const COOPERATION = new Set(["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"]);
  const TYPE_COLOURS = {
    AGREE: "#27ae60", CONSULT: "#76b7b2", SUPPORT: "#59a14f", COOPERATE: "#2e86c1", AID: "#1e8449",
    CONCEDE: "#a3c586", RETREAT: "#c5d86d", REQUEST: "#b0a8d9", ACCUSE: "#f39c12", REJECT: "#e59866",
    THREATEN: "#e74c3c", PROTEST: "#f5b041", SANCTION: "#884ea0", MOBILIZE: "#d35400", COERCE: "#922b21",
    ASSAULT: "#641e16",
  };
  const CONFIG = { displaylogo: false, responsive: true,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"] };
  const FONT = { family: "Inter, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", size: 12, color: "#1c2833" };

  /** Text from the store made inert for plotly's pseudo-HTML labels. */
  function plain(value) {
    return String(value ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /** Node positions: bloc members side by side on a circle, largest bloc first, then the rest. */
  function circle(nodes) {
    const ordered = [...nodes].sort((a, b) =>
      (a.bloc ?? 99) - (b.bloc ?? 99) || b.total - a.total || a.code.localeCompare(b.code));
    const pos = {};
    ordered.forEach((node, i) => {
      const angle = Math.PI / 2 - (2 * Math.PI * i) / Math.max(ordered.length, 1);
      pos[node.code] = [Math.cos(angle), Math.sin(angle)];
    });
    return pos;
  }

  // Spring layout (Fruchterman–Reingold) from the circle, so it is the same on every load.
  // Cooperation pulls harder than conflict, so blocs gather and adversaries keep apart.
  const PULL = { cooperation: 1.0, neutral: 0.4, conflict: 0.25 };

  function layout(nodes, edges) {
    const pos = circle(nodes);
    const codes = Object.keys(pos);
    const k = 2.4 / Math.sqrt(Math.max(codes.length, 1));
    for (let step = 0; step < 300; step++) {
      const heat = 0.12 * (1 - step / 300) + 0.002;
      const move = Object.fromEntries(codes.map((c) => [c, [0, 0]]));
      for (let i = 0; i < codes.length; i++) {
        for (let j = i + 1; j < codes.length; j++) {
          const [a, b] = [pos[codes[i]], pos[codes[j]]];
          const dx = a[0] - b[0], dy = a[1] - b[1], d = Math.max(Math.hypot(dx, dy), 0.01);
          const f = (k * k) / d / d;
          move[codes[i]][0] += dx * f; move[codes[i]][1] += dy * f;
          move[codes[j]][0] -= dx * f; move[codes[j]][1] -= dy * f;
        }
      }
      for (const e of edges) {
        if (!pos[e.a] || !pos[e.b]) continue;
        const [a, b] = [pos[e.a], pos[e.b]];
        const dx = a[0] - b[0], dy = a[1] - b[1], d = Math.max(Math.hypot(dx, dy), 0.01);
        const f = (d / k) * PULL[e.kind] * 0.5 * Math.min(1 + Math.log(e.count), 2.5);
        move[e.a][0] -= dx * f; move[e.a][1] -= dy * f;
        move[e.b][0] += dx * f; move[e.b][1] += dy * f;
      }
      for (const c of codes) {
        const [mx, my] = [move[c][0] - pos[c][0] * 1.2, move[c][1] - pos[c][1] * 1.2];
        const length = Math.max(Math.hypot(mx, my), 1e-9);
        const step_ = Math.min(length, heat);
        pos[c] = [pos[c][0] + (mx / length) * step_, pos[c][1] + (my / length) * step_];
      }
    }
    return normalise(pos);
  }

  /** Positions scaled into [-1, 1] on both axes. */
  function normalise(pos) {
    const xs = Object.values(pos).map((p) => p[0]), ys = Object.values(pos).map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const out = {};
    for (const [c, [x, y]] of Object.entries(pos)) {
      out[c] = [x1 > x0 ? (2 * (x - x0)) / (x1 - x0) - 1 : 0, y1 > y0 ? (2 * (y - y0)) / (y1 - y0) - 1 : 0];
    }
    return out;
  }

  function edgeWidth(edge) {
    return 1.5 + 2.2 * Math.sqrt(edge.count);
  }

  function edgeTrace(edge, pos) {
    const [a, b] = [pos[edge.a], pos[edge.b]];
    return {
      type: "scatter", mode: "lines", x: [a[0], b[0]], y: [a[1], b[1]], hoverinfo: "skip", showlegend: false,
      line: { color: COLOURS[edge.kind], width: edgeWidth(edge), dash: edge.asserted ? "solid" : "dot" },
      opacity: 0.75,
    };
  }

  function edgeLabel(edge) {
    const types = plain(Object.entries(edge.asserted_types || {}).map(([t, c]) => `${t} ${c}`).join(", "));
    return `${plain(edge.a)} – ${plain(edge.b)}: ${edge.kind}, score ${edge.score.toFixed(1)}<br>` +
      `${edge.count} occurrences (${edge.asserted} asserted, ${edge.hypothetical} hypothetical)` +
      (types ? `<br>asserted: ${types}` : "");
  }

  /** The actor graph; onEdge(a, b) and onNode(code) are called on clicks. */
  function drawGraph(div, graph, onEdge, onNode) {
    const pos = layout(graph.nodes, graph.edges);
    const edges = graph.edges.filter((e) => pos[e.a] && pos[e.b]);
    const mids = {
      type: "scatter", mode: "markers", showlegend: false, hoverinfo: "text",
      x: edges.map((e) => (pos[e.a][0] + pos[e.b][0]) / 2), y: edges.map((e) => (pos[e.a][1] + pos[e.b][1]) / 2),
      hovertext: edges.map(edgeLabel), customdata: edges.map((e) => ["edge", e.a, e.b, e.kind]),
      marker: { size: 11, color: edges.map((e) => COLOURS[e.kind]), opacity: 0.3, symbol: "diamond" },
    };
    const maxTotal = Math.max(1, ...graph.nodes.map((n) => n.total));
    const nodes = {
      type: "scatter", mode: "markers", showlegend: false, hoverinfo: "text",
      x: graph.nodes.map((n) => pos[n.code][0]), y: graph.nodes.map((n) => pos[n.code][1]),
      hovertext: graph.nodes.map((n) => `${plain(n.name)} (${plain(n.code)})<br>${n.total} events: ` +
        `${n.as_source} as source, ${n.as_target} as target`),
      customdata: graph.nodes.map((n) => ["node", n.code]),
      marker: { size: graph.nodes.map((n) => 14 + 26 * Math.sqrt(n.total / maxTotal)), color: "#ffffff", opacity: 1,
        line: { width: 3, color: graph.nodes.map((n) => n.bloc == null ? "#aab7b8" : BLOC_COLOURS[n.bloc % 6]) } },
    };
    const layoutSpec = {
      margin: { l: 10, r: 10, t: 10, b: 10 }, hovermode: "closest", dragmode: false, font: FONT,
      xaxis: { visible: false, range: [-1.2, 1.2], fixedrange: true }, yaxis: { visible: false, range: [-1.15, 1.15], fixedrange: true },
      paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff", hoverlabel: { font: { family: FONT.family } },
      annotations: graph.nodes.map((n) => ({
        x: pos[n.code][0], y: pos[n.code][1], text: `<b>${plain(n.code)}</b>`, showarrow: false,
        yshift: 12 + 13 * Math.sqrt(n.total / maxTotal), font: { size: 13, color: "#17202a", family: FONT.family },
        bgcolor: "rgba(255,255,255,0.85)", borderpad: 1, captureevents: false,
      })),
    };
    window.Plotly.react(div, [...edges.map((e) => edgeTrace(e, pos)), mids, nodes], layoutSpec, CONFIG);
    div.removeAllListeners?.("plotly_click");
    div.on("plotly_click", (event) => {
      const data = event.points[0] && event.points[0].customdata;
      if (!data) return;
      if (data[0] === "edge") onEdge(data[1], data[2]);
      else onNode(data[1]);
    });
  }

  /** Stacked bars per bucket by PLOVER type, and the cooperation–conflict index on a second axis
   * (buckets as the analysis timeline gives them: bucket, count, by_type, index). */
  function drawTimeline(div, buckets) {
    const labels = buckets.map((b) => plain(b.bucket));
    const types = [...new Set(buckets.flatMap((b) => Object.keys(b.by_type)))].sort((a, b) =>
      (COOPERATION.has(b) - COOPERATION.has(a)) || a.localeCompare(b));
    const traces = types.map((type) => ({
      type: "bar", name: plain(type), x: labels, marker: { color: TYPE_COLOURS[type] || "#7f8c8d" },
      y: buckets.map((b) => b.by_type[type] || 0),
    }));
    traces.push({ type: "scatter", mode: "lines+markers", name: "co-operation–conflict index", yaxis: "y2",
      x: labels, y: buckets.map((b) => b.index), connectgaps: false,
      line: { color: "#17202a", width: 2 }, marker: { size: 7 } });
    window.Plotly.react(div, traces, {
      barmode: "stack", margin: { l: 44, r: 44, t: 10, b: 40 }, font: FONT, bargap: 0.35,
      legend: { orientation: "h", y: -0.22 }, xaxis: { type: "category" },
      yaxis: { title: { text: "occurrences" }, rangemode: "tozero" },
      yaxis2: { overlaying: "y", side: "right", range: [-10, 10], tickvals: [-10, -5, 0, 5, 10], zeroline: true, zerolinecolor: "#aab7b8",
        showgrid: false, title: { text: "index (−10 … +10)" } },
    }, CONFIG);
  }

  /** Horizontal bars per type, one series per direction (A → B, B → A). */
  function drawDirections(div, rows) {
    const directions = [...new Set(rows.map((r) => `${r.source} → ${r.target}`))].sort();
    const types = [...new Set(rows.map((r) => r.type))].sort();
    const palette = ["#1f4e79", "#b9770e", "#7d3c98", "#117a65"];
    const traces = directions.map((dir, i) => ({
      type: "bar", orientation: "h", name: plain(dir), y: types.map(plain), marker: { color: palette[i % palette.length] },
      x: types.map((t) => rows.filter((r) => `${r.source} → ${r.target}` === dir && r.type === t)
        .reduce((sum, r) => sum + r.count, 0)),
    }));
    window.Plotly.react(div, traces, {
      barmode: "group", margin: { l: 90, r: 10, t: 10, b: 40 }, font: FONT,
      legend: { orientation: "h", y: -0.2 }, xaxis: { title: { text: "occurrences" }, rangemode: "tozero" },
    }, CONFIG);
  }

  /** Horizontal bars of an actor's partners by net score, coloured by sign. */
  function drawPartners(div, dyads, code) {
    const top = dyads.slice(0, 15).reverse();
    window.Plotly.react(div, [{
      type: "bar", orientation: "h", x: top.map((d) => d.score),
      y: top.map((d) => plain(d.a === code ? d.b : d.a)), marker: { color: top.map((d) => COLOURS[d.kind]) },
      hovertext: top.map((d) => `${d.count} occurrences`), hoverinfo: "x+y+text",
    }], { margin: { l: 60, r: 10, t: 10, b: 40 }, font: FONT, xaxis: { title: { text: "net Goldstein score" } } },
    CONFIG);
  }

  return { COLOURS, BLOC_COLOURS, drawGraph, drawTimeline, drawDirections, drawPartners };
})();
