package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Grants and access requests as JSON lines (see {@link AthenaTables} for the shapes). */
final class GovernanceJson {
  private GovernanceJson() {}

  static ObjectNode grant(Grant g) {
    ObjectNode n = Json.object();
    n.put("id", g.id());
    n.put("catalog", g.catalog());
    n.put("grantee", g.grantee().toString());
    n.put("grantee_account", g.grantee().account());
    n.set("resource", resource(g.resource()));
    n.set("permissions", permissions(g.permissions()));
    n.set("grantable", permissions(g.grantable()));
    n.put("grantor", g.grantor().toString());
    n.put("authorisation", g.authorisationRef().map(Authorisation::toString).orElse(null));
    n.put("granted_at", Json.instantText(g.grantedAt()));
    n.put("expires_at", Json.instantText(g.expires()));
    n.put("expiry_notice", g.notice().name());
    return n;
  }

  static Grant grant(JsonNode n) {
    String authorisation = Json.text(n, "authorisation");
    return new Grant(
        n.get("id").asLong(),
        Json.requiredText(n, "catalog"),
        Principal.parse(Json.requiredText(n, "grantee")),
        resource(n.get("resource")),
        permissions(n.get("permissions")),
        permissions(n.get("grantable")),
        Principal.parse(Json.requiredText(n, "grantor")),
        authorisation == null ? null : Authorisation.parse(authorisation),
        Json.instant(n, "granted_at"),
        // Both absent from grants written before expiries existed: they never expire.
        Json.instant(n, "expires_at"),
        notice(Json.text(n, "expiry_notice")));
  }

  private static Grant.ExpiryNotice notice(String text) {
    return text == null ? Grant.ExpiryNotice.NONE : Grant.ExpiryNotice.valueOf(text);
  }

  static ObjectNode request(AccessRequest r) {
    ObjectNode n = Json.object();
    n.put("id", r.id());
    n.put("catalog", r.owner());
    n.put("requester", r.requester().toString());
    n.put("requester_account", r.requester().account());
    n.set("resource", resource(r.resource()));
    n.set("permissions", permissions(r.permissions()));
    n.put("state", r.state().name());
    n.set("granted", r.granted() == null ? null : resource(r.granted()));
    n.set("granted_permissions", permissions(r.grantedPermissions()));
    n.put("reason", r.reason());
    n.put("decided_by", r.decidedBy() == null ? null : r.decidedBy().toString());
    n.put("created_at", Json.instantText(r.createdAt()));
    n.put("updated_at", Json.instantText(r.updatedAt()));
    n.put("justification", r.justification());
    n.put("expires_at", Json.instantText(r.expires()));
    return n;
  }

  static AccessRequest request(JsonNode n) {
    JsonNode granted = n.get("granted");
    String decidedBy = Json.text(n, "decided_by");
    return new AccessRequest(
        n.get("id").asLong(),
        Principal.parse(Json.requiredText(n, "requester")),
        resource(n.get("resource")),
        permissions(n.get("permissions")),
        AccessRequest.State.valueOf(Json.requiredText(n, "state")),
        granted == null || granted.isNull() ? null : resource(granted),
        permissions(n.get("granted_permissions")),
        Json.text(n, "reason"),
        decidedBy == null ? null : Principal.parse(decidedBy),
        Json.instant(n, "created_at"),
        Json.instant(n, "updated_at"),
        // Absent from requests written before justifications were kept: none was given.
        Json.text(n, "justification"),
        // Absent from requests written before expiries existed: an approval that does not end.
        Json.instant(n, "expires_at"));
  }

  static ObjectNode resource(Resource resource) {
    ObjectNode n = Json.object();
    n.put("kind", resource.kind().name());
    n.put("catalog", resource.catalog());
    resource.databaseId().ifPresent(d -> n.put("database_name", d.database()));
    resource.tableId().ifPresent(t -> n.put("table_name", t.table()));
    if (resource instanceof Resource.TableWithColumns c) {
      n.set("columns", Json.strings(c.included()));
      n.set("excluded_columns", Json.strings(c.excluded()));
    }
    if (resource instanceof Resource.DataCellsFilter f) {
      n.put("filter_name", f.filterName());
    }
    if (resource instanceof Resource.LfTagPolicy p) {
      n.put("tag_expression", p.expression().toString());
    }
    if (resource instanceof Resource.DataCellsFilter f) {
      n.put("filter_name", f.filterName());
    }
    n.put("text", resource.toString());
    return n;
  }

  static Resource resource(JsonNode n) {
    String catalog = Json.requiredText(n, "catalog");
    return switch (Resource.Kind.valueOf(Json.requiredText(n, "kind"))) {
      case DATABASE ->
          Resource.database(DatabaseId.of(catalog, Json.requiredText(n, "database_name")));
      case TABLE -> Resource.table(table(n, catalog));
      case TABLE_WITH_COLUMNS -> {
        List<String> included = Json.strings(n.get("columns"));
        yield included.isEmpty()
            ? Resource.allColumnsExcept(table(n, catalog), Json.strings(n.get("excluded_columns")))
            : Resource.columns(table(n, catalog), included);
      }
      case DATA_CELLS_FILTER ->
          Resource.filter(table(n, catalog), Json.requiredText(n, "filter_name"));
      case LF_TAG_POLICY ->
          Resource.tagPolicy(catalog, TagExpression.parse(Json.requiredText(n, "tag_expression")));
    };
  }

  private static TableId table(JsonNode n, String catalog) {
    return TableId.of(
        catalog, Json.requiredText(n, "database_name"), Json.requiredText(n, "table_name"));
  }

  private static JsonNode permissions(Set<Permission> permissions) {
    return Json.strings(permissions.stream().map(Enum::name).toList());
  }

  private static Set<Permission> permissions(JsonNode array) {
    Set<Permission> set = EnumSet.noneOf(Permission.class);
    Json.strings(array).forEach(p -> set.add(Permission.parse(p)));
    return set;
  }
}
