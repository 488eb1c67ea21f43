"use strict";

// ---- access and requests: who holds what, the request lists, and the decisions on them

function resourceText(r) {
  if (!r) return "";
  if (r.type === "database") return "database " + r.id.catalog + ":" + r.id.database;
  if (r.type === "table") return "table " + tableName(r.id);
  if (r.type === "columns") return "columns " + (r.included.length ? r.included.join(",") : "all but " + r.excluded.join(",")) + " of " + tableName(r.id);
  if (r.type === "data-filter") return "data filter " + r.filterName + " of " + tableName(r.id);
  return "LF-tag policy " + r.catalog + ": " + r.expression;
}

/** An instant as the reader compares it with other events: UTC to the minute. */
function when(instant) {
  return instant ? esc(String(instant).slice(0, 16).replace("T", " ")) + " UTC" : "";
}

/** "expires 2027-01-05 00:00 UTC", or "expired ..." from that instant on; empty for none. */
function expiryText(expires) {
  if (!expires) return "";
  return (Date.parse(expires) > Date.now() ? "expires " : "expired ") + when(expires);
}

/** What a request granted, or what it asked for while undecided. */
function requestedText(r) {
  return r.state === "ACTIVE"
    ? esc(r.grantedPermissions.join(", ")) + " on " + esc(resourceText(r.granted))
    : esc(r.permissions.join(", ")) + " on " + esc(resourceText(r.resource));
}

/** The requests on the page by id, for the decision forms that their rows open. */
const shownRequests = new Map();

/**
 * A table of requests. {@code decide}: the signed-in principal decides on them (its own products),
 * so pending ones get Approve and Deny and active ones End subscription; {@code own}: they are its
 * own requests, so an active one gets End subscription and none is decided from here.
 */
function requestRows(requests, options = {}) {
  const id = options.id || "requests-table";
  requests.forEach(r => shownRequests.set(String(r.id), r));
  if (requests.length === 0) return `<p class="notice" id="${id}-empty">${esc(options.empty || "No access requests.")}</p>`;
  const actions = r => {
    if (options.decide && r.state === "PENDING") {
      return `<button class="approve" data-id="${r.id}">Approve…</button><button class="deny" data-id="${r.id}">Deny…</button>`;
    }
    if ((options.decide || options.own) && r.state === "ACTIVE") {
      return `<button class="end secondary" data-id="${r.id}" data-as="${options.decide ? "owner" : "requester"}">End subscription</button>`;
    }
    return "";
  };
  return `<table id="${id}" class="requests"><tr><th>#</th><th>Made</th><th>Requester</th><th>Asked for</th><th>Justification</th><th>State</th><th></th></tr>
    ${requests.map(r => `<tr data-request="${r.id}"><td>${r.id}</td><td class="made">${when(r.createdAt)}</td>
      <td class="mono">${esc(r.requester)}</td><td class="wrap">${esc(r.permissions.join(", "))} on ${esc(resourceText(r.resource))}</td>
      <td class="justification wrap">${esc(r.justification || "")}</td>
      <td><span class="badge state ${esc(r.state)}">${esc(r.state)}</span>${outcomeText(r)}</td>
      <td class="actions">${actions(r)}<div class="outcome"></div></td></tr>`).join("")}</table>`;
}

/** What a decision said: the reason of a denial, or what an approval granted when it differs. */
function outcomeText(r) {
  if (r.state === "DENIED" && r.reason) return `<div class="reason">${esc(r.reason)}</div>`;
  // An approval of less than was asked says what it granted.
  const less = r.granted && (JSON.stringify(r.granted) !== JSON.stringify(r.resource) || r.grantedPermissions.length < r.permissions.length);
  const expiry = r.expires && r.state !== "DENIED" ? `<div class="expiry">${expiryText(r.expires)}</div>` : "";
  if (r.state === "ACTIVE" && less) return `<div class="granted">granted ${requestedText(r)}</div>${expiry}`;
  return expiry;
}

function grantRows(access) {
  return access.grants.length === 0 ? '<p class="notice">Nobody holds a grant on it that you may list.</p>' :
    `<table id="grants-table"><tr><th>Grantee</th><th>Resource</th><th>Permissions</th><th>Grant option</th><th>Granted by</th><th>Expiry</th></tr>
      ${access.grants.map(g => `<tr><td class="mono">${esc(g.grantee)}</td><td class="wrap">${esc(resourceText(g.resource))}</td>
        <td>${esc(g.permissions.join(", "))}</td><td>${esc((g.grantable || []).join(", "))}</td><td class="mono">${esc(g.grantor)}</td><td>${g.expires ? expiryText(g.expires) : "never"}</td></tr>`).join("")}</table>`;
}

/** Who holds what on a product, and its requests; decisions only for its producer. */
function accessPanel(access, decide) {
  return `<h3>Who holds what</h3><div id="grants">${grantRows(access)}</div><h3>Requests</h3>${requestRows(access.requests, { decide })}`;
}

