package io.lakemesh.catalog.aws.loopback;

import static io.lakemesh.catalog.aws.loopback.FakeLfResources.catalogId;
import static io.lakemesh.catalog.aws.loopback.FakeLfResources.principal;
import static io.lakemesh.catalog.aws.loopback.FakeLfResources.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Lake Formation (REST-JSON, {@code POST /Op}): permissions recorded per calling account as Lake
 * Formation records them, LF-tag definitions per catalog, tag values per database, table and
 * column, tag search over the fake Glue's tables, and location registration.
 *
 * <p>Lake Formation grants only on resources its catalog holds: a database or table is named by the
 * catalog it lives in, and a resource link lives in the catalog of the account that created it
 * ("Granting resource link permissions": permissions on a link are granted "to a principal in your
 * AWS account"; "How resource links work in Lake Formation": a link is a Data Catalog object of
 * that account). Once {@link #requireExistingResources()} is called (the rule suites, which publish
 * before they grant), a grant on a database or table that the named Glue catalog does not hold is
 * refused. Until then the fake does not insist that a tagged or granted resource or tag exists: the
 * storage contract grants on and assigns tags to tables it never published.
 */
public final class FakeLakeFormation implements LoopbackAws.Handler {
  /**
   * One permission entry: what {@code caller}'s Lake Formation lists for a principal on a resource.
   */
  public record Entry(
      String caller,
      String principal,
      String key,
      JsonNode resource,
      Set<String> permissions,
      Set<String> grantable) {}

  private final FakeDataCellsFilters filters;
  private final FakeLfTags lfTags;
  private final FakeLfPermissions permissions;
  private final FakeLfGrantRequests requests;
  private final FakeLfSettings settings = new FakeLfSettings();
  private final Set<String> registered = new TreeSet<>();
  private Function<String, Optional<String>> bucketOwners = bucket -> Optional.empty();

  FakeLakeFormation(FakeGlue glue) {
    this.lfTags = new FakeLfTags(glue);
    this.permissions = new FakeLfPermissions(lfTags);
    this.filters = new FakeDataCellsFilters(glue, permissions::heldBy);
    this.requests = new FakeLfGrantRequests(glue, filters, permissions);
  }

  /** The data cells filters of every catalog, by table and name. */
  public synchronized List<String> dataCellsFilters() {
    return filters.keys();
  }

  public synchronized List<Entry> entries() {
    applyDefaultGrants();
    return permissions.entries();
  }

  /**
   * From now on a grant on a database or table that the named Glue catalog does not hold is
   * refused, as Lake Formation refuses it (see the class comment).
   */
  public void requireExistingResources() {
    requests.requireExistingResources();
  }

  /** Where the fake S3 says who owns a bucket. */
  void bucketOwners(Function<String, Optional<String>> owners) {
    this.bucketOwners = owners;
  }

  /** The account's data lake settings, as GetDataLakeSettings returns them. */
  public ObjectNode dataLakeSettings(String catalogId) {
    return settings.dataLakeSettings(catalogId);
  }

  /** See {@link FakeLfSettings#created}: Glue made a database or table. */
  void created(String catalogId, ObjectNode database, ObjectNode table) {
    settings.created(catalogId, database, table);
  }

  /**
   * Whether a cross-account grant from this catalog went through RAM (the named-resource method).
   */
  boolean sharesThroughRam(String catalogId) {
    return requests.sharesThroughRam(catalogId);
  }

  private void applyDefaultGrants() {
    for (Entry e : settings.takeDefaultGrants()) {
      permissions.grant(e.caller(), e.principal(), e.resource(), e.permissions(), e.grantable());
    }
  }

  /** Changes Lake Formation behind lakemesh's back, as another tool or a person would. */
  public synchronized void grantOutOfBand(
      String caller, String principal, JsonNode resource, Set<String> permissions) {
    applyDefaultGrants();
    this.permissions.grant(caller, principal, resource, permissions, Set.of());
  }

  public synchronized void revokeOutOfBand(String caller, String principal, JsonNode resource) {
    applyDefaultGrants();
    permissions.revokeEvery(caller, principal, resource);
  }

