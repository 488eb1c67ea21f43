"use strict";

// ---- quality: one verdict for the published data, the last attempt apart, and a rule table

/** "2026-11-04 06:00 UTC" from an ISO instant. */
function qualityTime(iso) {
  return iso ? String(iso).slice(0, 16).replace("T", " ") + " UTC" : "";
}

/**
 * The quality of the published data as discovery lists it: status, rules passed of total, when it
 * was checked. Anyone who may discover the product sees this; it holds no value of any column, and
 * it needs no call that a reader without DESCRIBE would be refused.
 */
function qualitySummary(listing) {
  if (!listing.qualityStatus) return '<span id="quality-status" class="badge">none published</span>';
  return `<span id="quality-status" class="badge ${esc(listing.qualityStatus)}">${esc(listing.qualityStatus)}</span>
    <span id="quality-summary">${esc(listing.qualitySummary || "")}</span>
    <span class="muted">· published data checked ${esc(qualityTime(listing.updatedAt))}</span>`;
}

/**
 * The verdict of the published data, the last attempt apart when it was not published, and one row
 * per rule. Needs DESCRIBE on the product (the runs' measures and messages are behind it).
 */
async function qualitySection(id, mine) {
  // One after the other: a reader refused the verdict is not refused (and audited) twice.
  const verdict = await api(tablePath(id) + "/quality/verdict");
  const runs = await all(tablePath(id) + "/quality");
  const entry = await api(tablePath(id));
  return qualityVerdict(verdict) + quarantineCounts(entry, mine) + ruleTable(runs.slice().reverse(), verdict);
}

/**
 * The rows the published run set aside, per rule: counts from the product's entry, which every
 * describer reads (a rule on a column hidden from the reader comes counted as "hidden rule"). The
 * rows themselves are the producer's and governance's: they get the command that shows them.
 */
function quarantineCounts(entry, mine) {
  const p = entry.parameters || {};
  const rows = p["lakemesh.quarantine.rows"];
  if (rows == null) return "";
  let rules = {};
  try { rules = JSON.parse(p["lakemesh.quarantine.rules"] || "{}"); } catch (e) { rules = {}; }
  const name = entry.id.database + "." + entry.id.table;
  return `<div id="quarantine"><p id="quarantine-rows">Quarantined by the published run: ${esc(rows)} ${rows === "1" ? "row" : "rows"}</p>
    <ul id="quarantine-rules">${Object.entries(rules).map(([rule, n]) =>
      `<li data-rule="${esc(rule)}"><span class="mono">${esc(rule)}</span>: ${esc(n)}</li>`).join("")}</ul>
    ${mine && mine.mayReadQuarantine ? `<p id="quarantine-hint" class="muted">The rows, with the rules each broke:
      <code>bin/lakemesh quarantine show ${esc(name)}</code></p>` : ""}</div>`;
}

/** What consumers read, and the last attempt as a note of its own (the server words it). */
function qualityVerdict(v) {
  const p = v.published;
  const head = v.status == null
    ? '<p id="quality-verdict">Nothing published yet.</p>'
    : `<p id="quality-verdict">Published data: <span class="badge ${esc(v.status)}">${esc(v.status)}</span>
        ${esc(v.summary)} ${p ? `<span class="muted">· run ${esc(p.runId)}, checked ${esc(qualityTime(p.at))}</span>` : ""}</p>`;
  if (v.lastAttemptNote == null) return head;
  const rejected = v.lastAttempt.outcome === "FAILED";
  return head + `<p id="quality-note" class="${rejected ? "rejected" : "notice"}">${esc(v.lastAttemptNote)}</p>`;
}

/**
 * One row per rule, named as the spec names it, in the published run's order (rules only other runs
 * checked follow): its status in the published run, the value measured against what the rule
 * requires, a sparkline over the runs (oldest first) and, after a rejection, the last attempt.
 */