/** Wires the decision buttons of every request table under {@code root}. */
function bindDecisions(root) {
  root.querySelectorAll("button.approve").forEach(b => b.addEventListener("click", () => openApproval(b)));
  root.querySelectorAll("button.deny").forEach(b => b.addEventListener("click", () => openDenial(b)));
  root.querySelectorAll("button.end").forEach(b => b.addEventListener("click", () => openEnd(b)));
}

/** A form in a row of its own under the request's row, replacing any other open there. */
function decisionForm(button, kind, html) {
  const row = button.closest("tr");
  const next = row.nextElementSibling;
  if (next && next.classList.contains("decision-row")) next.remove();
  const form = document.createElement("tr");
  form.className = "decision-row";
  form.dataset.request = button.dataset.id;
  form.innerHTML = `<td colspan="${row.children.length}"><form class="${kind}-form">${html}
    <div class="form-buttons"><button type="submit" class="confirm ${kind === "deny" ? "deny" : ""}">${kind === "approve" ? "Approve request" : kind === "deny" ? "Deny request" : "End subscription"}</button>
    <button type="button" class="cancel secondary">Cancel</button></div><div class="form-outcome"></div></form></td>`;
  row.after(form);
  form.querySelector(".cancel").addEventListener("click", () => form.remove());
  return form.querySelector("form");
}

function ticked(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map(i => i.value);
}

function checkboxes(name, values, checked) {
  return values.map(v => `<label class="check"><input type="checkbox" name="${name}" value="${esc(v)}" ${checked(v) ? "checked" : ""}> ${esc(v)}</label>`).join("");
}

/**
 * Approve with a confirmation: the permissions asked (untick to grant fewer) and, for a table or
 * columns, the columns (untick to narrow). The API takes fewer permissions and columns and refuses
 * more than was asked.
 */
async function openApproval(button) {
  const r = shownRequests.get(button.dataset.id);
  const table = r.resource.id && r.resource.id.table ? r.resource.id : null;
  let columns = [];
  if (table && (r.resource.type === "table" || r.resource.type === "columns")) {
    const entry = await api(tablePath(table)).catch(() => null);
    const all = entry ? entry.columns.map(c => c.name) : [];
    columns = r.resource.type === "columns" && r.resource.included.length ? r.resource.included : all;
  }
  const form = decisionForm(button, "approve", `
    <p>Approve request ${r.id} of <b>${esc(r.requester)}</b> for ${esc(r.permissions.join(", "))} on ${esc(resourceText(r.resource))}?
      Untick what you grant less of.</p>
    ${r.justification ? `<p class="muted">Justification: ${esc(r.justification)}</p>` : ""}
    <fieldset><legend>Permissions</legend>${checkboxes("permission", r.permissions, () => true)}</fieldset>
    ${columns.length ? `<fieldset class="columns"><legend>Columns</legend>${checkboxes("column", columns, () => true)}</fieldset>` : ""}`);
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    const permissions = ticked(form, "permission");
    const chosen = ticked(form, "column");
    // Every column of a table request ticked: the table itself, so that columns added later count.
    const narrowed = columns.length > 0 && chosen.length < columns.length;
    const body = { permissions, columns: narrowed || r.resource.type === "columns" ? chosen : null };
    await decide(button, form, "/approve", body);
  });
}

function openDenial(button) {
  const form = decisionForm(button, "deny", `
    <label>Reason for denying request ${esc(button.dataset.id)} (the requester reads it)
      <input name="reason" class="reason-input" required maxlength="500" placeholder="e.g. customer_id is PII; ask for the other columns"></label>`);
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    await decide(button, form, "/deny", { reason: form.querySelector("input[name=reason]").value.trim() });
  });
}

/** Ends an active subscription: the producer revokes it; a requester ends its own. */
function openEnd(button) {
  const owner = button.dataset.as === "owner";
  const form = decisionForm(button, "end", `<p>End subscription ${esc(button.dataset.id)}? ${owner
    ? "The requester's grant is revoked and its link stops reading."
    : "Your grant is revoked and your link stops reading; ask again to read it later."}</p>`);
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    await decide(button, form, "/revoke", {});
  });
}

/** Posts a decision, then shows the request's new state in its row and refreshes the grants. */
async function decide(button, form, action, body) {
  const out = form.querySelector(".form-outcome");
  try {
    const r = await api("/requests/" + button.dataset.id + action, { method: "POST", body });
    shownRequests.set(String(r.id), r);
    const row = button.closest("tr");
    const badge = row.querySelector(".state");
    row.querySelectorAll(".reason, .granted").forEach(x => x.remove());
    if (badge) { badge.className = "badge state " + r.state; badge.textContent = r.state; badge.insertAdjacentHTML("afterend", outcomeText(r)); }
    row.querySelectorAll(".actions button").forEach(x => x.remove());
    row.querySelector(".outcome").innerHTML = `<span class="badge ${esc(r.state)} decision">${esc(r.state)}</span>`;
    form.closest("tr").remove();
    const grants = document.getElementById("grants");
    const table = r.resource && r.resource.id && r.resource.id.table ? r.resource.id : null;
    if (grants && table) grants.innerHTML = grantRows(await api(tablePath(table) + "/access"));
  } catch (e) { out.innerHTML = failure(e); }
}

