// SVG charts of the dashboard: timeline, map, actor network.
// Data values only ever reach the page as text (textContent) or as numbers in attributes.

const SVG = "http://www.w3.org/2000/svg";

// one colour per PLOVER type, in the order of the sorted type list
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
  "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f",
  "#d62728"];

export function svgNode(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (parent) parent.appendChild(node);
  return node;
}

function tooltip(node, text) {
  svgNode("title", {}, node).textContent = text;
}

export function typeColour(types, type) {
  const i = types.indexOf(type);
  return i < 0 ? "#999" : PALETTE[i % PALETTE.length];
}

const MONTH = /^\d{4}-\d{2}$/;

// Stacked bars: one per month, one segment per type. rows: [{month, type, events}].
// Events dated only by year (or of an unknown month) have no bar: returns how many.
export function drawTimeline(svg, legend, allRows, types, onType) {
  svg.replaceChildren();
  legend.replaceChildren();
  const rows = allRows.filter((r) => MONTH.test(r.month || ""));
  const undated = allRows.reduce((n, r) => n + (MONTH.test(r.month || "") ? 0 : r.events), 0);
  const months = [...new Set(rows.map((r) => r.month))].sort();
  if (!months.length) {
    svgNode("text", { x: 320, y: 120, "text-anchor": "middle", class: "note" }, svg)
      .textContent = "no events";
    return undated;
  }
  const width = 640, height = 240, left = 36, bottom = 36, top = 10;
  const totals = new Map(months.map((m) => [m, 0]));
  rows.forEach((r) => totals.set(r.month, totals.get(r.month) + r.events));
  const max = Math.max(...totals.values());
  const band = (width - left - 10) / months.length;
  const scale = (height - top - bottom) / max;
  svgNode("line", { x1: left, y1: height - bottom, x2: width - 10, y2: height - bottom,
    stroke: "#999" }, svg);
  svgNode("text", { x: left - 4, y: top + 8, "text-anchor": "end", "font-size": 10 }, svg)
    .textContent = String(max);
  const stacked = new Map(months.map((m) => [m, 0]));
  const shown = new Set();
  for (const r of [...rows].sort((a, b) => a.type.localeCompare(b.type))) {
    const i = months.indexOf(r.month);
    const h = r.events * scale;
    const y = height - bottom - stacked.get(r.month) - h;
    stacked.set(r.month, stacked.get(r.month) + h);
    const bar = svgNode("rect", { x: left + i * band + band * 0.1, y, width: band * 0.8,
      height: h, fill: typeColour(types, r.type), class: "bar" }, svg);
    bar.dataset.type = r.type;
    tooltip(bar, `${r.month} ${r.type}: ${r.events}`);
    shown.add(r.type);
  }
  const every = Math.ceil(months.length / 12);
  months.forEach((m, i) => {
    if (i % every) return;
    svgNode("text", { x: left + (i + 0.5) * band, y: height - bottom + 14,
      "text-anchor": "middle", "font-size": 10 }, svg).textContent = m;
  });
  for (const type of [...shown].sort()) {
    const item = document.createElement("button");
    item.type = "button";
    item.title = `show ${type} only`;
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = typeColour(types, type);
    item.append(swatch, type);
    item.addEventListener("click", () => onType(type));
    legend.append(item);
  }
  return undated;
}

// Equirectangular: x = lon + 180, y = 90 - lat in a 360 x 180 box.
export function drawBasemap(group, basemap) {
  group.replaceChildren();
  for (let lon = -150; lon <= 150; lon += 30) {
    svgNode("line", { x1: lon + 180, y1: 0, x2: lon + 180, y2: 180, stroke: "#dde4ec",
      "stroke-width": 0.3 }, group);
  }
  for (let lat = -60; lat <= 60; lat += 30) {
    svgNode("line", { x1: 0, y1: 90 - lat, x2: 360, y2: 90 - lat, stroke: "#dde4ec",
      "stroke-width": 0.3 }, group);
  }
  const c = basemap.cell;
  const d = basemap.points
    .map(([lon, lat]) => `M${(lon + 180 - c / 2).toFixed(2)} ${(90 - lat - c / 2).toFixed(2)}h${c}v${c}h${-c}z`)
    .join("");
  svgNode("path", { d, fill: "#cfd8c8", stroke: "none", class: "land" }, group);
}

