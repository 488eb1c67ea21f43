"use strict";

// ---- runs: the job runs the principal may see, newest first (its producer's, its governance
// account's, and those of tables it may describe); the server decides which.

const RUNS_PAGE = 50;

/** "3 min 20 s", "12.4 s": how long a run took; "running" while it has not ended. */
function runDuration(run) {
  if (!run.endedAt) return run.status === "RUNNING" ? "running" : "";
  const s = (new Date(run.endedAt) - new Date(run.startedAt)) / 1000;
  return s < 60 ? s.toFixed(1) + " s" : Math.floor(s / 60) + " min " + Math.round(s % 60) + " s";
}

/** The rows the run wrote, from its report; empty when the report does not say. */
function runRows(run) {
  try {
    const report = run.report ? JSON.parse(run.report) : {};
    return report.outputRows == null ? "" : Number(report.outputRows).toLocaleString("en");
  } catch (e) { return ""; }
}

function runsTable(runs, id) {
  if (runs.length === 0) return '<p class="notice">No runs you may see.</p>';
  const product = r => r.table
    ? `<a href="#/product/${[r.table.catalog, r.table.database, r.table.table].map(encodeURIComponent).join("/")}">${esc(r.product)}</a>`
    : esc(r.product);
  return `<table id="${id}" class="runs"><tr><th>Run</th><th>Product</th><th>Outcome</th><th>Started</th><th>Duration</th><th>Rows</th><th>Snapshot</th></tr>
    ${runs.map(r => `<tr class="run" data-run="${esc(r.runId)}"><td class="mono wrap">${esc(r.runId)}</td><td class="nowrap">${product(r)}</td>
      <td><span class="badge ${esc(r.status)}" title="${esc(r.message || "")}">${esc(r.status)}</span></td>
      <td class="mono">${esc((r.startedAt || "").replace("T", " ").slice(0, 19))}</td><td class="nowrap">${esc(runDuration(r))}</td>
      <td class="num">${esc(runRows(r))}</td><td class="mono wrap">${esc(r.snapshotId == null ? "" : r.snapshotId)}</td></tr>`).join("")}</table>`;
}

async function runsPage() {
  const p = hashRoute().params;
  const product = p.get("product") || "";
  main.innerHTML = `<h1>Runs</h1>
    <form class="filters" id="runs-form">
      <label>Product<input id="run-product" value="${esc(product)}" placeholder="sales.orders"></label>
      <button type="submit">Filter</button>
    </form>
    <div id="runs"></div>`;
  document.getElementById("runs-form").addEventListener("submit", ev => {
    ev.preventDefault();
    const v = document.getElementById("run-product").value.trim();
    location.hash = "#/runs" + (v ? "?product=" + encodeURIComponent(v) : "");
  });
  section("runs", async () => {
    const number = Math.max(1, parseInt(p.get("page"), 10) || 1);
    const offset = (number - 1) * RUNS_PAGE;
    // One run past the page says whether an older page follows, without counting them all.
    const q = new URLSearchParams({ offset, limit: RUNS_PAGE, max: offset + RUNS_PAGE + 1 });
    if (product) q.set("product", product);
    const page = await api("/runs?" + q);
    const link = (n, text, rel) => {
      const at = new URLSearchParams(product ? { product } : {});
      if (n > 1) at.set("page", n);
      return `<a class="page-link" rel="${rel}" href="#/runs${at.toString() ? "?" + at : ""}">${text}</a>`;
    };
    const shown = page.items.length;
    return `<p class="paging muted" id="runs-paging">${shown === 0 ? "" : `Runs ${offset + 1}–${offset + shown}, newest first · page ${number}`}
      ${number > 1 ? link(number - 1, "← newer", "prev") : ""} ${page.total > offset + RUNS_PAGE ? link(number + 1, "older →", "next") : ""}</p>
      ${runsTable(page.items, "runs-table")}`;
  });
}