function ruleTable(runs, v) {
  if (runs.length === 0) return '<p class="notice">No quality runs yet.</p>';
  const rules = [];
  [v.published, ...runs.slice().reverse()].filter(Boolean)
    .forEach(r => r.constraints.forEach(c => { if (!rules.includes(c.rule)) rules.push(c.rule); }));
  const last = v.lastAttempt;
  const resultOf = (run, rule) => run ? run.constraints.find(c => c.rule === rule) : null;
  const reading = c => c ? (c.measure ? c.measure.reading : c.message || "—") : "";
  const rows = rules.map(rule => {
    const c = resultOf(v.published, rule), l = resultOf(last, rule);
    return `<tr data-rule="${esc(rule)}">
      <td class="mono rule">${esc(rule)}${c && c.severity === "WARNING" ? ' <span class="muted">(warning)</span>' : ""}</td>
      <td class="status">${ruleStatus(c)}</td>
      <td class="value">${esc(reading(c))}</td>
      <td class="threshold">${esc(c && c.measure ? c.measure.threshold : "")}</td>
      <td class="runs">${sparkline(rule, runs)}</td>
      ${last ? `<td class="last">${ruleStatus(l)} ${esc(l && l.measure ? l.measure.reading : "")}</td>` : ""}</tr>`;
  });
  return `<table id="rule-table"><tr><th>Rule</th><th>Published</th><th>Value</th><th>Required</th>
      <th>Runs, oldest to newest</th>${last ? "<th>Last attempt</th>" : ""}</tr>${rows.join("")}</table>`;
}

function ruleStatus(c) {
  if (!c) return '<span class="muted">not checked</span>';
  if (c.status === "SUCCESS") return '<span class="badge PASSED">passed</span>';
  return c.severity === "ERROR" ? '<span class="badge FAILED">failed</span>'
    : '<span class="badge PASSED_WITH_WARNINGS">warning</span>';
}

/**
 * A rule's measured value over the runs, one tick per run on a time axis whose ends read the first
 * and last run's time; a run in which the rule failed is a red dot, one the gate rejected for
 * another rule a red ring. A run that measured no number (an older record, a rule without one)
 * sits on the axis with its status only. One run is one labelled point.
 */
function sparkline(rule, runs) {
  const W = 150, H = 48, L = 8, R = 8, T = 6, B = 18;
  const base = H - B;
  const x = i => runs.length === 1 ? W / 2 : L + i * (W - L - R) / (runs.length - 1);
  const points = runs.map((run, i) => ({ i, run, c: run.constraints.find(c => c.rule === rule) }))
    .filter(p => p.c).map(p => Object.assign(p, { value: p.c.measure ? p.c.measure.value : null }));
  const values = points.filter(p => p.value != null).map(p => p.value);
  let lo = Math.min(...values), hi = Math.max(...values);
  if (!(hi > lo)) { lo -= 1; hi += 1; }
  const y = v => v == null ? base : T + (base - T - 4) * (1 - (v - lo) / (hi - lo));
  const measured = points.filter(p => p.value != null);
  const line = measured.length < 2 ? "" : `<path class="line" d="${measured.map((p, k) =>
    (k ? "L" : "M") + x(p.i).toFixed(1) + "," + y(p.value).toFixed(1)).join(" ")}"/>`;
  const ticks = runs.map((r, i) => `<line class="axis" x1="${x(i).toFixed(1)}" y1="${base}" x2="${x(i).toFixed(1)}" y2="${base + 3}"/>`).join("");
  const dots = points.map(p => {
    // Red where this rule failed; a red ring where the gate rejected the run for another rule.
    const mark = p.c.status === "FAILURE" && p.c.severity === "ERROR" ? "failed"
      : p.run.outcome === "FAILED" ? "rejected" : "point";
    return `<circle class="${mark}" data-outcome="${esc(p.run.outcome)}"
      cx="${x(p.i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="${mark === "point" ? 2.2 : 3.5}"><title>${esc(p.run.runId)}
      ${esc(qualityTime(p.run.at))}: ${esc(p.c.measure ? p.c.measure.reading : p.c.status === "SUCCESS" ? "passed" : "failed")}
      (run ${esc(p.run.outcome)})</title></circle>`;
  }).join("");
  const label = r => esc(String(r.at).slice(5, 16).replace("T", " "));
  const labels = runs.length === 1
    ? `<text x="${W / 2}" y="${H - 3}" text-anchor="middle">${label(runs[0])}</text>`
    : `<text x="${L - 4}" y="${H - 3}">${label(runs[0])}</text>
       <text x="${W - R + 4}" y="${H - 3}" text-anchor="end">${label(runs[runs.length - 1])}</text>`;
  return `<svg class="sparkline" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img"
      aria-label="${esc(rule)} over ${runs.length} run(s)">
    <line class="axis" x1="${L}" y1="${base}" x2="${W - R}" y2="${base}"/>${ticks}${line}${dots}${labels}</svg>`;
}
