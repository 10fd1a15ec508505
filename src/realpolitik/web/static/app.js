// realpolitik dashboard. Article text and everything else from the API is untrusted: the DOM is
// built with createElement and textContent only, never parsed as markup, so a <script> in an article
// shows as text. The page's Content-Security-Policy allows scripts from this origin only.
"use strict";

const state = { since: "", until: "", graph: null, open: null };
const API = "/api/v1";

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "className") node.className = value;
    else if (name === "onClick") node.addEventListener("click", value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message;
  box.hidden = !message;
}

/** GET an API path with the date range (and extra query parameters); throws the API's error message. */
async function api(path, params = {}, withRange = true) {
  const url = new URL(API + path, window.location.origin);
  const all = withRange ? { since: state.since, until: state.until, ...params } : params;
  for (const [key, value] of Object.entries(all)) if (value) url.searchParams.set(key, value);
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}

async function guarded(task) {
  try {
    showError("");
    await task();
  } catch (error) {
    showError(error.message);
  }
}

// ---- highlighted text ------------------------------------------------------------------------

const PRIORITY = { trigger: 3, source: 2, target: 1 };

/** A fragment of ``text`` with ``marks`` ({start, end, kind}) as <mark> elements; overlaps resolved
 * by priority (trigger, then source, then target). ``regions`` ({start, end, id}) wrap evidence. */
