// lakemesh catalog UI: vanilla JS and SVG over the API (/api/v1), no build step, no network
// beyond this server. The token lives in sessionStorage; every call sends it.
"use strict";

const state = { token: sessionStorage.getItem("lakemesh.token"), who: null };
const main = document.getElementById("main");

function esc(text) {
  return String(text == null ? "" : text).replace(/[&<>"']/g, c =>
    ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

async function api(path, options = {}) {
  const headers = { "Accept": "application/json", "Authorization": "Bearer " + state.token };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch("/api/v1" + path, {
    method: options.method || "GET", headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body)
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const e = body.error || {};
    // A token revoked or expired while signed in: sign out and say why, rather than keep a header
    // that claims a session the server no longer honours.
    if (response.status === 401 && state.who) signOut(e.message || "the server no longer accepts this token");
    throw new ApiError(response.status, e.code || "error", e.message || ("HTTP " + response.status));
  }
  return body;
}

/** Every item of a paged list. */
async function all(path) {
  const items = [];
  for (let offset = 0; ; ) {
    const sep = path.includes("?") ? "&" : "?";
    const page = await api(path + sep + "offset=" + offset + "&limit=500");
    items.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) return items;
  }
}

const tablePath = id => "/tables/" + [id.catalog, id.database, id.table].map(encodeURIComponent).join("/");
const tableName = id => id.catalog + ":" + id.database + "." + id.table;

// ---- sign in

document.getElementById("login-form").addEventListener("submit", async ev => {
  ev.preventDefault();
  state.token = document.getElementById("token").value.trim();
  await signIn();
});

async function signIn() {
  try {
    state.who = await api("/whoami");
    sessionStorage.setItem("lakemesh.token", state.token);
    document.getElementById("nav").hidden = false;
    document.getElementById("who").innerHTML =
      'signed in as <b id="principal">' + esc(state.who.principal) + "</b> · " + esc(state.who.topology) +
      ' <button class="secondary" id="sign-out">sign out</button>';
    document.getElementById("sign-out").onclick = () => { sessionStorage.clear(); location.hash = ""; location.reload(); };
    route();
  } catch (e) {
    sessionStorage.removeItem("lakemesh.token");
    state.token = null;
    showSignInError(e.message);
  }
}

function showSignInError(message) {
  const box = document.getElementById("login-error");
  if (box) { box.hidden = false; box.textContent = message; }
}

/**
 * Ends the session the server refused: forgets the token and reloads to the sign-in form, which
 * shows why. The page's address stays, so signing in again returns to it.
 */
function signOut(why) {
  state.who = null;
  state.token = null;
  sessionStorage.removeItem("lakemesh.token");
  sessionStorage.setItem("lakemesh.signedOut", "Signed out: " + why +
    ". Sign in with a valid token (bin/lakemesh token create --as ACCOUNT[:PRINCIPAL]).");
  location.reload();
}

window.addEventListener("hashchange", () => state.who && route());

/** The route's path segments and its query parameters: #/audit?actor=x is ["audit"], {actor: x}. */
function hashRoute() {
  const hash = location.hash.replace(/^#/, "");
  const at = hash.indexOf("?");
  const path = at < 0 ? hash : hash.slice(0, at);
  return {
    parts: path.split("/").filter(Boolean).map(decodeURIComponent),
    params: new URLSearchParams(at < 0 ? "" : hash.slice(at + 1))
  };
}

function route() {
  const parts = hashRoute().parts;
  if (parts[0] === "product" && parts.length === 4) return productPage({ catalog: parts[1], database: parts[2], table: parts[3] });
  if (parts[0] === "requests") return requestsPage();
  if (parts[0] === "audit") return auditPage();
  return discoverPage();
}

function failure(e) {
  return '<p class="error" data-code="' + esc(e.code) + '">' + esc(e.message) + "</p>";
}

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
    location.hash = "#/?" + q.toString();
  });
  const query = new URLSearchParams();
  for (const k of ["q", "tag", "domain", "owner", "quality"]) if (p.get(k)) query.set(k, p.get(k));
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
    <div class="muted">${esc(p.ownerTeam || p.owner)} · ${esc(p.catalog)} · SLA ${esc(p.freshnessSla || "none")}</div>
    <p>${esc(p.description)}</p>
    <div>${Object.entries(p.tags || {}).map(([k, v]) => `<span class="tag">${esc(k)}=${esc(v)}</span>`).join("")}</div>
  </div>`;
}

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
      <dt>Quality</dt><dd><span id="quality-status" class="badge ${esc(listing.qualityStatus)}">${esc(listing.qualityStatus || "none")}</span> ${esc(listing.qualitySummary || "")}</dd>
      <dt>Tags</dt><dd>${Object.entries(listing.tags || {}).map(([k, v]) => `<span class="tag">${esc(k)}=${esc(v)}</span>`).join("")}</dd>
    </dl>
    <h2>How to query this</h2><div id="connect"></div>
    <h2>Schema</h2><div id="schema"></div>
    <h2>Quality history</h2><div id="quality"></div>
    <h2>Lineage</h2><div id="lineage"></div>
    <h2>Access</h2><div id="access"></div>`;
  let tags = null;
  try { tags = await api(tablePath(id) + "/tags"); } catch (e) { /* tags need DESCRIBE; the schema shows without them */ }
  document.getElementById("schema").innerHTML = schemaTable(listing.columns, tags);
  section("quality", async () => qualityCharts(await all(tablePath(id) + "/quality")));
  section("lineage", async () => lineageGraph(await api(tablePath(id) + "/lineage")));
  section("access", async () => accessPanel(await api(tablePath(id) + "/access")));
  connectSection(id, "spark");
}