// ---- the product page's "Your access": what the reader holds, or a request for access

/**
 * What the reader holds on the product (from {@code /access/mine}) and how it reads it (the
 * connection guide that "How to query this" shows), or, holding nothing, its pending request or a
 * form to ask. One notice says what a reader without access sees; nothing else is called for.
 */
function yourAccessSection(id, listing, mine, guide) {
  const el = document.getElementById("your-access");
  const product = listing.product || tableName(id);
  if (mine.mayDecide) {
    el.innerHTML = `<p id="access-owner">You own ${esc(product)}: you decide on requests for it, under Access below and on the Requests page.</p>`;
    return;
  }
  const pending = mine.requests.filter(r => r.state === "PENDING");
  const own = mine.requests.length ? "<h3>Your requests</h3>" + requestRows(mine.requests, { id: "own-requests", own: true }) : "";
  if (mine.grants.length > 0) {
    el.innerHTML = holdings(mine, guide) + own;
  } else if (pending.length > 0) {
    el.innerHTML = `<p class="notice" id="access-notice">You (${esc(mine.reader)}) hold no permission on ${esc(product)} yet.
      Your request is waiting for ${esc(id.catalog)} to decide; once approved, this panel shows what you hold and how to query it.</p>
      <div id="pending-request">${own}</div>`;
  } else {
    // The governance account holding its entries describes it without a grant, and reads no data.
    el.innerHTML = `<p class="notice" id="access-notice">${mine.mayDescribe
      ? `You (${esc(mine.reader)}) may describe ${esc(product)} but hold no permission to read its data; ask ${esc(id.catalog)} for access.`
      : `You (${esc(mine.reader)}) hold no permission on ${esc(product)}. Everyone who may discover it sees its description, owner,
      schema, quality status and lineage; to read its data, or to see its quality history, job runs and grants, ask ${esc(id.catalog)} for access.`}</p>
      ${own}${requestForm(listing)}`;
    bindRequestForm(el, id);
  }
  bindDecisions(el);
}

/** The reader's grants and the name it reads the product by; the guide below says how. */
function holdings(mine, guide) {
  const rows = mine.grants.map(g => `<li class="holding"><b>${esc(g.permissions.join(", "))}</b> on
    ${esc(resourceText(g.resource))}${g.resource.type === "table" ? " (every column)" : ""}
    <span class="muted">· ${g.authorisation && g.authorisation.startsWith("request:")
      ? "subscription (request " + esc(g.authorisation.slice(8)) + ")" : "granted by " + esc(g.grantor)} · since ${when(g.grantedAt)}${
      g.expires ? " · " + expiryText(g.expires) : ""}</span></li>`).join("");
  const name = guide ? `<p id="your-link">You read it as <code id="link-name">${esc(guide.table)}</code>${guide.linked ? "" :
    " (create that link first: the step is below)"}.</p>` : "";
  return `<ul id="holdings">${rows}</ul>${name}`;
}

/** The request form: permissions (SELECT by default), optional columns, a justification. */
function requestForm(listing) {
  return `<form id="request-form" class="request-form">
    <fieldset><legend>Permissions</legend>${checkboxes("permission", ["SELECT", "DESCRIBE"], p => p === "SELECT")}</fieldset>
    <fieldset class="columns"><legend>Columns (none ticked: the whole table)</legend>
      ${checkboxes("column", listing.columns.map(c => c.name), () => false)}</fieldset>
    <label>Justification (what you need it for; the producer reads it)
      <textarea id="request-justification" name="justification" rows="2" maxlength="1000"
        placeholder="e.g. weekly campaign report by country"></textarea></label>
    <div class="form-buttons"><button id="request-submit" type="submit">Request access</button></div>
    <div class="form-outcome" id="request-outcome"></div></form>`;
}

function bindRequestForm(el, id) {
  const form = el.querySelector("#request-form");
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    const permissions = ticked(form, "permission");
    const columns = ticked(form, "column");
    const out = form.querySelector(".form-outcome");
    if (permissions.length === 0) { out.innerHTML = '<p class="error">Tick at least one permission.</p>'; return; }
    const resource = columns.length
      ? { type: "columns", id, included: columns, excluded: [] }
      : { type: "table", id };
    try {
      await api("/requests", { method: "POST", body: { resource, permissions, justification: form.justification.value.trim() } });
      route();
    } catch (e) { out.innerHTML = failure(e); }
  });
}
