"use strict";

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