// ---- how to query this: the guide of `lakemesh connect`, for the signed-in principal

const ENGINES = ["spark", "trino", "pyiceberg", "duckdb"];

/** The guide for one engine; the server is named by the URL this page came from. */
async function connectSection(id, engine) {
  const el = document.getElementById("connect");
  if (!el) return;
  try {
    const guide = await api(tablePath(id) + "/connect?engine=" + encodeURIComponent(engine) +
      "&server=" + encodeURIComponent(location.origin));
    el.innerHTML = connectPanel(guide);
    el.querySelectorAll("button.engine-tab").forEach(b =>
      b.addEventListener("click", () => connectSection(id, b.dataset.engine)));
    el.querySelectorAll("button.copy").forEach(b => b.addEventListener("click", () => copyText(b)));
  } catch (e) { el.innerHTML = failure(e); }
}

function connectPanel(g) {
  const block = (name, text) => `<div class="copyable"><pre class="mono" id="connect-${name}">${esc(text)}</pre>
    <button class="copy secondary" data-target="connect-${name}">Copy</button></div>`;
  const steps = g.steps.length === 0 ? "" : "<h3>First</h3>" + block("steps", g.steps.join("\n"));
  if (g.readPath === "NO_ACCESS") {
    return `<p class="notice" id="connect-summary" data-path="${esc(g.readPath)}">${esc(g.summary)}</p>${steps}`;
  }
  const tabs = g.readPath !== "ICEBERG_REST" ? "" : `<div class="tabs" role="tablist">${ENGINES.map(e =>
    `<button class="engine-tab ${e === g.engine ? "active" : "secondary"}" role="tab" data-engine="${e}"
      aria-selected="${e === g.engine}">${esc(e)}</button>`).join("")}</div>`;
  return `${tabs}<p id="connect-summary" data-path="${esc(g.readPath)}" data-engine="${esc(g.engine)}">${esc(g.summary)}</p>
    ${steps}<h3>Settings</h3>${block("settings", g.settings)}<h3>First query</h3>${block("query", g.query)}`;
}

async function copyText(button) {
  const text = document.getElementById(button.dataset.target).textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch (e) {
    // Without clipboard access (plain http to another host), select the text for the reader to copy.
    const range = document.createRange();
    range.selectNodeContents(document.getElementById(button.dataset.target));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    button.textContent = "Selected";
  }
}

