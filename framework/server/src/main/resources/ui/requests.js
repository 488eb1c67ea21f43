"use strict";

async function requestsPage() {
  main.innerHTML = '<h1>Access requests</h1><p class="muted">Requests you made, and those on your products.</p><div id="requests"></div>';
  const el = document.getElementById("requests");
  try { el.innerHTML = requestRows(await all("/requests")); bindDecisions(el); } catch (e) { el.innerHTML = failure(e); }
}