function highlighted(text, marks, regions = []) {
  const cuts = new Set([0, text.length]);
  for (const m of [...marks, ...regions]) {
    cuts.add(Math.max(0, Math.min(text.length, m.start)));
    cuts.add(Math.max(0, Math.min(text.length, m.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  let region = null;
  let regionNode = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = text.slice(start, end);
    const mark = marks.filter((m) => m.start <= start && end <= m.end)
      .sort((a, b) => PRIORITY[b.kind] - PRIORITY[a.kind])[0];
    const node = mark ? el("mark", { className: `hl-${mark.kind}`, title: mark.actor || mark.kind }, piece)
      : document.createTextNode(piece);
    const inside = regions.find((r) => r.start <= start && end <= r.end) || null;
    if (inside !== region) {
      region = inside;
      regionNode = inside ? el("span", { className: "evidence", id: `sent-${inside.id}` }) : null;
      if (regionNode) fragment.append(regionNode);
    }
    (regionNode || fragment).append(node);
  }
  return fragment;
}

// ---- summary, graph and lists ----------------------------------------------------------------

async function loadSummary() {
  const info = await api("", {}, false);
  const box = document.getElementById("store-summary");
  box.textContent = `${info.documents} documents · ${info.events} events in ${info.occurrences} occurrences · ` +
    `${info.first_date || "?"} – ${info.last_date || "?"} · ingest ${info.ingest}`;
  document.getElementById("since").placeholder = info.first_date || "";
}

async function loadGraph() {
  const graph = await api("/graph");
  state.graph = graph;
  const caption = document.getElementById("graph-caption");
  caption.textContent = `${graph.nodes.length} actors · ${graph.edges.length} relations · ` +
    `${graph.n_occurrences} occurrences` + (graph.since || graph.until ? ` · ${graph.since || "…"} to ${graph.until || "…"}` : "");
  const div = document.getElementById("graph");
  if (window.Plotly) Charts.drawGraph(div, graph, openDyad, openActor);
  else div.textContent = "plotly.js did not load; use the lists on the right.";
  renderEdgeList(graph);
  renderActorList(graph);
  renderBlocs(graph);
}

function renderBlocs(graph) {
  const list = clear(document.getElementById("bloc-legend"));
  graph.blocs.forEach((members, i) => {
    const ring = el("span", { className: "swatch-node" });
    ring.style.borderColor = Charts.BLOC_COLOURS[i % Charts.BLOC_COLOURS.length];
    list.append(el("li", {}, ring, el("strong", {}, `bloc ${i + 1}`), members.join(" · ")));
  });
  if (!graph.blocs.length) list.append(el("li", {}, "no bloc: no pair tied by asserted cooperation"));
}

function renderEdgeList(graph) {
  const list = clear(document.getElementById("edge-list"));
  for (const edge of graph.edges) {
    const label = `${edge.a} – ${edge.b}`;
    list.append(el("li", {}, el("button", {
      type: "button", className: `edge ${edge.kind}`, "data-testid": `edge-${edge.a}-${edge.b}`,
      "data-kind": edge.kind, title: `${edge.kind}, score ${edge.score}`, onClick: () => openDyad(edge.a, edge.b),
    }, el("span", { className: `swatch ${edge.kind}` }), el("span", { className: "edge-name" }, label),
    el("span", { className: "edge-count" }, `${edge.count}`),
    el("span", { className: `score ${edge.kind}` }, signed(edge.score)))));
  }
  if (!graph.edges.length) list.append(el("li", { className: "caption" }, "no relations in this range"));
}

function renderActorList(graph) {
  const list = clear(document.getElementById("actor-list"));
  for (const node of graph.nodes) {
    list.append(el("li", {}, el("button", {
      type: "button", className: "actor", "data-testid": `actor-${node.code}`, title: node.name,
      onClick: () => openActor(node.code),
    }, el("strong", {}, node.code), " ", el("span", { className: "caption" }, node.name),
    el("span", { className: "edge-count" }, `${node.total}`))));
  }
}

function signed(value) {
  return (value > 0 ? "+" : "") + Number(value).toFixed(1);
}

// ---- dossiers --------------------------------------------------------------------------------

function openDossier(title) {
  const dossier = document.getElementById("dossier");
  dossier.hidden = false;
  document.getElementById("dossier-title").textContent = title;
  return dossier;
}

function stat(label, value, kind) {
  return el("div", { className: `stat ${kind || ""}` }, el("span", { className: "stat-value" }, value),
    el("span", { className: "stat-label" }, label));
}

async function openDyad(a, b) {
  state.open = { kind: "dyad", a, b };
  await guarded(async () => {
    const dyad = await api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`);
    const dossier = openDossier(`${dyad.a} – ${dyad.b}: ${nameOf(dyad.a)} and ${nameOf(dyad.b)}`);
    dossier.dataset.pair = `${dyad.a}-${dyad.b}`;
    const s = dyad.summary;
    const stats = clear(document.getElementById("dossier-stats"));
    if (s) {
      stats.append(stat("relation", s.kind, s.kind), stat("net score", signed(s.score), s.kind),
        stat("occurrences", String(s.count)), stat("mentions", String(dyad.events.length)),
        stat("asserted", String(s.asserted)),
        stat("hypothetical", String(s.hypothetical)), stat("negated", String(s.negated)),
        stat("first", s.first_date || "–"), stat("last", s.last_date || "–"));
    } else stats.append(el("p", { className: "caption" }, "no events between them in this date range"));
    document.getElementById("partners-block").hidden = true;
    document.getElementById("flows-block").hidden = false;
    document.getElementById("chart-second-title").textContent = "Occurrences by type and direction";
    renderFlows(dyad.flows);
    renderOccurrences(dyad.occurrences);
    undatedNote(dyad.undated);
    if (window.Plotly) {
      Charts.drawTimeline(document.getElementById("chart-timeline"), dyad.timeline.buckets);
      Charts.drawDirections(document.getElementById("chart-types"), dyad.by_type);
    }
    dossier.scrollIntoView({ behavior: "instant", block: "start" });
  });
}

async function openActor(code) {
  state.open = { kind: "actor", code };
  await guarded(async () => {
    const [actor, events] = await Promise.all([api(`/actors/${encodeURIComponent(code)}`),
      api("/occurrences", { actor: code, limit: 500 })]);
    const dossier = openDossier(`${actor.code}: ${actor.name}`);
    dossier.dataset.pair = actor.code;
    const stats = clear(document.getElementById("dossier-stats"));
    stats.append(stat("occurrences", String(actor.total)), stat("as source", String(actor.as_source ?? 0)),
      stat("as target", String(actor.as_target ?? 0)), stat("partners", String(actor.dyads.length)),
      stat("first", actor.first_date || "–"), stat("last", actor.last_date || "–"));
    document.getElementById("flows-block").hidden = true;
    renderPartners(actor);
    renderOccurrences(events.items, events.total);
    undatedNote(actor.undated);
    if (window.Plotly) {
      Charts.drawTimeline(document.getElementById("chart-timeline"), actor.timeline);
      document.getElementById("chart-second-title").textContent = "Partners by net score";
      Charts.drawPartners(document.getElementById("chart-types"), actor.dyads, actor.code);
    }
    dossier.scrollIntoView({ behavior: "instant", block: "start" });
  });
}

function undatedNote(count) {
  document.getElementById("timeline-note").textContent = count
    ? `${count} undated occurrence${count === 1 ? "" : "s"} not on the timeline` : "";
}

function nameOf(code) {
  const node = state.graph && state.graph.nodes.find((n) => n.code === code);
  return node ? node.name : code;
}

function renderFlows(flows) {
  const body = clear(document.getElementById("flows-body"));
  for (const flow of flows) {
    body.append(el("tr", { "data-testid": `flow-${flow.from}-${flow.to}-${flow.modality}`, className: flow.modality },
      el("td", {}, el("strong", {}, flow.from)), el("td", { className: "arrow" }, "→"),
      el("td", {}, el("strong", {}, flow.to)), el("td", {}, flow.items.join(", ")),
      el("td", {}, el("span", { className: `badge ${flow.modality}` }, flow.modality)),
      el("td", { className: "num" }, String(flow.count)), el("td", {}, flow.first_date || "–")));
  }
  if (!flows.length) body.append(el("tr", {}, el("td", { colspan: 7, className: "caption" }, "no flows")));
}

function renderPartners(actor) {
  document.getElementById("partners-block").hidden = false;
  const body = clear(document.getElementById("partners-body"));
  for (const d of actor.dyads) {
    const other = d.a === actor.code ? d.b : d.a;
    body.append(el("tr", {},
      el("td", {}, el("button", { type: "button", className: "link", onClick: () => openDyad(d.a, d.b) },
        `${actor.code} – ${other}`)),
      el("td", {}, el("span", { className: `badge ${d.kind}` }, d.kind)), el("td", { className: "num" }, signed(d.score)),
      el("td", { className: "num" }, String(d.count)),
      el("td", {}, Object.entries(d.asserted_types).map(([t, c]) => `${t} ${c}`).join(", ")),
      el("td", {}, d.last_date || "–")));
  }
}

/** Occurrences, each with its representative evidence highlighted and its mentions one click away. */
function renderOccurrences(rows, total) {
  const body = clear(document.getElementById("events-body"));
  for (const o of rows) {
    const row = el("tr", { className: `occurrence ${o.modality}`, "data-testid": `occ-${o.id}` },
      el("td", { className: "nowrap" }, o.date || "–"), el("td", {}, el("strong", {}, o.source)),
      el("td", {}, el("span", { className: "type" }, o.type), o.flow && o.flow.length ? el("div", { className: "caption" },
        o.flow.join(", ")) : null),
      el("td", {}, el("strong", {}, o.target)), el("td", {}, el("span", { className: `badge ${o.modality}` }, o.modality)),
      el("td", { className: "num", title: (o.outlets || []).join(", ") }, String(o.num_sources)),
      el("td", { className: "evidence-cell", lang: o.language || "" }, highlighted(o.evidence || "", o.spans || [])),
      el("td", { className: "nowrap" }, mentionsButton(o)));
    body.append(row);
  }
  if (total && total > rows.length) {
    body.append(el("tr", {}, el("td", { colspan: 8, className: "caption" }, `${rows.length} of ${total} shown`)));
  }
  if (!rows.length) body.append(el("tr", {}, el("td", { colspan: 8, className: "caption" }, "no occurrences")));
}

function mentionsButton(o) {
  const label = `${o.num_mentions} mention${o.num_mentions === 1 ? "" : "s"}`;
  const button = el("button", { type: "button", className: "link", "aria-expanded": "false",
    "data-testid": `mentions-${o.id}`, title: `${o.num_articles} articles from ${o.num_sources} sources` }, label);
  button.addEventListener("click", () => toggleMentions(button, o));
  return button;
}

/** Show (or hide) the rows of every article and sentence that reports an occurrence. */
async function toggleMentions(button, o) {
  const row = button.closest("tr");
  const open = row.nextElementSibling && row.nextElementSibling.classList.contains("mentions");
  if (open) {
    row.nextElementSibling.remove();
    button.setAttribute("aria-expanded", "false");
    return;
  }
  await guarded(async () => {
    const found = await api(`/occurrences/${encodeURIComponent(o.id)}`, {}, false);
    const list = el("ul", { className: "mention-list" });
    for (const m of found.mentions) {
      list.append(el("li", {}, el("span", { className: "caption" },
        `${m.date || "undated"} · ${m.outlet} · ${m.language || ""} · ${m.part || ""}`), " ",
      el("span", { className: "evidence-cell", lang: m.language || "" }, highlighted(m.evidence || "", m.spans || [])), " ",
      el("button", { type: "button", className: "link", onClick: () => openDocument(m.doc_id, m.id) }, "article")));
    }
    row.after(el("tr", { className: "mentions" }, el("td", { colspan: 8 }, list)));
    button.setAttribute("aria-expanded", "true");
  });
}

// ---- documents -------------------------------------------------------------------------------

async function loadDocuments() {
  const docs = await api("/documents", { limit: 200 });
  document.getElementById("docs-caption").textContent = docs.total > docs.items.length
    ? `newest ${docs.items.length} of ${docs.total} documents (all through /api/v1/documents)`
    : `${docs.total} documents, newest first`;
  const body = clear(document.getElementById("documents-body"));
  for (const d of docs.items) {
    body.append(el("tr", {}, el("td", { className: "nowrap" }, d.published ? d.published.slice(0, 10) : "–"),
      el("td", {}, d.language || ""),
      el("td", {}, el("button", { type: "button", className: "link", "data-testid": `doc-${d.id}`,
        onClick: () => openDocument(d.id) }, d.title || d.source || d.id)),
      el("td", { className: "num" }, String(d.n_events))));
  }
}

async function openDocument(id, eventId) {
  await guarded(async () => {
    const doc = await api(`/documents/${encodeURIComponent(id)}`, {}, false);
    const article = document.getElementById("article");
    article.hidden = false;
    article.dataset.doc = doc.id;
    document.getElementById("article-title").textContent = doc.title || doc.source;
    document.getElementById("article-meta").textContent = [doc.published && doc.published.slice(0, 16).replace("T", " "),
      doc.language, doc.dateline, doc.url || doc.source, `${doc.events.length} events`].filter(Boolean).join(" · ");
    const marks = [];
    const regions = [];
    for (const e of doc.events) {
      if (e.evidence_start == null) continue;
      if (!regions.some((r) => r.start === e.evidence_start)) {
        regions.push({ start: e.evidence_start, end: e.evidence_end, id: e.id });
      }
      for (const s of e.spans || []) marks.push({ ...s, start: s.start + e.evidence_start, end: s.end + e.evidence_start });
    }
    const body = clear(document.getElementById("article-body"));
    body.append(highlighted(doc.text || "", marks, regions));
    const target = eventId && doc.events.find((e) => e.id === eventId);
    const anchor = target && regions.find((r) => r.start === target.evidence_start);
    const node = anchor ? document.getElementById(`sent-${anchor.id}`) : article;
    if (anchor) node.classList.add("focus");
    node.scrollIntoView({ behavior: "instant", block: "center" });
  });
}

// ---- wiring ----------------------------------------------------------------------------------

async function loadTurns() {
  const turns = await api("/turning-points", { limit: 20 });
  const list = clear(document.getElementById("turn-list"));
  for (const t of turns.items) {
    const kind = t.change > 0 ? "cooperation" : "conflict";
    list.append(el("li", {}, el("button", {
      type: "button", className: "turn", "data-testid": `turn-${t.a}-${t.b}`, onClick: () => openDyad(t.a, t.b),
      title: `${t.direction}${t.reversal ? ", reversal" : ""}`,
    }, el("span", { className: `swatch ${kind}` }), el("span", { className: "edge-name" }, `${t.a} – ${t.b}`),
    el("span", { className: "caption" }, `${t.before.bucket} ${signed(t.before.index)} → ${t.after.bucket} ${signed(t.after.index)}`))));
  }
  if (!turns.items.length) list.append(el("li", { className: "caption" }, "none in this range"));
}

async function refresh() {
  await guarded(async () => {
    await Promise.all([loadGraph(), loadDocuments(), loadTurns()]);
    const open = state.open;
    if (open && open.kind === "dyad") await openDyad(open.a, open.b);
    if (open && open.kind === "actor") await openActor(open.code);
  });
}

function init() {
  document.getElementById("range-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.since = document.getElementById("since").value;
    state.until = document.getElementById("until").value;
    refresh();
  });
  document.getElementById("reset-range").addEventListener("click", () => {
    document.getElementById("since").value = "";
    document.getElementById("until").value = "";
    state.since = state.until = "";
    refresh();
  });
  document.getElementById("close-dossier").addEventListener("click", () => {
    document.getElementById("dossier").hidden = true;
    state.open = null;
  });
  document.getElementById("close-article").addEventListener("click", () => {
    document.getElementById("article").hidden = true;
  });
  guarded(loadSummary);
  refresh().then(() => document.body.setAttribute("data-ready", "true"));
}

document.addEventListener("DOMContentLoaded", init);