  /** Revokes some permissions behind lakemesh's back, naming the resource in either shape. */
  public synchronized void revokeOutOfBand(
      String caller, String principal, JsonNode resource, Set<String> permissions) {
    this.permissions.revoke(caller, principal, resource, permissions, Set.of());
  }

  public synchronized Set<String> registered() {
    return Set.copyOf(registered);
  }

  /** See {@link FakeLfPermissions#holdsDescribe}. */
  synchronized boolean holdsDescribe(String caller, String principal, JsonNode resource) {
    return permissions.holdsDescribe(caller, principal, resource);
  }

  /** See {@link FakeLfPermissions#entitled}. */
  synchronized boolean entitled(
      String account, String principal, String catalogId, String database, String table) {
    return permissions.entitled(account, principal, catalogId, database, table);
  }

  @Override
  public String operation(HttpExchange exchange, String body) {
    return exchange.getRequestURI().getPath().substring(1);
  }

  @Override
  public synchronized LoopbackAws.Answer handle(LoopbackAws.Request request) {
    applyDefaultGrants();
    JsonNode in = request.json();
    String caller = request.account();
    ObjectNode out = LoopbackAws.JSON.createObjectNode();
    if (FakeDataCellsFilters.serves(request.operation())) {
      filters.handle(request.operation(), caller, in, out, requests.existingResourcesOnly());
      return LoopbackAws.json(out);
    }
    if (FakeLfTags.serves(request.operation())) {
      lfTags.handle(request.operation(), caller, in, out);
      return LoopbackAws.json(out);
    }
    switch (request.operation()) {
      case "GrantPermissions" ->
          requests.grantRequested(
              caller,
              principal(in),
              in.get("Resource"),
              strings(in.get("Permissions")),
              strings(in.get("PermissionsWithGrantOption")));
      case "RevokePermissions" ->
          permissions.revoke(
              caller,
              principal(in),
              in.get("Resource"),
              strings(in.get("Permissions")),
              strings(in.get("PermissionsWithGrantOption")));
      case "BatchGrantPermissions", "BatchRevokePermissions" -> {
        ArrayNode failures = out.putArray("Failures");
        for (JsonNode e : in.get("Entries")) {
          try {
            if (request.operation().startsWith("BatchGrant")) {
              requests.grantRequested(
                  caller,
                  principal(e),
                  e.get("Resource"),
                  strings(e.get("Permissions")),
                  strings(e.get("PermissionsWithGrantOption")));
            } else {
              permissions.revoke(
                  caller,
                  principal(e),
                  e.get("Resource"),
                  strings(e.get("Permissions")),
                  strings(e.get("PermissionsWithGrantOption")));
            }
          } catch (LoopbackAws.AwsFault fault) {
            ObjectNode failure = failures.addObject();
            failure.set("RequestEntry", e);
            failure
                .putObject("Error")
                .put(
                    "ErrorCode",
                    fault
                        .answer
                        .headers()
                        .getOrDefault("x-amzn-ErrorType", "InvalidInputException"))
                .put("ErrorMessage", fault.getMessage());
          }
        }
      }
      case "ListPermissions" -> {
        String principal = in.has("Principal") ? principal(in) : null;
        permissions.list(
            caller, principal, in.get("Resource"), out.putArray("PrincipalResourcePermissions"));
      }
      case "GetDataLakeSettings" ->
          out.set("DataLakeSettings", dataLakeSettings(catalogId(in, caller)));
      case "PutDataLakeSettings" ->
          settings.putDataLakeSettings(catalogId(in, caller), in.get("DataLakeSettings"));
      case "RegisterResource" -> {
        requireRoleForOtherAccountsBucket(caller, in);
        if (!registered.add(in.get("ResourceArn").asText())) {
          throw LoopbackAws.AwsFault.json(
              "AlreadyExistsException", "Resource is already registered");
        }
      }
      default ->
          throw LoopbackAws.AwsFault.json(
              "InvalidInputException", "operation not served: " + request.operation());
    }
    return LoopbackAws.json(out);
  }

