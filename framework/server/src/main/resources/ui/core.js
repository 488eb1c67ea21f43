// lakemesh catalog UI: vanilla JS and SVG over the API (/api/v1), no build step, no network
// beyond this server. The token lives in sessionStorage; every call sends it. Each page is a file
// of its own (discover.js, product.js, ...); this one holds what they share: the API call, the
// router and the session.
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
  if (parts[0] === "runs") return runsPage();
  return discoverPage();
}

function failure(e) {
  return '<p class="error" data-code="' + esc(e.code) + '">' + esc(e.message) + "</p>";
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
