package io.lakemesh.catalog.aws.loopback;

import static io.lakemesh.catalog.aws.loopback.FakeLfResources.SELECT;
import static io.lakemesh.catalog.aws.loopback.FakeLfResources.array;
import static io.lakemesh.catalog.aws.loopback.FakeLfResources.asListed;
import static io.lakemesh.catalog.aws.loopback.FakeLfResources.key;
import static io.lakemesh.catalog.aws.loopback.FakeLfResources.matches;
import static io.lakemesh.catalog.aws.loopback.FakeLfResources.text;
import static io.lakemesh.catalog.aws.loopback.FakeLfResources.union;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.aws.loopback.FakeLakeFormation.Entry;
import io.lakemesh.catalog.aws.loopback.FakeLfResources.Part;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The permissions {@link FakeLakeFormation} records, per calling account as Lake Formation lists
 * them: what a grant adds, what a revoke removes, and what an account holds on a resource or on
 * what covers it. Used under the Lake Formation fake's lock.
 */
final class FakeLfPermissions {
  // By caller, principal and resource key (one entry each, as add keeps them), in the order they
  // were first granted, which is the order ListPermissions lists them in. A rule suite holds
  // thousands: every grant and check looks its entry up rather than comparing them all.
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final FakeLfTags lfTags;

  FakeLfPermissions(FakeLfTags lfTags) {
    this.lfTags = lfTags;
  }

  List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** ListPermissions: what {@code caller}'s Lake Formation lists, for one principal or all. */
  void list(String caller, String principal, JsonNode filter, ArrayNode list) {
    for (Entry e : entries.values()) {
      if (e.caller().equals(caller)
          && (principal == null || principal.equals(e.principal()))
          && (filter == null || matches(filter, e.resource()))) {
        ObjectNode p = list.addObject();
        p.putObject("Principal").put("DataLakePrincipalIdentifier", e.principal());
        p.set("Resource", e.resource());
        p.set("Permissions", array(e.permissions()));
        p.set("PermissionsWithGrantOption", array(e.grantable()));
      }
    }
  }

  /** Removes whatever the principal holds on the resource, in either shape, with no check. */
  void revokeEvery(String caller, String principal, JsonNode resource) {
    Set<String> keys = new TreeSet<>();
    asListed(resource, Set.of(SELECT, "DESCRIBE"), Set.of()).forEach(p -> keys.add(p.key()));
    entries
        .values()
        .removeIf(
            e ->
                e.caller().equals(caller)
                    && e.principal().equals(principal)
                    && keys.contains(e.key()));
  }

  /**
   * Whether the principal holds DESCRIBE (or ALL) on a resource, as granted in {@code caller}'s
   * Lake Formation; a resource link's permissions are granted in the link's own account.
   */
  boolean holdsDescribe(String caller, String principal, JsonNode resource) {
    return entry(caller, principal, key(resource))
        .filter(e -> e.permissions().contains("DESCRIBE") || e.permissions().contains("ALL"))
        .isPresent();
  }

  /**
   * Whether Lake Formation gives a caller of {@code account} any permission on a database of {@code
   * catalogId} ({@code table} null) or on one table in it: granted by the catalog's account (to the
   * account or to one of its principals) or re-granted by {@code account} itself. A named principal
   * needs a grant to itself; the account's administrator holds what is granted to the account or to
   * any of its principals.
   */
  boolean entitled(
      String account, String principal, String catalogId, String database, String table) {
    String ofAccount = "arn:aws:iam::" + account + ":";
    for (Entry e : entries.values()) {
      boolean to =
          principal == null
              ? e.principal().equals(account) || e.principal().startsWith(ofAccount)
              : e.principal().equals(principal);
      boolean by = e.caller().equals(catalogId) || e.caller().equals(account);
      if (to && by && covers(e.resource(), catalogId, database, table)) {
        return true;
      }
    }
    return false;
  }

  private boolean covers(JsonNode r, String catalogId, String database, String table) {
    if (r.has("DataCellsFilter")) {
      // "Granting data permissions provided by data filters": SELECT on a filter lets the grantee
      // see the table's name among the tables shared with its account.
      JsonNode filtered = FakeDataCellsFilters.table(r.get("DataCellsFilter"));
      return covers(filtered, catalogId, database, table);
    }
    if (r.has("Database")) {
      JsonNode d = r.get("Database");
      return table == null
          && d.path("CatalogId").asText().equals(catalogId)
          && d.path("Name").asText().equals(database);
    }
    JsonNode t = r.has("Table") ? r.get("Table") : r.get("TableWithColumns");
    if (t != null) {
      return t.path("CatalogId").asText().equals(catalogId)
          && t.path("DatabaseName").asText().equals(database)
          && (table == null || t.has("TableWildcard") || t.path("Name").asText().equals(table));
    }
    JsonNode p = r.get("LFTagPolicy");
    if (p == null || !p.path("CatalogId").asText().equals(catalogId)) {
      return false;
    }
    return lfTags.matches(p.get("Expression"), catalogId, database, table);
  }

