"use strict";

// ---- requests: those the signed-in principal decides on, and its own

async function requestsPage() {
  main.innerHTML = `<h1>Access requests</h1>
    <h2>To decide</h2><p class="muted">Requests for your products: approve (all or less of what was asked) or deny with a reason.</p>
    <div id="to-decide"></div>
    <h2>Mine</h2><p class="muted">Requests you made, and what became of them.</p>
    <div id="mine"></div>`;
  await Promise.all([
    requestList("to-decide", "to-decide", { decide: true, empty: "Nothing to decide: no request for your products." }),
    requestList("mine", "mine", { own: true, empty: "You have made no request. Ask for access from a product's page." })
  ]);
}

async function requestList(elementId, view, options) {
  const el = document.getElementById(elementId);
  try {
    el.innerHTML = requestRows(await all("/requests?view=" + view), Object.assign({ id: elementId + "-table" }, options));
    bindDecisions(el);
  } catch (e) { el.innerHTML = failure(e); }
}
