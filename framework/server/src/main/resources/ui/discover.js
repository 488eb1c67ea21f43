"use strict";

// ---- discovery

async function discoverPage() {
  const p = hashRoute().params;
  main.innerHTML = `
    <h1>Discover data products</h1>
    <form class="filters" id="search-form">
      <label>Text<input id="q" name="q" value="${esc(p.get("q") || "")}" placeholder="orders, customer_id ..."></label>
      <label>Tag (k=v)<input id="tag" name="tag" value="${esc(p.get("tag") || "")}" placeholder="domain=sales"></label>
      <label>Domain<input id="domain" name="domain" value="${esc(p.get("domain") || "")}"></label>
      <label>Owner<input id="owner" name="owner" value="${esc(p.get("owner") || "")}" placeholder="sales-data"></label>
      <label>Quality<select id="quality" name="quality">
        ${["", "PASSED", "PASSED_WITH_WARNINGS", "FAILED"].map(v =>
          `<option value="${v}" ${p.get("quality") === v ? "selected" : ""}>${v || "any"}</option>`).join("")}
      </select></label>
      <label class="check"><input id="stale" name="stale" type="checkbox" ${p.get("stale") === "true" ? "checked" : ""}>
        In breach of SLA only</label>
      <button id="search-button" type="submit">Search</button>
    </form>
    <div id="results" class="cards"></div>`;
  document.getElementById("search-form").addEventListener("submit", ev => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const k of ["q", "tag", "domain", "owner", "quality"]) {
      const v = document.getElementById(k).value.trim();
      if (v) q.set(k, v);
    }
    if (document.getElementById("stale").checked) q.set("stale", "true");
    location.hash = "#/?" + q.toString();
  });
  const query = new URLSearchParams();
  for (const k of ["q", "tag", "domain", "owner", "quality", "stale"]) if (p.get(k)) query.set(k, p.get(k));
  const results = document.getElementById("results");
  try {
    const found = await all("/products" + (query.toString() ? "?" + query : ""));
    results.innerHTML = found.length === 0 ? '<p class="notice">No product matches.</p>' :
      found.map(card).join("");
  } catch (e) { results.innerHTML = failure(e); }
}

function card(p) {
  const href = "#/product/" + [p.table.catalog, p.table.database, p.table.table].map(encodeURIComponent).join("/");
  return `<div class="card product" data-product="${esc(p.product)}">
    <h3><a class="product-link" href="${href}">${esc(p.product)}</a>
      <span class="badge ${esc(p.qualityStatus)}">${esc(p.qualityStatus || "no quality run")}</span></h3>
    <div class="muted">${esc(p.ownerTeam || p.owner)} · ${esc(p.catalog)} · SLA ${esc(p.freshnessSla || "none")}
      ${freshnessBadge(p)}</div>
    <p>${esc(p.description)}</p>
    <div>${Object.entries(p.tags || {}).map(([k, v]) => `<span class="tag">${esc(k)}=${esc(v)}</span>`).join("")}</div>
  </div>`;
}

/**
 * The card's freshness, as the catalog computed it against the SLA: "stale since ..." once the
 * freshness monitor recorded a breach, else fresh or stale as of now.
 */
function freshnessBadge(p) {
  const f = p.freshness;
  if (!f || (f.state !== "FRESH" && f.state !== "STALE" && !f.breachedSince)) return "";
  const stale = f.breachedSince || f.state === "STALE";
  return `<span class="badge freshness ${stale ? "stale" : "fresh"}" title="last checked ${esc(f.lastChecked || "never")}"
    ${f.breachedSince ? `data-breached-since="${esc(f.breachedSince)}"` : ""}>${esc(freshnessLabel(f))}</span>`;
}

/** "fresh", "stale", "stale since 2026-12-06 10:00 UTC" (a breach the monitor recorded), "no SLA". */
function freshnessLabel(f) {
  if (f.breachedSince) return "stale since " + f.breachedSince.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC");
  return { FRESH: "fresh", STALE: "stale", NO_SLA: "no SLA", NEVER_CHECKED: "never checked" }[f.state] || f.state;
}
