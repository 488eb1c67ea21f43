package io.lakemesh.catalog.aws.loopback;

import static io.lakemesh.catalog.aws.loopback.FakeLfResources.SELECT;
import static io.lakemesh.catalog.aws.loopback.FakeLfResources.resourceCatalog;
import static io.lakemesh.catalog.aws.loopback.FakeLfResources.strings;
import static io.lakemesh.catalog.aws.loopback.FakeLfResources.union;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A grant as a caller asks {@link FakeLakeFormation} for it through the API, and the checks Lake
 * Formation makes before it records one: the resource exists, the caller may grant on it, and a
 * cross-account grant can go through RAM. Used under the Lake Formation fake's lock.
 */
final class FakeLfGrantRequests {
  private final FakeGlue glue;
  private final FakeDataCellsFilters filters;
  private final FakeLfPermissions recorded;
  private final Set<String> ramSharers = ConcurrentHashMap.newKeySet();
  private volatile boolean existingResourcesOnly;

  FakeLfGrantRequests(FakeGlue glue, FakeDataCellsFilters filters, FakeLfPermissions recorded) {
    this.glue = glue;
    this.filters = filters;
    this.recorded = recorded;
  }

  /** See {@link FakeLakeFormation#requireExistingResources()}. */
  void requireExistingResources() {
    existingResourcesOnly = true;
  }

  boolean existingResourcesOnly() {
    return existingResourcesOnly;
  }

  /**
   * Whether a cross-account grant from this catalog went through RAM (the named-resource method).
   */
  boolean sharesThroughRam(String catalogId) {
    return ramSharers.contains(catalogId);
  }

  /**
   * A grant a caller asked for. "Managing cross-account permissions using both AWS Glue and Lake
   * Formation": with the named-resource method (a database, table or columns) to another account,
   * once the catalog has a Data Catalog resource policy, that policy must allow glue:ShareResource
   * to ram.amazonaws.com, or the grant does not complete.
   */
  void grantRequested(
      String caller,
      String principal,
      JsonNode resource,
      Set<String> permissions,
      Set<String> grantable) {
    boolean named =
        resource.has("Database")
            || resource.has("Table")
            || resource.has("TableWithColumns")
            || resource.has("DataCellsFilter");
    if (resource.has("DataCellsFilter")) {
      requireGrantableFilter(
          caller, principal, resource.get("DataCellsFilter"), permissions, grantable);
    } else if (named && existingResourcesOnly) {
      requireHeldByCatalog(resource, caller);
    }
    if (named && crossAccount(caller, principal)) {
      Optional<String> policy = glue.resourcePolicy(caller);
      if (policy.isPresent() && !allowsRamShare(policy.get())) {
        throw LoopbackAws.AwsFault.json(
            "InvalidInputException",
            "Cross account grant failed: the Data Catalog resource policy of "
                + caller
                + " does not allow glue:ShareResource to the service ram.amazonaws.com");
      }
      ramSharers.add(caller);
    }
    grantAsCaller(caller, principal, resource, permissions, grantable);
  }

  /**
   * "GrantPermissions" (API reference) answers EntityNotFoundException, "A specified entity does
   * not exist", for a database or table the named catalog does not hold; a link is held only by the
   * catalog of the account that created it.
   */
  private void requireHeldByCatalog(JsonNode resource, String caller) {
    String catalogId = resourceCatalog(resource, caller);
    JsonNode r = resource.has("Database") ? resource.get("Database") : null;
    String database = r != null ? r.path("Name").asText() : null;
    String table = null;
    if (r == null) {
      r = resource.has("Table") ? resource.get("Table") : resource.get("TableWithColumns");
      database = r.path("DatabaseName").asText();
      table = r.has("TableWildcard") ? null : r.path("Name").asText();
    }
    boolean held =
        glue.database(catalogId, database).isPresent()
            && (table == null || glue.tableNames(catalogId).contains(database + "." + table));
    if (!held) {
      throw LoopbackAws.AwsFault.json(
          "EntityNotFoundException",
          (table == null ? "Database " + database : "Table " + database + "." + table)
              + " not found in catalog "
              + catalogId);
    }
  }

  /**
   * A data filter is granted only while it exists ("GrantPermissions" answers
   * EntityNotFoundException for an entity that does not exist). "Granting data filter permissions":
   * SELECT on it goes to an external AWS account only with the grant option, so that the account's
   * administrator can cascade it. "Managing data filters": DESCRIBE on a filter shared from another
   * account cannot be granted on.
   */
  private void requireGrantableFilter(
      String caller,
      String principal,
      JsonNode filter,
      Set<String> permissions,
      Set<String> grantable) {
    if (!filters.exists(filter)) {
      throw LoopbackAws.AwsFault.json(
          "EntityNotFoundException",
          "Data cells filter " + FakeDataCellsFilters.key(filter) + " does not exist");
    }
    if (!caller.equals(filter.path("TableCatalogId").asText())
        && union(permissions, grantable).contains("DESCRIBE")) {
      throw LoopbackAws.AwsFault.json(
          "InvalidInputException",
          "DESCRIBE cannot be granted on a data cells filter shared from another account");
    }
    if (principal.matches("\\d{12}")
        && !principal.equals(caller)
        && permissions.contains(SELECT)
        && !grantable.contains(SELECT)) {
      throw LoopbackAws.AwsFault.json(
          "InvalidInputException",
          "Permissions on a data cells filter granted to an external account must include the"
              + " grant option");
    }
  }

  private static boolean crossAccount(String caller, String principal) {
    if (principal.matches("\\d{12}")) {
      return !principal.equals(caller);
    }
    String[] arn = principal.split(":");
    return arn.length > 4 && arn[0].equals("arn") && !arn[4].isEmpty() && !arn[4].equals(caller);
  }

  private static boolean allowsRamShare(String policyJson) {
    try {
      for (JsonNode st : LoopbackAws.JSON.readTree(policyJson).path("Statement")) {
        if ("Allow".equals(st.path("Effect").asText())
            && values(st.get("Action")).contains("glue:ShareResource")
            && values(st.path("Principal").get("Service")).contains("ram.amazonaws.com")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** A policy element that is one string or a list of them. */
  private static Set<String> values(JsonNode node) {
    if (node == null) {
      return Set.of();
    }
    return node.isArray() ? strings(node) : Set.of(node.asText());
  }

  /**
   * A grant made through the API. On its own catalog's resources the caller is the data lake
   * administrator ("Lake Formation permissions reference": administrators grant on every resource
   * of their catalog). On a resource of another account's catalog, shared with it, it grants only
   * what its account holds with the grant option ("Granting permissions on a data location shared
   * with your account": "your account must have been granted the DATA_LOCATION_ACCESS permission on
   * the location with the grant option"; the same holds for shared tables and databases).
   */
  private void grantAsCaller(
      String caller,
      String principal,
      JsonNode resource,
      Set<String> permissions,
      Set<String> grantable) {
    String owner = resourceCatalog(resource, caller);
    // An LF-tag expression of another catalog follows the cascading rules (requireCascadable).
    if (!owner.equals(caller) && !resource.has("LFTagPolicy")) {
      Set<String> held = recorded.heldBy(owner, caller, resource, true);
      Set<String> wanted = union(permissions, grantable);
      if (!held.contains("ALL") && !held.containsAll(wanted)) {
        throw LoopbackAws.AwsFault.json(
            "AccessDeniedException",
            "Resource does not exist or requester is not authorized to access requested"
                + " permissions.");
      }
    }
    recorded.grant(caller, principal, resource, permissions, grantable);
  }
}
