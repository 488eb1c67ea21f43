"use strict";

// ---- lineage graph: upstream to the left, downstream to the right. The server draws the graph
// (nodes and edges, hidden datasets kept apart); this file only lays it out. A product node opens
// its product page; a source shows its whole name, wrapped, never cut.

const LINEAGE_CHARS = 30;

/** A dataset name in lines of at most LINEAGE_CHARS, broken after a "/", "-", "_" or "." where one is near. */
function lineageLines(text) {
  const lines = [];
  let rest = text;
  while (rest.length > LINEAGE_CHARS) {
    const at = Math.max(...["/", "-", "_", "."].map(c => rest.lastIndexOf(c, LINEAGE_CHARS - 1)));
    const cut = at >= LINEAGE_CHARS / 2 ? at + 1 : LINEAGE_CHARS;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines;
}

function lineageLabel(node) {
  if (node.table) return node.table.database + "." + node.table.table;
  return node.name;
}

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
  const NW = 230, LH = 15, GX = 70, GY = 16, P = 14;
  const lines = new Map(g.nodes.map(n => [n.id, lineageLines(lineageLabel(n))]));
  const height = id => 14 + lines.get(id).length * LH;
  const columns = new Map();
  for (const n of g.nodes) {
    const l = layer.has(n.id) ? layer.get(n.id) : 0;
    if (!columns.has(l)) columns.set(l, []);
    columns.get(l).push(n.id);
  }
  const layers = [...columns.keys()].sort((a, b) => a - b);
  const columnHeight = ids => ids.reduce((h, id) => h + height(id), 0) + (ids.length - 1) * GY;
  const H = P * 2 + Math.max(...[...columns.values()].map(columnHeight));
  const W = P * 2 + layers.length * NW + (layers.length - 1) * GX;
  const pos = new Map();
  layers.forEach((l, ci) => {
    let y = P + (H - P * 2 - columnHeight(columns.get(l))) / 2;
    for (const id of columns.get(l)) {
      pos.set(id, { x: P + ci * (NW + GX), y, h: height(id) });
      y += height(id) + GY;
    }
  });
  const edges = g.edges.map(e => {
    const a = pos.get(e.from), b = pos.get(e.to);
    const x1 = a.x + NW, y1 = a.y + a.h / 2, x2 = b.x - 4, y2 = b.y + b.h / 2, mx = (x1 + x2) / 2;
    return `<path class="edge" data-from="${esc(e.from)}" data-to="${esc(e.to)}" d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}"><title>${esc(e.job)}</title></path>`;
  }).join("");
  const nodes = g.nodes.map(n => {
    const p = pos.get(n.id), kind = n.kind.toLowerCase();
    const text = lines.get(n.id).map((line, i) =>
      `<tspan x="${p.x + 10}" y="${p.y + 19 + i * LH}">${esc(line)}</tspan>`).join("");
    const shape = `<rect x="${p.x}" y="${p.y}" width="${NW}" height="${p.h}"/><text>${text}</text><title>${esc(n.name)}</title>`;
    const body = n.table && n.kind !== "SELF"
      ? `<a class="lineage-link" href="#/product/${[n.table.catalog, n.table.database, n.table.table].map(encodeURIComponent).join("/")}">${shape}</a>`
      : shape;
    return `<g class="node ${kind}" data-node="${esc(n.id)}" data-dataset="${esc(n.name)}">${body}</g>`;
  }).join("");
  return `<div class="lineage"><svg id="lineage-graph" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="lineage graph">
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0,0 L10,5 L0,10 z" fill="#7d93ab"/></marker></defs>${edges}${nodes}</svg></div>
    <p class="muted">${g.nodes.length} datasets, ${g.edges.length} edges; upstream on the left, downstream on the right.
      A product opens its page; datasets you may not discover read "hidden dataset".</p>`;
}
