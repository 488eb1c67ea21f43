"use strict";

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
