"use strict";

// ---- how to query this: the guide of `lakemesh connect`, for the signed-in principal

const ENGINES = ["spark", "trino", "pyiceberg", "duckdb"];

/** Shows the guide for one engine, and returns it; the server is named by the URL this page came from. */
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
    return guide;
  } catch (e) { el.innerHTML = failure(e); return null; }
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