  /**
   * Lake Formation's check on a Glue write into another account's catalog ("Lake Formation
   * permissions reference"): CreateTable needs CREATE_TABLE on the database, UpdateTable ALTER on
   * the table, DeleteTable DROP on it, UpdateDatabase ALTER and DeleteDatabase DROP on the
   * database, CreateDatabase CREATE_DATABASE on the catalog; a table whose location lies in a
   * registered location also needs DATA_LOCATION_ACCESS on it ("Granting data location
   * permissions"). The permissions are those the owning account granted to the caller's account.
   */
  void checkGlueWrite(
      String caller, String operation, String catalogId, String database, JsonNode input) {
    ObjectNode resource = LoopbackAws.JSON.createObjectNode();
    String required;
    switch (operation) {
      case "CreateDatabase" -> {
        resource.putObject("Catalog");
        required = "CREATE_DATABASE";
      }
      case "UpdateDatabase", "DeleteDatabase" -> {
        resource.putObject("Database").put("CatalogId", catalogId).put("Name", database);
        required = operation.startsWith("Update") ? "ALTER" : "DROP";
      }
      case "CreateTable" -> {
        resource.putObject("Database").put("CatalogId", catalogId).put("Name", database);
        required = "CREATE_TABLE";
      }
      default -> {
        String table =
            input.has("TableInput")
                ? input.get("TableInput").get("Name").asText()
                : input.get("Name").asText();
        resource
            .putObject("Table")
            .put("CatalogId", catalogId)
            .put("DatabaseName", database)
            .put("Name", table);
        required = operation.startsWith("Update") ? "ALTER" : "DROP";
      }
    }
    Set<String> held;
    synchronized (this) {
      held = permissions.heldBy(catalogId, caller, resource, false);
    }
    if (!held.contains("ALL") && !held.contains(required)) {
      throw LoopbackAws.AwsFault.json(
          "AccessDeniedException",
          "Insufficient Lake Formation permission(s): Required " + required + " on " + database);
    }
    JsonNode location = input.path("TableInput").path("StorageDescriptor").path("Location");
    if (location.isTextual()) {
      requireLocationAccess(caller, catalogId, location.asText());
    }
  }

  private void requireLocationAccess(String caller, String catalogId, String location) {
    String arn = "arn:aws:s3:::" + location.substring(location.indexOf("://") + 3);
    synchronized (this) {
      for (String registeredArn : registered) {
        if (arn.equals(registeredArn) || arn.startsWith(registeredArn + "/")) {
          ObjectNode resource = LoopbackAws.JSON.createObjectNode();
          resource
              .putObject("DataLocation")
              .put("CatalogId", catalogId)
              .put("ResourceArn", registeredArn);
          if (!permissions
              .heldBy(catalogId, caller, resource, false)
              .contains("DATA_LOCATION_ACCESS")) {
            throw LoopbackAws.AwsFault.json(
                "AccessDeniedException",
                "Insufficient Lake Formation permission(s): Required Data Location Access on "
                    + location);
          }
        }
      }
    }
  }

  /**
   * "Requirements for roles used to register locations": registering a location in another account
   * needs a user-defined role; the service-linked role (UseServiceLinkedRole, or no RoleArn) only
   * serves the registering account's own buckets.
   */
  private void requireRoleForOtherAccountsBucket(String caller, JsonNode in) {
    String arn = in.get("ResourceArn").asText();
    String bucket = arn.substring("arn:aws:s3:::".length()).split("/")[0];
    boolean serviceLinked =
        in.path("UseServiceLinkedRole").asBoolean(false) || !in.hasNonNull("RoleArn");
    Optional<String> owner = bucketOwners.apply(bucket);
    if (serviceLinked && owner.isPresent() && !owner.get().equals(caller)) {
      throw LoopbackAws.AwsFault.json(
          "InvalidInputException",
          "Bucket "
              + bucket
              + " belongs to account "
              + owner.get()
              + ": registering a location in another account requires a user-defined RoleArn,"
              + " not the service-linked role");
    }
  }
}
