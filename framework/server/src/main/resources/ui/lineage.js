"use strict";

// ---- lineage graph: upstream to the left, downstream to the right

function lineageGraph(g) {
  if (g.edges.length === 0) return '<p class="notice">No lineage recorded.</p>';
  const layer = new Map([[g.dataset, 0]]);
  for (let changed = true, rounds = 0; changed && rounds < 20; rounds++) {
    changed = false;
    for (const e of g.edges) {
      if (layer.has(e.to) && !layer.has(e.from)) { layer.set(e.from, layer.get(e.to) - 1); changed = true; }
      if (layer.has(e.from) && !layer.has(e.to)) { layer.set(e.to, layer.get(e.from) + 1); changed = true; }
    }
  }
  const columns = new Map();
  for (const n of g.nodes) {
    const l = layer.has(n) ? layer.get(n) : 0;
    if (!columns.has(l)) columns.set(l, []);
    columns.get(l).push(n);
  }
  const layers = [...columns.keys()].sort((a, b) => a - b);
  const NW = 210, NH = 34, GX = 80, GY = 18, P = 14;
  const rows = Math.max(...[...columns.values()].map(c => c.length));
  const W = P * 2 + layers.length * NW + (layers.length - 1) * GX, H = P * 2 + rows * NH + (rows - 1) * GY;
  const pos = new Map();
  layers.forEach((l, ci) => columns.get(l).forEach((n, ri) => {
    const offset = (rows - columns.get(l).length) * (NH + GY) / 2;
    pos.set(n, { x: P + ci * (NW + GX), y: P + offset + ri * (NH + GY) });
  }));
  const label = n => n.replace(/^lakemesh:\/\//, "").replace(/^file:/, "");
  const edges = g.edges.map(e => {
    const a = pos.get(e.from), b = pos.get(e.to);
    const x1 = a.x + NW, y1 = a.y + NH / 2, x2 = b.x - 4, y2 = b.y + NH / 2, mx = (x1 + x2) / 2;
    return `<path class="edge" d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}"><title>${esc(e.job)}</title></path>`;
  }).join("");
  const nodes = g.nodes.map(n => {
    const p = pos.get(n), kind = n === g.dataset ? "self" : n.startsWith("lakemesh://") ? "product" : "source";
    const text = label(n);
    return `<g class="node ${kind}" data-dataset="${esc(n)}"><rect x="${p.x}" y="${p.y}" width="${NW}" height="${NH}"/>
      <text x="${p.x + 10}" y="${p.y + 21}">${esc(text.length > 32 ? "…" + text.slice(-31) : text)}</text><title>${esc(n)}</title></g>`;
  }).join("");
  return `<div class="lineage"><svg id="lineage-graph" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="lineage graph">
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0,0 L10,5 L0,10 z" fill="#7d93ab"/></marker></defs>${edges}${nodes}</svg></div>
    <p class="muted">${g.nodes.length} datasets, ${g.edges.length} edges; upstream on the left, downstream on the right.</p>`;
}