async function section(elementId, render) {
  const el = document.getElementById(elementId);
  try { el.innerHTML = await render(); bindDecisions(el); }
  catch (e) {
    el.innerHTML = e.code === "access_denied"
      ? '<p class="notice">Needs DESCRIBE on this product: ' + esc(e.message) + "</p>" : failure(e);
  }
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

// ---- quality chart: one small chart per metric, runs oldest to newest, failed runs marked

function qualityCharts(runs) {
  if (runs.length === 0) return '<p class="notice">No quality runs yet.</p>';
  runs = runs.slice().reverse();
  const latest = runs[runs.length - 1];
  const series = new Map();
  runs.forEach((run, i) => run.metrics.forEach(m => {
    const key = m.name + (m.instance && m.instance !== "*" ? "(" + m.instance + ")" : "");
    if (!series.has(key)) series.set(key, []);
    series.get(key).push({ i, value: m.value, run });
  }));
  const failed = runs.filter(r => r.outcome === "FAILED").length;
  return `<p>Current: <span class="badge ${esc(latest.outcome)}">${esc(latest.outcome)}</span>
      ${runs.length} runs, <span id="failed-runs">${failed}</span> failed (marked red).
      ${latest.constraints.filter(c => c.status === "FAILURE").map(c => esc(c.rule + ": " + c.message + (c.examples ? "; e.g. " + c.examples : ""))).join("; ")}</p>
    <div class="charts" id="quality-charts">${[...series.entries()].map(([name, points]) => chart(name, points, runs)).join("")}</div>`;
}

function chart(name, points, runs) {
  const W = 360, H = 150, L = 48, R = 10, T = 10, B = 26;
  const values = points.map(p => p.value);
  let lo = Math.min(...values), hi = Math.max(...values);
  if (lo === hi) { lo -= Math.abs(lo) * 0.05 || 1; hi += Math.abs(hi) * 0.05 || 1; }
  const x = i => L + (runs.length === 1 ? (W - L - R) / 2 : i * (W - L - R) / (runs.length - 1));
  const y = v => T + (H - T - B) * (1 - (v - lo) / (hi - lo));
  const fmt = v => Math.abs(v) >= 1000 ? v.toFixed(0) : Number(v.toPrecision(4)).toString();
  const bands = runs.map((r, i) => r.outcome === "FAILED"
    ? `<rect class="failed-band" x="${x(i) - 6}" y="${T}" width="12" height="${H - T - B}"/>` : "").join("");
  const path = points.map((p, k) => (k ? "L" : "M") + x(p.i).toFixed(1) + "," + y(p.value).toFixed(1)).join(" ");
  const dots = points.map(p => `<circle class="${p.run.outcome === "FAILED" ? "failed" : "point"}" data-outcome="${esc(p.run.outcome)}"
      cx="${x(p.i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="${p.run.outcome === "FAILED" ? 5 : 3}">
      <title>${esc(p.run.runId)} ${esc(p.run.at)}: ${fmt(p.value)} (${esc(p.run.outcome)})</title></circle>`).join("");
  const first = runs[0].at.slice(0, 10), last = runs[runs.length - 1].at.slice(0, 10);
  return `<div class="chart quality-chart" data-metric="${esc(name)}"><div class="title">${esc(name)}</div>
    <svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(name)} per run">
      ${bands}
      <line class="axis" x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}"/>
      <line class="axis" x1="${L}" y1="${T}" x2="${L}" y2="${H - B}"/>
      <text x="${L - 4}" y="${T + 8}" text-anchor="end">${fmt(hi)}</text>
      <text x="${L - 4}" y="${H - B}" text-anchor="end">${fmt(lo)}</text>
      <text x="${L}" y="${H - 8}">${esc(first)}</text>
      <text x="${W - R}" y="${H - 8}" text-anchor="end">${esc(last)}</text>
      <path class="line" d="${path}"/>${dots}
    </svg></div>`;
}

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

// ---- access and requests

function resourceText(r) {
  if (!r) return "";
  if (r.type === "database") return "database " + r.id.catalog + ":" + r.id.database;
  if (r.type === "table") return "table " + tableName(r.id);
  if (r.type === "columns") return "columns " + (r.included.length ? r.included.join(",") : "all but " + r.excluded.join(",")) + " of " + tableName(r.id);
  if (r.type === "data-filter") return "data filter " + r.filterName + " of " + tableName(r.id);
  return "LF-tag policy " + r.catalog + ": " + r.expression;
}

function requestRows(requests) {
  if (requests.length === 0) return '<p class="notice">No access requests.</p>';
  return `<table id="requests-table"><tr><th>#</th><th>Requester</th><th>Resource</th><th>Permissions</th><th>State</th><th>Reason</th><th></th></tr>
    ${requests.map(r => `<tr data-request="${r.id}"><td>${r.id}</td><td class="mono">${esc(r.requester)}</td><td>${esc(resourceText(r.resource))}</td>
      <td>${esc(r.permissions.join(", "))}</td><td><span class="badge state ${esc(r.state)}">${esc(r.state)}</span></td><td>${esc(r.reason || "")}</td>
      <td class="actions">${r.state === "PENDING" ? `<button class="approve" data-id="${r.id}">Approve</button>
        <button class="deny" data-id="${r.id}">Deny</button>` : ""}<div class="outcome"></div></td></tr>`).join("")}</table>`;
}

function grantRows(access) {
  return access.grants.length === 0 ? '<p class="notice">Nobody holds a grant on it that you may list.</p>' :
    `<table id="grants-table"><tr><th>Grantee</th><th>Resource</th><th>Permissions</th><th>Grant option</th><th>Granted by</th></tr>
      ${access.grants.map(g => `<tr><td class="mono">${esc(g.grantee)}</td><td>${esc(resourceText(g.resource))}</td>
        <td>${esc(g.permissions.join(", "))}</td><td>${esc((g.grantable || []).join(", "))}</td><td class="mono">${esc(g.grantor)}</td></tr>`).join("")}</table>`;
}

function accessPanel(access) {
  return `<h3>Who holds what</h3><div id="grants">${grantRows(access)}</div><h3>Requests</h3>${requestRows(access.requests)}`;
}

function bindDecisions(root) {
  root.querySelectorAll("button.approve, button.deny").forEach(b => b.addEventListener("click", async () => {
    const id = b.dataset.id, approve = b.classList.contains("approve");
    const out = b.parentElement.querySelector(".outcome");
    try {
      const body = approve ? {} : { reason: prompt("Reason for denying request " + id + ":", "not approved") || "not approved" };
      const r = await api("/requests/" + id + (approve ? "/approve" : "/deny"), { method: "POST", body });
      const row = b.closest("tr");
      const badge = row && row.querySelector(".state");
      if (badge) { badge.className = "badge state " + r.state; badge.textContent = r.state; }
      b.parentElement.querySelectorAll("button").forEach(x => x.remove());
      out.innerHTML = `<span class="badge ${esc(r.state)} decision">${esc(r.state)}</span>`;
      const grants = document.getElementById("grants");
      const table = r.resource && r.resource.id && r.resource.id.table ? r.resource.id : null;
      if (grants && table) grants.innerHTML = grantRows(await api(tablePath(table) + "/access"));
    } catch (e) { out.innerHTML = failure(e); }
  }));
}

async function requestsPage() {
  main.innerHTML = '<h1>Access requests</h1><p class="muted">Requests you made, and those on your products.</p><div id="requests"></div>';
  const el = document.getElementById("requests");
  try { el.innerHTML = requestRows(await all("/requests")); bindDecisions(el); } catch (e) { el.innerHTML = failure(e); }
}

// ---- audit

const AUDIT_PAGE = 50;

async function auditPage() {
  const p = hashRoute().params;
  main.innerHTML = `<h1>Audit</h1>
    <form class="filters" id="audit-form">
      <label>Log<input id="log" value="${esc(p.get("log") || "")}" placeholder="governance"></label>
      <label>Actor<input id="actor" value="${esc(p.get("actor") || "")}" placeholder="marketing"></label>
      <label>Resource<input id="resource" value="${esc(p.get("resource") || "")}" placeholder="table sales:sales.orders"></label>
      <label>Since<input id="since" value="${esc(p.get("since") || "")}" placeholder="2026-01-01T00:00:00Z"></label>
      <button type="submit">Filter</button>
    </form>
    <h2>Chain verification</h2><div id="verify"></div>
    <h2>Events</h2><div id="events"></div>`;
  document.getElementById("audit-form").addEventListener("submit", ev => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const k of ["log", "actor", "resource", "since"]) {
      const v = document.getElementById(k).value.trim();
      if (v) q.set(k, v);
    }
    location.hash = "#/audit?" + q.toString();
  });
  const q = new URLSearchParams();
  for (const k of ["log", "actor", "resource", "since"]) if (p.get(k)) q.set(k, p.get(k));
  section("verify", async () => {
    const results = await api("/audit/verify" + (p.get("log") ? "?log=" + encodeURIComponent(p.get("log")) : ""));
    return `<table id="verify-table"><tr><th>Log</th><th>Events verified</th><th>Result</th></tr>${results.map(v =>
      `<tr><td>${esc(v.log)}</td><td>${v.verified}</td><td><span class="badge ${v.brokenAt == null ? "intact" : "broken"}">${v.brokenAt == null ? "intact" : "broken at #" + v.brokenAt + ": " + esc(v.problem)}</span>${v.brokenAt == null && v.keyedFrom ? ` keyed from #${v.keyedFrom}` : ""}${v.brokenAt == null && v.anchoredTo ? `, anchored to #${v.anchoredTo}` : ""}</td></tr>`).join("")}</table>`;
  });
  section("events", async () => {
    // The API answers oldest first; page 1 is the newest AUDIT_PAGE events, so each page is cut
    // from the end of the answer once its total is known.
    const filter = "/audit?" + q.toString() + (q.toString() ? "&" : "");
    const total = (await api(filter + "limit=0")).total;
    const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE));
    const number = Math.min(pages, Math.max(1, parseInt(p.get("page"), 10) || 1));
    const end = total - (number - 1) * AUDIT_PAGE, start = Math.max(0, end - AUDIT_PAGE);
    const page = await api(filter + "offset=" + start + "&limit=" + (end - start));
    const events = page.items.slice().reverse();
    const link = (n, text, rel) => {
      const at = new URLSearchParams(q);
      if (n > 1) at.set("page", n);
      return `<a class="page-link" rel="${rel}" href="#/audit${at.toString() ? "?" + at : ""}">${text}</a>`;
    };
    const paging = `<p class="paging muted" id="audit-paging">${total === 0 ? "No events match." :
      `Events ${total - end + 1}–${total - start} of ${total}, newest first · page ${number} of ${pages}`}
      ${number > 1 ? link(number - 1, "← newer", "prev") : ""} ${number < pages ? link(number + 1, "older →", "next") : ""}</p>`;
    return `${paging}
      <table id="audit-table"><tr><th>#</th><th>Time</th><th>Log</th><th>Actor</th><th>Action</th><th>Resource</th><th>Outcome</th><th>Token</th><th>Detail</th></tr>
      ${events.map(e => `<tr class="event" data-seq="${e.seq}"><td>${e.seq}</td><td class="mono">${esc(e.at.replace("T", " ").slice(0, 19))}</td><td>${esc(e.log)}</td>
        <td class="mono actor wrap">${esc(e.actor)}</td><td>${esc(e.action)}</td><td class="wrap">${esc(e.resource)}</td>
        <td><span class="badge ${e.outcome === "REFUSED" ? "FAILED" : "PASSED"}">${esc(e.outcome)}${e.count > 1 ? " ×" + e.count : ""}</span></td>
        <td class="mono wrap">${esc(e.token || "")}</td><td class="wrap">${esc(e.reason || e.after || "")}</td></tr>`).join("")}</table>
      ${total > AUDIT_PAGE ? paging.replace('id="audit-paging"', "") : ""}`;
  });
}

const signedOut = sessionStorage.getItem("lakemesh.signedOut");
if (signedOut) { sessionStorage.removeItem("lakemesh.signedOut"); showSignInError(signedOut); }
if (state.token) signIn();
