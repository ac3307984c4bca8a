// newsevents dashboard: shared filters (kept in the URL's #hash), four views, the evidence.
// Text from the store is only ever set with textContent or append(string), never parsed as HTML.

import { drawBasemap, drawNetwork, drawPlaces, drawTimeline } from "./charts.js";

const PAGE = 20;
const FILTERS = ["type", "actor", "recipient", "country", "sector", "aux", "from", "to",
  "min_sources"];
const ROLES = new Set(["actor", "trigger", "recipient"]);
const $ = (id) => document.getElementById(id);
const form = $("filters");
let types = [];
let offset = 0;

class ApiError extends Error {}

async function api(path, params = {}) {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(query ? `${path}?${query}` : path, {
    headers: { Accept: "application/json" },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(body && body.error ? body.error.message : `HTTP ${response.status}`);
  }
  return body;
}

function currentFilters() {
  const params = new URLSearchParams(location.hash.slice(1));
  const filters = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

function showFilters(filters) {
  for (const name of FILTERS) form.elements[name].value = filters[name] || "";
}

function setFilters(filters) {
  const clean = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const hash = new URLSearchParams(clean).toString();
  offset = 0;
  if (hash === location.hash.slice(1)) refresh();  // no hashchange event for the same hash
  else location.hash = hash;  // -> hashchange -> refresh()
}

function showError(error) {
  const box = $("error");
  box.textContent = error ? String(error.message || error) : "";
  box.hidden = !error;
}

function names(list) {
  return (list || []).join("; ") || "–";
}

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text == null ? "" : String(text);
  row.append(td);
  return td;
}

async function loadTable(filters) {
  const page = await api("/events", { ...filters, limit: PAGE, offset });
  const body = $("events").tBodies[0];
  body.replaceChildren();
  for (const event of page.events) {
    const row = document.createElement("tr");
    row.tabIndex = 0;
    row.dataset.eventId = event.id;
    cell(row, event.date);
    cell(row, event.mode ? `${event.type} (${event.mode})` : event.type);
    cell(row, names(event.actor_names));
    cell(row, names(event.recipient_names));
    cell(row, event.trigger_text);
    cell(row, `${event.num_mentions} / ${event.num_sources}`);
    row.addEventListener("click", () => openEvent(event.id, row));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") openEvent(event.id, row); });
    body.append(row);
  }
  $("event-count").textContent = `(${page.total})`;
  const last = Math.min(page.total, offset + page.events.length);
  $("page").textContent = page.total ? `${offset + 1}–${last} of ${page.total}` : "no events";
  $("prev").disabled = offset === 0;
  $("next").disabled = page.next_offset == null;
}

async function loadTimeline(filters) {
  const data = await api("/aggregate", { ...filters, kind: "type_month" });
  const undated = drawTimeline($("timeline"), $("timeline-legend"), data.rows, types,
    (type) => setFilters({ ...currentFilters(), type }));
  $("timeline-note").textContent = undated ? `${undated} events without a month are not shown` : "";
}

async function loadMap(filters) {
  const data = await api("/aggregate", { ...filters, kind: "location" });
  const unlocated = drawPlaces($("places"), data.rows);
  const total = data.rows.reduce((sum, r) => sum + r.events, 0);
  $("map-note").textContent = `${total - unlocated} of ${total} events have a known location`;
}

async function loadNetwork(filters) {
  const network = await api("/actors", { ...filters, limit: 24 });
  drawNetwork($("network"), network, (actor) => setFilters({ ...currentFilters(), actor }));
}

async function refresh() {
  const filters = currentFilters();
  showFilters(filters);
  document.body.dataset.state = "loading";
  const results = await Promise.allSettled([loadTable(filters), loadTimeline(filters),
    loadMap(filters), loadNetwork(filters)]);
  const failed = results.find((r) => r.status === "rejected");
  showError(failed ? failed.reason : null);
  document.body.dataset.state = failed ? "error" : "ready";
}

// The sentence as text nodes, with <mark> around actor, trigger and recipient.
// Offsets count code points (as the API does), hence Array.from rather than string indices.
function highlightedSentence(sentence, highlights) {
  const p = document.createElement("p");
  p.className = "sentence";
  const chars = Array.from(sentence || "");
  let pos = 0;
  const spans = highlights.filter((h) => ROLES.has(h.role))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  for (const h of spans) {
    if (h.start < pos) continue;  // overlaps the previous span: keep the first
    p.append(chars.slice(pos, h.start).join(""));
    const mark = document.createElement("mark");
    mark.className = `hl hl-${h.role}`;
    mark.dataset.role = h.role;
    mark.title = h.role;
    mark.textContent = chars.slice(h.start, h.end).join("");
    p.append(mark);
    pos = h.end;
  }
  p.append(chars.slice(pos).join(""));
  return p;
}

function safeLink(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function mentionItem(mention) {
  const item = document.createElement("li");
  item.dataset.mentionId = mention.id;
  const meta = document.createElement("div");
  meta.className = "note";
  meta.textContent = [mention.source || "unknown source", mention.published || "undated",
    `document ${mention.doc_id}`, mention.rule, `confidence ${mention.confidence}`]
    .filter(Boolean).join(" · ");
  item.append(meta, highlightedSentence(mention.evidence.sentence, mention.evidence.highlights));
  const href = mention.url && safeLink(mention.url);
  if (href) {
    const link = document.createElement("a");
    link.href = href;
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    link.textContent = "article";
    item.append(link);
  }
  return item;
}

async function openEvent(id, row) {
  const panel = $("evidence");
  panel.hidden = false;
  panel.dataset.state = "loading";
  document.querySelectorAll("tr.open").forEach((r) => r.classList.remove("open"));
  if (row) row.classList.add("open");
  try {
    const data = await api(`/events/${encodeURIComponent(id)}`);
    const e = data.event;
    const summary = document.createElement("p");
    summary.textContent = `${e.date || "undated"} · ${e.type}${e.mode ? ` (${e.mode})` : ""} · ` +
      `${names(e.actor_names)} → ${names(e.recipient_names)} · CAMEO ${e.cameo} · ` +
      `${e.num_mentions} mentions in ${e.num_sources} sources`;
    $("evidence-event").replaceChildren(summary);
    $("evidence-mentions").replaceChildren(...data.mentions.map(mentionItem));
    panel.dataset.eventId = id;
    panel.dataset.state = "ready";
  } catch (error) {
    showError(error);
    panel.dataset.state = "error";
  }
}

async function start() {
  // without its outline the map still shows the places: a missing base map is no failure
  const [vocabulary, basemap] = await Promise.all([api("/filters"),
    api("/dashboard/basemap.json").catch(() => null), api("/health").then((health) => {
      $("store-status").textContent = `${health.store.events} events from ` +
        `${health.store.documents} documents` + (health.store.dedup_current ? "" : " (dedup pending)");
    })]);
  types = vocabulary.types;
  for (const [name, values] of [["type", vocabulary.types], ["aux", vocabulary.aux]]) {
    for (const value of values) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      form.elements[name].append(option);
    }
  }
  if (basemap) {
    drawBasemap($("basemap"), basemap);
    $("map-attribution").textContent = `Base map: ${basemap.attribution}`;
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    setFilters(Object.fromEntries(FILTERS.map((n) => [n, form.elements[n].value.trim()])));
  });
  $("reset").addEventListener("click", () => setFilters({}));
  const turn = (step) => {
    offset = Math.max(0, offset + step);
    loadTable(currentFilters()).then(() => showError(null), showError);
  };
  $("prev").addEventListener("click", () => turn(-PAGE));
  $("next").addEventListener("click", () => turn(PAGE));
  $("close-evidence").addEventListener("click", () => { $("evidence").hidden = true; });
  window.addEventListener("hashchange", () => { offset = 0; refresh(); });
  await refresh();
}

start().catch((error) => {
  showError(error);
  document.body.dataset.state = "error";
});
