"use strict";

// ---- product page

/** Milliseconds of a freshness SLA such as 24h, 90m, 2d or PT24H; null when unreadable. */
function slaMillis(sla) {
  if (!sla) return null;
  let m = /^\s*(\d+)\s*([smhd])\s*$/i.exec(sla);
  if (m) return Number(m[1]) * { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[m[2].toLowerCase()];
  m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/i.exec(sla.trim());
  if (m) return ((Number(m[1] || 0) * 24 + Number(m[2] || 0)) * 60 + Number(m[3] || 0)) * 6e4;
  return null;
}

function age(ms) {
  const h = ms / 36e5;
  return h < 1 ? Math.round(ms / 6e4) + " min" : h < 48 ? h.toFixed(1) + " h" : (h / 24).toFixed(1) + " days";
}

async function productPage(id) {
  main.innerHTML = `<h1 id="product-title">${esc(tableName(id))}</h1><div id="product"></div>`;
  const box = document.getElementById("product");
  let listing;
  try {
    listing = (await all("/products?q=" + encodeURIComponent(id.table)))
      .find(p => tableName(p.table) === tableName(id));
  } catch (e) { box.innerHTML = failure(e); return; }
  if (!listing) { box.innerHTML = '<p class="error">No such product: ' + esc(tableName(id)) + "</p>"; return; }
  const published = new Date(listing.updatedAt);
  const sla = slaMillis(listing.freshnessSla);
  const late = Date.now() - published.getTime();
  const freshness = sla == null ? '<span class="muted">no SLA</span>' :
    `<span id="freshness" class="badge ${late <= sla ? "fresh" : "stale"}">${late <= sla ? "fresh" : "stale"}</span>
     published ${age(late)} ago; SLA ${esc(listing.freshnessSla)}`;
  box.innerHTML = `
    <p id="description">${esc(listing.description)}</p>
    <dl class="facts">
      <dt>Product</dt><dd>${esc(listing.product)} · domain ${esc(listing.domain)}</dd>
      <dt>Owner</dt><dd id="owner-team">${esc(listing.ownerTeam || listing.owner)} ${listing.ownerContact ? "· " + esc(listing.ownerContact) : ""}</dd>
      <dt>Freshness</dt><dd>${freshness}</dd>
      <dt>Quality</dt><dd>${qualitySummary(listing)}</dd>
      <dt>Tags</dt><dd>${Object.entries(listing.tags || {}).map(([k, v]) => `<span class="tag">${esc(k)}=${esc(v)}</span>`).join("")}</dd>
    </dl>
    <h2>How to query this</h2><div id="connect"></div>
    <h2>Schema</h2><div id="schema"></div>
    <h2>Quality</h2><div id="quality"></div>
    <h2>Lineage</h2><div id="lineage"></div>
    <h2>Access</h2><div id="access"></div>`;
  let tags = null;
  try { tags = await api(tablePath(id) + "/tags"); } catch (e) { /* tags need DESCRIBE; the schema shows without them */ }
  document.getElementById("schema").innerHTML = schemaTable(listing.columns, tags);
  section("quality", () => qualitySection(id));
  section("lineage", async () => lineageGraph(await api(tablePath(id) + "/lineage")));
  section("access", async () => accessPanel(await api(tablePath(id) + "/access")));
  connectSection(id, "spark");
}

function schemaTable(columns, tags) {
  const tagsOf = c => Object.assign({}, tags ? tags.database : {}, tags ? tags.tableLevel : {}, tags && tags.columns ? tags.columns[c] || {} : {});
  return `<table id="schema-table"><tr><th>Column</th><th>Type</th><th>Nullable</th><th>PII</th><th>LF-tags</th><th>Description</th></tr>
    ${columns.map(c => `<tr data-column="${esc(c.name)}"><td class="mono">${esc(c.name)}</td><td class="mono">${esc(c.type)}</td>
      <td>${c.nullable ? "yes" : "no"}</td><td>${c.pii ? '<span class="tag pii">PII</span>' : ""}</td>
      <td>${Object.entries(tagsOf(c.name)).map(([k, v]) => `<span class="tag">${esc(k)}=${esc(v)}</span>`).join("")}</td>
      <td>${esc(c.comment)}</td></tr>`).join("")}</table>
    ${tags ? "" : '<p class="muted">LF-tags show with DESCRIBE on the product.</p>'}`;
}