// rows: [{location_name, location_country, lat, lon, events}]; returns the unlocated count
export function drawPlaces(group, rows) {
  group.replaceChildren();
  let unlocated = 0;
  const max = Math.max(1, ...rows.map((r) => r.events));
  for (const r of rows) {
    if (typeof r.lat !== "number" || typeof r.lon !== "number") {
      unlocated += r.events;
      continue;
    }
    const dot = svgNode("circle", { cx: r.lon + 180, cy: 90 - r.lat,
      r: 1.2 + 4 * Math.sqrt(r.events / max), class: "place" }, group);
    tooltip(dot, `${r.location_name || "?"} (${r.location_country || "?"}): ${r.events}`);
  }
  return unlocated;
}

// Actors on a circle; links are curved arrows actor -> recipient.
export function drawNetwork(svg, network, onActor) {
  svg.replaceChildren();
  const defs = svgNode("defs", {}, svg);
  for (const [id, colour] of [["arrow-coop", "#1b8a6b"], ["arrow-conflict", "#c0392b"],
    ["arrow-neutral", "#999"]]) {
    // in user units: the arrowhead keeps its size whatever the width of the link
    const marker = svgNode("marker", { id, viewBox: "0 0 10 10", refX: 10, refY: 5,
      markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse" }, defs);
    svgNode("path", { d: "M0 0L10 5L0 10z", fill: colour }, marker);
  }
  const actors = network.actors;
  if (!actors.length) {
    svgNode("text", { x: 0, y: 0, "text-anchor": "middle" }, svg).textContent = "no actors";
    return;
  }
  const radius = 170;
  const maxEvents = Math.max(...actors.map((a) => a.events));
  const where = new Map();
  actors.forEach((a, i) => {
    const angle = (2 * Math.PI * i) / actors.length - Math.PI / 2;
    where.set(a.name, { x: radius * Math.cos(angle), y: radius * Math.sin(angle), angle,
      r: 3 + 9 * Math.sqrt(a.events / maxEvents) });
  });
  const maxWeight = Math.max(1e-9, ...network.links.map((l) => Math.abs(l.intensity || 0)));
  const links = svgNode("g", {}, svg);
  for (const l of network.links) {
    const a = where.get(l.actor), b = where.get(l.recipient);
    if (!a || !b) continue;
    const value = l.intensity || 0;
    const kind = value > 0 ? "coop" : value < 0 ? "conflict" : "neutral";
    const colour = { coop: "#1b8a6b", conflict: "#c0392b", neutral: "#999" }[kind];
    // end at the rim of the recipient's circle; bend toward the centre
    const dx = b.x - a.x, dy = b.y - a.y, length = Math.hypot(dx, dy) || 1;
    const ex = b.x - (dx / length) * (b.r + 2), ey = b.y - (dy / length) * (b.r + 2);
    const path = svgNode("path", {
      d: `M${a.x.toFixed(1)} ${a.y.toFixed(1)}Q${((a.x + b.x) / 4).toFixed(1)} ${((a.y + b.y) / 4).toFixed(1)} ${ex.toFixed(1)} ${ey.toFixed(1)}`,
      stroke: colour, "stroke-width": (0.8 + 5 * Math.abs(value) / maxWeight).toFixed(2),
      "marker-end": `url(#arrow-${kind})`, class: `link ${kind}`,
    }, links);
    tooltip(path, `${l.actor} → ${l.recipient}: ${l.events} events, intensity ${value}`);
  }
  const nodes = svgNode("g", {}, svg);
  for (const a of actors) {
    const p = where.get(a.name);
    const node = svgNode("g", { class: "node", transform: `translate(${p.x.toFixed(1)} ${p.y.toFixed(1)})` }, nodes);
    node.dataset.actor = a.name;
    svgNode("circle", { r: p.r.toFixed(1) }, node);
    const right = Math.cos(p.angle) >= 0;
    const label = svgNode("text", { x: (right ? 1 : -1) * (p.r + 3), y: 3,
      "text-anchor": right ? "start" : "end" }, node);
    label.textContent = a.name;
    tooltip(node, `${a.name} (${a.country || "?"} ${a.sector || ""}): ${a.as_actor} as actor, ${a.as_recipient} as recipient`);
    node.addEventListener("click", () => onActor(a.name));
  }
}
