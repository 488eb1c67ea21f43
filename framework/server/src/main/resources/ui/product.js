"use strict";

// ---- product page

/** "40 min", "5.2 h", "3.1 days": how long ago an instant was. */
function age(ms) {
  const h = ms / 36e5;
  return h < 1 ? Math.round(ms / 6e4) + " min" : h < 48 ? h.toFixed(1) + " h" : (h / 24).toFixed(1) + " days";
}

/**
 * Freshness as the catalog computed it against the SLA (the same answer the CLI prints): last
 * checked is the last run that published or found its inputs unchanged, last changed the last
 * publish, and "stale since" when the freshness monitor recorded a breach. Nothing is computed here
 * but how long ago each was.
 */
function freshnessFacts(listing) {
  const f = listing.freshness || { state: "NO_SLA" };
  const ago = at => at ? `<span title="${esc(at)}">${age(Date.now() - new Date(at).getTime())} ago</span>` : "never";
  const stale = f.breachedSince || f.state === "STALE";
  const badge = `<span id="freshness" class="badge ${stale ? "stale" : f.state === "FRESH" ? "fresh" : ""}" data-state="${esc(f.state)}"
    ${f.breachedSince ? `data-breached-since="${esc(f.breachedSince)}"` : ""}>${esc(freshnessLabel(f))}</span>`;
  return `${badge} <span id="last-checked">last checked ${ago(f.lastChecked)}</span> ·
    <span id="last-changed">last changed ${ago(f.lastChanged)}</span>${listing.freshnessSla ? "; SLA " + esc(listing.freshnessSla) : ""}`;
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
  let mine;
  try { mine = await api(tablePath(id) + "/access/mine"); } catch (e) { box.innerHTML = failure(e); return; }
  // Asked already and waiting: the guide would only repeat how to ask.
  const waiting = !mine.mayDecide && mine.grants.length === 0 && mine.requests.some(r => r.state === "PENDING");
  box.innerHTML = `
    <p id="description">${esc(listing.description)}</p>
    <dl class="facts">
      <dt>Product</dt><dd>${esc(listing.product)} · domain ${esc(listing.domain)}</dd>
      <dt>Owner</dt><dd id="owner-team">${esc(listing.ownerTeam || listing.owner)} ${listing.ownerContact ? "· " + esc(listing.ownerContact) : ""}</dd>
      <dt>Freshness</dt><dd>${freshnessFacts(listing)}</dd>
      <dt>Quality</dt><dd>${qualitySummary(listing)}</dd>
      <dt>Tags</dt><dd>${Object.entries(listing.tags || {}).map(([k, v]) => `<span class="tag">${esc(k)}=${esc(v)}</span>`).join("")}</dd>
    </dl>
    <h2>Your access</h2><div id="your-access"></div>
    ${waiting ? "" : '<h3>How to query this</h3><div id="connect"></div>'}
    <h2>Schema</h2><div id="schema"></div>
    ${mine.mayDescribe ? `<h2>Quality</h2><div id="quality"></div>
    <h2>Access</h2><div id="access"></div>` : ""}
    <h2>Lineage</h2><div id="lineage"></div>
    ${mine.mayDescribe ? '<h2>Recent runs</h2><div id="product-runs"></div>' : ""}`;
  // Only what the reader may read is asked for: every refused call would be audited. Lineage is
  // open to every reader who may discover the product (what it may not discover reads hidden);
  // runs, like quality, are the describers'.
  const tags = mine.mayDescribe ? await api(tablePath(id) + "/tags").catch(() => null) : null;
  document.getElementById("schema").innerHTML = schemaTable(listing.columns, tags);
  const calls = [
    connectSection(id, "spark").then(guide => yourAccessSection(id, listing, mine, guide)),
    section("lineage", async () => lineageGraph(await api(tablePath(id) + "/lineage")))];
  if (mine.mayDescribe) {
    calls.push(
      section("quality", () => qualitySection(id, mine)),
      section("product-runs", async () => {
        const runs = (await api("/runs?limit=10&product=" + encodeURIComponent(listing.product))).items;
        return runsTable(runs, "product-runs-table") + (runs.length === 0 ? "" :
          `<p class="muted"><a href="#/runs?product=${encodeURIComponent(listing.product)}">All runs of ${esc(listing.product)}</a></p>`);
      }),
      section("access", async () => accessPanel(await api(tablePath(id) + "/access"), mine.mayDecide)));
  }
  await Promise.all(calls);
  box.dataset.loaded = "true";
}

function schemaTable(columns, tags) {
  const tagsOf = c => Object.assign({}, tags ? tags.database : {}, tags ? tags.tableLevel : {}, tags && tags.columns ? tags.columns[c] || {} : {});
  return `<table id="schema-table"><tr><th>Column</th><th>Type</th><th>Nullable</th><th>PII</th><th>LF-tags</th><th>Description</th></tr>
    ${columns.map(c => `<tr data-column="${esc(c.name)}"><td class="mono">${esc(c.name)}</td><td class="mono">${esc(c.type)}</td>
      <td>${c.nullable ? "yes" : "no"}</td><td>${c.pii ? '<span class="tag pii">PII</span>' : ""}</td>
      <td>${Object.entries(tagsOf(c.name)).map(([k, v]) => `<span class="tag">${esc(k)}=${esc(v)}</span>`).join("")}</td>
      <td>${esc(c.comment)}</td></tr>`).join("")}</table>
    ${tags ? "" : '<p class="muted">LF-tags show once you hold a permission on the product.</p>'}`;
}
