"use strict";

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