  /**
   * What the owner's Lake Formation lists for {@code account} (as the account, or any principal of
   * it) on the resource or on what covers it: a table is covered by its database's table wildcard,
   * a column list by its table.
   */
  Set<String> heldBy(String owner, String account, JsonNode resource, boolean grantable) {
    Set<String> held = new TreeSet<>();
    String principals = "arn:aws:iam::" + account + ":";
    String wanted = key(resource);
    for (Entry e : entries.values()) {
      boolean ofAccount = e.principal().equals(account) || e.principal().startsWith(principals);
      if (e.caller().equals(owner)
          && ofAccount
          && FakeLfResources.covers(e.resource(), e.key(), resource, wanted)) {
        held.addAll(grantable ? e.grantable() : e.permissions());
      }
    }
    return held;
  }

  void grant(
      String caller,
      String principal,
      JsonNode resource,
      Set<String> permissions,
      Set<String> grantable) {
    requireCascadable(caller, resource, permissions, grantable);
    for (Part part : asListed(resource, permissions, grantable)) {
      add(caller, principal, part);
    }
  }

  private void add(String caller, String principal, Part part) {
    String id = id(caller, principal, part.key());
    Entry e = entries.get(id);
    // Replacing a value keeps the entry's place in the order.
    entries.put(
        id,
        new Entry(
            caller,
            principal,
            part.key(),
            part.resource(),
            e == null
                ? new TreeSet<>(part.permissions())
                : union(e.permissions(), part.permissions()),
            e == null ? new TreeSet<>(part.grantable()) : union(e.grantable(), part.grantable())));
  }

  private static String id(String caller, String principal, String key) {
    return caller + "\n" + principal + "\n" + key;
  }

  /** What {@code caller}'s Lake Formation holds for the principal on the resource of this key. */
  private Optional<Entry> entry(String caller, String principal, String key) {
    return Optional.ofNullable(entries.get(id(caller, principal, key)));
  }

  /**
   * Revokes in whichever shape the request names the resource: "Lake Formation permissions
   * reference" lists SELECT as the only permission of a "Table with column filter", and a table's
   * SELECT is held as the table with a column wildcard, so a revoke of SELECT on the {@code Table}
   * and one on the {@code TableWithColumns} with an empty column wildcard find the same permission.
   * Nothing is revoked unless every part is held.
   */
  void revoke(
      String caller,
      String principal,
      JsonNode resource,
      Set<String> permissions,
      Set<String> grantable) {
    List<Part> parts = asListed(resource, permissions, grantable);
    List<Entry> found = new ArrayList<>();
    for (Part part : parts) {
      Entry held = entry(caller, principal, part.key()).orElse(null);
      if (held == null
          || !held.permissions().containsAll(part.permissions())
          || !held.grantable().containsAll(part.grantable())) {
        throw LoopbackAws.AwsFault.json(
            "InvalidInputException",
            "No permissions revoked. Grantee has no permissions and no grantable permissions on"
                + " resource");
      }
      found.add(held);
    }
    for (int i = 0; i < parts.size(); i++) {
      Entry e = found.get(i);
      e.permissions().removeAll(parts.get(i).permissions());
      e.grantable().removeAll(parts.get(i).grantable());
      e.grantable().removeAll(parts.get(i).permissions());
      if (e.permissions().isEmpty() && e.grantable().isEmpty()) {
        entries.remove(id(e.caller(), e.principal(), e.key()));
      }
    }
  }

  /**
   * A grant on an LF-tag expression of another account's catalog is a cascade of what that account
   * shared ("Permission cascading rules"): allowed when the policy is exactly the one shared with
   * the caller's account and the account holds what is granted with grant option (rule 1), or when
   * the account holds DESCRIBE on every tag-value pair of the policy (rule 2), which "Cascading
   * cross-account permissions" shows failing with AccessDeniedException for the very policy that
   * was shared without grant option.
   */
  private void requireCascadable(
      String caller, JsonNode resource, Set<String> permissions, Set<String> grantable) {
    JsonNode policy = resource.get("LFTagPolicy");
    if (policy == null || text(policy, "CatalogId").equals(caller)) {
      return;
    }
    String owner = text(policy, "CatalogId");
    String key = key(resource);
    Optional<Entry> shared = entry(owner, caller, key);
    if (shared.isPresent()) {
      if (shared.get().grantable().containsAll(union(permissions, grantable))) {
        return;
      }
    } else if (describesEveryValue(owner, caller, policy)) {
      return;
    }
    throw LoopbackAws.AwsFault.json(
        "AccessDeniedException",
        "Insufficient Lake Formation permission(s) on LF-tag expression " + key);
  }

  private boolean describesEveryValue(String owner, String account, JsonNode policy) {
    for (JsonNode term : policy.get("Expression")) {
      ObjectNode tag = LoopbackAws.JSON.createObjectNode();
      tag.putObject("LFTag")
          .put("CatalogId", owner)
          .put("TagKey", term.get("TagKey").asText())
          .set("TagValues", term.get("TagValues"));
      for (Part pair : asListed(tag, Set.of("DESCRIBE"), Set.of())) {
        boolean held =
            entry(owner, account, pair.key())
                .map(e -> e.permissions().contains("DESCRIBE"))
                .orElse(false);
        if (!held) {
          return false;
        }
      }
    }
    return true;
  }
}
