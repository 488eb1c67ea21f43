package io.lakemesh.catalog.aws.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

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

  private static final String SELECT = "SELECT";
  private static final String ALL_TABLES = "ALL_TABLES";

  private final FakeGlue glue;
  private final FakeDataCellsFilters filters;
  private final List<Entry> entries = new ArrayList<>();
  private final FakeLfTags lfTags;
  private final Set<String> registered = new TreeSet<>();
  // Read from Glue's side without this fake's lock (Glue calls in while holding its own).
  private final Map<String, ObjectNode> settings = new ConcurrentHashMap<>();
  private final Queue<Entry> defaultGrants = new ConcurrentLinkedQueue<>();
  private final Set<String> ramSharers = ConcurrentHashMap.newKeySet();
  private volatile boolean existingResourcesOnly;
  private Function<String, Optional<String>> bucketOwners = bucket -> Optional.empty();

  static final String IAM_ALLOWED_PRINCIPALS = "IAM_ALLOWED_PRINCIPALS";

  FakeLakeFormation(FakeGlue glue) {
    this.glue = glue;
    this.filters = new FakeDataCellsFilters(glue, this::heldBy);
    this.lfTags = new FakeLfTags(glue);
  }

  /** The data cells filters of every catalog, by table and name. */
  public synchronized List<String> dataCellsFilters() {
    return filters.keys();
  }

  public synchronized List<Entry> entries() {
    applyDefaultGrants();
    return List.copyOf(entries);
  }

  /**
   * From now on a grant on a database or table that the named Glue catalog does not hold is
   * refused, as Lake Formation refuses it (see the class comment).
   */
  public void requireExistingResources() {
    existingResourcesOnly = true;
  }

  /** Where the fake S3 says who owns a bucket. */
  void bucketOwners(Function<String, Optional<String>> owners) {
    this.bucketOwners = owners;
  }

  /** The account's data lake settings, as GetDataLakeSettings returns them. */
  public ObjectNode dataLakeSettings(String catalogId) {
    return settings.computeIfAbsent(catalogId, k -> initialSettings()).deepCopy();
  }

  /**
   * "Changing the default settings for your data lake": for backward compatibility with Glue, a new
   * account's Lake Formation has "Use only IAM access control" on for new databases and tables,
   * that is CreateDatabaseDefaultPermissions and CreateTableDefaultPermissions grant ALL to
   * IAM_ALLOWED_PRINCIPALS, and no data lake administrator. "Updating cross-account data sharing
   * version settings": version 1 is the initial version.
   */
  private static ObjectNode initialSettings() {
    ObjectNode s = LoopbackAws.JSON.createObjectNode();
    s.putArray("DataLakeAdmins");
    s.set("CreateDatabaseDefaultPermissions", iamOnly());
    s.set("CreateTableDefaultPermissions", iamOnly());
    s.putObject("Parameters").put("CROSS_ACCOUNT_VERSION", "1");
    return s;
  }

  private static ArrayNode iamOnly() {
    ArrayNode list = LoopbackAws.JSON.createArrayNode();
    ObjectNode entry = list.addObject();
    entry.putObject("Principal").put("DataLakePrincipalIdentifier", IAM_ALLOWED_PRINCIPALS);
    entry.putArray("Permissions").add("ALL");
    return list;
  }

  private static boolean grantsIamAllowedPrincipals(JsonNode defaults) {
    if (defaults == null) {
      return false;
    }
    for (JsonNode e : defaults) {
      if (IAM_ALLOWED_PRINCIPALS.equals(
          e.path("Principal").path("DataLakePrincipalIdentifier").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * "Changing the default settings for your data lake" and "Upgrading AWS Glue data permissions to
   * the AWS Lake Formation model": while the defaults are on, a new database gets ALL for
   * IAM_ALLOWED_PRINCIPALS and carries the account's CreateTableDefaultPermissions (unless its
   * DatabaseInput set its own), and a new table in a database whose CreateTableDefaultPermissions
   * hold IAM_ALLOWED_PRINCIPALS gets ALL for it. Called by Glue while it holds its own lock, so the
   * grants are queued and applied before this fake next answers.
   */
  void created(String catalogId, ObjectNode database, ObjectNode table) {
    ObjectNode account = settings.computeIfAbsent(catalogId, k -> initialSettings());
    ObjectNode resource = LoopbackAws.JSON.createObjectNode();
    boolean iamOnly;
    if (table == null) {
      if (!database.has("CreateTableDefaultPermissions")) {
        database.set(
            "CreateTableDefaultPermissions",
            account.get("CreateTableDefaultPermissions").deepCopy());
      }
      iamOnly = grantsIamAllowedPrincipals(account.get("CreateDatabaseDefaultPermissions"));
      resource
          .putObject("Database")
          .put("CatalogId", catalogId)
          .put("Name", database.get("Name").asText());
    } else {
      iamOnly = grantsIamAllowedPrincipals(database.get("CreateTableDefaultPermissions"));
      resource
          .putObject("Table")
          .put("CatalogId", catalogId)
          .put("DatabaseName", database.get("Name").asText())
          .put("Name", table.get("Name").asText());
    }
    if (iamOnly) {
      defaultGrants.add(
          new Entry(
              catalogId,
              IAM_ALLOWED_PRINCIPALS,
              key(resource),
              resource,
              new TreeSet<>(Set.of("ALL")),
              new TreeSet<>()));
    }
  }

  /**
   * Whether a cross-account grant from this catalog went through RAM (the named-resource method).
   */
  boolean sharesThroughRam(String catalogId) {
    return ramSharers.contains(catalogId);
  }

  private void applyDefaultGrants() {
    for (Entry e; (e = defaultGrants.poll()) != null; ) {
      grant(e.caller(), e.principal(), e.resource(), e.permissions(), e.grantable());
    }
  }

  /**
   * A grant a caller asked for. "Managing cross-account permissions using both AWS Glue and Lake
   * Formation": with the named-resource method (a database, table or columns) to another account,
   * once the catalog has a Data Catalog resource policy, that policy must allow glue:ShareResource
   * to ram.amazonaws.com, or the grant does not complete.
   */
  private void grantRequested(
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

  static boolean allowsRamShare(String policyJson) {
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

  /** Changes Lake Formation behind lakemesh's back, as another tool or a person would. */
  public synchronized void grantOutOfBand(
      String caller, String principal, JsonNode resource, Set<String> permissions) {
    applyDefaultGrants();
    grant(caller, principal, resource, permissions, Set.of());
  }

  public synchronized void revokeOutOfBand(String caller, String principal, JsonNode resource) {
    Set<String> keys = new TreeSet<>();
    asListed(resource, Set.of(SELECT, "DESCRIBE"), Set.of()).forEach(p -> keys.add(p.key()));
    applyDefaultGrants();
    entries.removeIf(
        e ->
            e.caller().equals(caller) && e.principal().equals(principal) && keys.contains(e.key()));
  }

  /** Revokes some permissions behind lakemesh's back, naming the resource in either shape. */
  public synchronized void revokeOutOfBand(
      String caller, String principal, JsonNode resource, Set<String> permissions) {
    revoke(caller, principal, resource, permissions, Set.of());
  }

  public synchronized Set<String> registered() {
    return Set.copyOf(registered);
  }

  /**
   * Whether the principal holds DESCRIBE (or ALL) on a resource, as granted in {@code caller}'s
   * Lake Formation; a resource link's permissions are granted in the link's own account.
   */
  synchronized boolean holdsDescribe(String caller, String principal, JsonNode resource) {
    String key = key(resource);
    return entries.stream()
        .anyMatch(
            e ->
                e.caller().equals(caller)
                    && e.principal().equals(principal)
                    && e.key().equals(key)
                    && (e.permissions().contains("DESCRIBE") || e.permissions().contains("ALL")));
  }

  /**
   * Whether Lake Formation gives a caller of {@code account} any permission on a database of {@code
   * catalogId} ({@code table} null) or on one table in it: granted by the catalog's account (to the
   * account or to one of its principals) or re-granted by {@code account} itself. A named principal
   * needs a grant to itself; the account's administrator holds what is granted to the account or to
   * any of its principals.
   */
  synchronized boolean entitled(
      String account, String principal, String catalogId, String database, String table) {
    for (Entry e : entries) {
      boolean to =
          principal == null
              ? e.principal().equals(account)
                  || e.principal().startsWith("arn:aws:iam::" + account + ":")
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
      filters.handle(request.operation(), caller, in, out, existingResourcesOnly);
      return LoopbackAws.json(out);
    }
    if (FakeLfTags.serves(request.operation())) {
      lfTags.handle(request.operation(), caller, in, out);
      return LoopbackAws.json(out);
    }
    switch (request.operation()) {
      case "GrantPermissions" ->
          grantRequested(
              caller,
              principal(in),
              in.get("Resource"),
              strings(in.get("Permissions")),
              strings(in.get("PermissionsWithGrantOption")));
      case "RevokePermissions" ->
          revoke(
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
              grantRequested(
                  caller,
                  principal(e),
                  e.get("Resource"),
                  strings(e.get("Permissions")),
                  strings(e.get("PermissionsWithGrantOption")));
            } else {
              revoke(
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
        ArrayNode list = out.putArray("PrincipalResourcePermissions");
        String principal = in.has("Principal") ? principal(in) : null;
        JsonNode filter = in.get("Resource");
        for (Entry e : entries) {
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
      case "GetDataLakeSettings" ->
          out.set("DataLakeSettings", dataLakeSettings(catalogId(in, caller)));
      case "PutDataLakeSettings" ->
          putDataLakeSettings(catalogId(in, caller), in.get("DataLakeSettings"));
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
      Set<String> held = heldBy(owner, caller, resource, true);
      Set<String> wanted = union(permissions, grantable);
      if (!held.contains("ALL") && !held.containsAll(wanted)) {
        throw LoopbackAws.AwsFault.json(
            "AccessDeniedException",
            "Resource does not exist or requester is not authorized to access requested"
                + " permissions.");
      }
    }
    grant(caller, principal, resource, permissions, grantable);
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
      held = heldBy(catalogId, caller, resource, false);
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
          if (!heldBy(catalogId, caller, resource, false).contains("DATA_LOCATION_ACCESS")) {
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
   * What the owner's Lake Formation lists for {@code account} (as the account, or any principal of
   * it) on the resource or on what covers it: a table is covered by its database's table wildcard,
   * a column list by its table.
   */
  private Set<String> heldBy(String owner, String account, JsonNode resource, boolean grantable) {
    Set<String> held = new TreeSet<>();
    for (Entry e : entries) {
      boolean ofAccount =
          e.principal().equals(account)
              || e.principal().startsWith("arn:aws:iam::" + account + ":");
      if (e.caller().equals(owner) && ofAccount && covers(e.resource(), resource)) {
        held.addAll(grantable ? e.grantable() : e.permissions());
      }
    }
    return held;
  }

  private static boolean covers(JsonNode held, JsonNode wanted) {
    if (key(held).equals(key(wanted))) {
      return true;
    }
    JsonNode table = wanted.has("Table") ? wanted.get("Table") : wanted.get("TableWithColumns");
    JsonNode h = wholeTable(held);
    if (table == null || h == null) {
      return false;
    }
    String name = h.path("Name").asText();
    return h.get("CatalogId").asText().equals(table.get("CatalogId").asText())
        && h.get("DatabaseName").asText().equals(table.get("DatabaseName").asText())
        && (h.has("TableWildcard")
            || name.equals(ALL_TABLES)
            || (table.has("Name") && name.equals(table.get("Name").asText())));
  }

  private static String resourceCatalog(JsonNode resource, String caller) {
    for (JsonNode part : resource) {
      if (part.hasNonNull("CatalogId")) {
        return part.get("CatalogId").asText();
      }
      if (part.hasNonNull("TableCatalogId")) {
        return part.get("TableCatalogId").asText();
      }
    }
    return caller;
  }

  /**
   * "Changing the default settings for your data lake": PutDataLakeSettings replaces the settings;
   * an omitted CreateDatabaseDefaultPermissions or CreateTableDefaultPermissions is the same as an
   * empty list (Lake Formation permissions in effect for new resources).
   */
  private void putDataLakeSettings(String catalogId, JsonNode in) {
    ObjectNode s = in.deepCopy();
    for (String list :
        List.of(
            "DataLakeAdmins",
            "CreateDatabaseDefaultPermissions",
            "CreateTableDefaultPermissions")) {
      if (!s.has(list)) {
        s.putArray(list);
      }
    }
    if (!s.has("Parameters")) {
      s.putObject("Parameters");
    }
    settings.put(catalogId, s);
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

  private void grant(
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
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.caller().equals(caller)
          && e.principal().equals(principal)
          && e.key().equals(part.key())) {
        entries.set(
            i,
            new Entry(
                caller,
                principal,
                part.key(),
                part.resource(),
                union(e.permissions(), part.permissions()),
                union(e.grantable(), part.grantable())));
        return;
      }
    }
    entries.add(
        new Entry(
            caller,
            principal,
            part.key(),
            part.resource(),
            new TreeSet<>(part.permissions()),
            new TreeSet<>(part.grantable())));
  }

  /** What {@code caller}'s Lake Formation holds for the principal on the resource of this key. */
  private Optional<Entry> entry(String caller, String principal, String key) {
    return entries.stream()
        .filter(
            e ->
                e.caller().equals(caller) && e.principal().equals(principal) && e.key().equals(key))
        .findFirst();
  }

  /**
   * Revokes in whichever shape the request names the resource: "Lake Formation permissions
   * reference" lists SELECT as the only permission of a "Table with column filter", and a table's
   * SELECT is held as the table with a column wildcard, so a revoke of SELECT on the {@code Table}
   * and one on the {@code TableWithColumns} with an empty column wildcard find the same permission.
   * Nothing is revoked unless every part is held.
   */
  private void revoke(
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
        entries.remove(e);
      }
    }
  }

  /** Part of a grant as Lake Formation lists it: one resource and what is held on it. */
  private record Part(JsonNode resource, Set<String> permissions, Set<String> grantable) {
    String key() {
      return FakeLakeFormation.key(resource);
    }
  }

  /**
   * A grant split into the entries ListPermissions lists for it. "Lake Formation permissions
   * reference" (permissions per resource type) gives SELECT as the only permission of a "Table with
   * column filter", and "TableWithColumnsResource" says that object "is only used when granting a
   * SELECT permission": SELECT on a whole table, whether named as a {@code Table} or as a {@code
   * TableWithColumns} with a column wildcard that excludes nothing, is listed as {@code
   * TableWithColumns} with {@code ColumnWildcard {}}, and every other permission on that table as
   * {@code Table}; a grant of SELECT and DESCRIBE in one call is listed as two entries. The table
   * wildcard is listed with the name {@code ALL_TABLES} in both shapes. Permissions on an LF-tag
   * are held value by value.
   */
  private static List<Part> asListed(
      JsonNode resource, Set<String> permissions, Set<String> grantable) {
    List<Part> parts = new ArrayList<>();
    JsonNode table = wholeTable(resource);
    if (table != null) {
      boolean wildcard = table.has("TableWildcard") || ALL_TABLES.equals(text(table, "Name"));
      String name = wildcard ? ALL_TABLES : table.get("Name").asText();
      ObjectNode asTable = LoopbackAws.JSON.createObjectNode();
      ObjectNode t = asTable.putObject("Table");
      t.put("CatalogId", text(table, "CatalogId"))
          .put("DatabaseName", table.get("DatabaseName").asText())
          .put("Name", name);
      if (wildcard) {
        t.putObject("TableWildcard");
      }
      ObjectNode asColumns = LoopbackAws.JSON.createObjectNode();
      asColumns
          .putObject("TableWithColumns")
          .put("CatalogId", text(table, "CatalogId"))
          .put("DatabaseName", table.get("DatabaseName").asText())
          .put("Name", name)
          .putObject("ColumnWildcard");
      addPart(parts, asColumns, only(permissions, true), only(grantable, true));
      addPart(parts, asTable, only(permissions, false), only(grantable, false));
    } else if (resource.has("LFTag")) {
      JsonNode tag = resource.get("LFTag");
      for (String value : strings(tag.get("TagValues"))) {
        ObjectNode one = LoopbackAws.JSON.createObjectNode();
        ObjectNode t = one.putObject("LFTag");
        t.put("CatalogId", text(tag, "CatalogId")).put("TagKey", tag.get("TagKey").asText());
        t.putArray("TagValues").add(value);
        addPart(parts, one, permissions, grantable);
      }
    } else if (resource.has("DataCellsFilter")) {
      // "Lake Formation permissions reference": a table with data filters takes DESCRIBE, DROP and
      // SELECT.
      Set<String> all = union(permissions, grantable);
      all.removeAll(Set.of(SELECT, "DESCRIBE", "DROP"));
      if (!all.isEmpty()) {
        throw LoopbackAws.AwsFault.json(
            "InvalidInputException",
            "Only SELECT, DESCRIBE and DROP can be granted on a data cells filter, not " + all);
      }
      addPart(parts, resource, permissions, grantable);
    } else {
      if (resource.has("TableWithColumns")
          && !(only(permissions, false).isEmpty() && only(grantable, false).isEmpty())) {
        // "Lake Formation permissions reference": SELECT is a column filter's only permission.
        throw LoopbackAws.AwsFault.json(
            "InvalidInputException", "Only SELECT can be granted on a table with a column filter");
      }
      addPart(parts, resource, permissions, grantable);
    }
    return parts;
  }

  /** The table a resource names whole ({@code Table}, or columns with an empty wildcard). */
  private static JsonNode wholeTable(JsonNode resource) {
    if (resource.has("Table")) {
      return resource.get("Table");
    }
    JsonNode c = resource.get("TableWithColumns");
    if (c != null
        && c.has("ColumnWildcard")
        && strings(c.get("ColumnWildcard").get("ExcludedColumnNames")).isEmpty()) {
      return c;
    }
    return null;
  }

  private static void addPart(
      List<Part> parts, JsonNode resource, Set<String> permissions, Set<String> grantable) {
    if (!permissions.isEmpty() || !grantable.isEmpty()) {
      parts.add(new Part(resource, permissions, grantable));
    }
  }

  private static Set<String> only(Set<String> permissions, boolean select) {
    Set<String> some = new TreeSet<>(permissions);
    some.removeIf(p -> p.equals(SELECT) != select);
    return some;
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

  /** A ListPermissions filter on a table also lists the table's column grants. */
  private static boolean matches(JsonNode filter, JsonNode resource) {
    if (filter.has("Table") && resource.has("TableWithColumns")) {
      JsonNode f = filter.get("Table");
      JsonNode c = resource.get("TableWithColumns");
      String name = f.has("TableWildcard") ? ALL_TABLES : text(f, "Name");
      return f.get("CatalogId").asText().equals(c.get("CatalogId").asText())
          && f.get("DatabaseName").asText().equals(c.get("DatabaseName").asText())
          && name.equals(c.get("Name").asText());
    }
    return key(filter).equals(key(resource));
  }

  /** The same text for the same resource however its lists are ordered. */
  static String key(JsonNode r) {
    if (r.has("Table")) {
      JsonNode t = r.get("Table");
      return "table "
          + t.get("CatalogId").asText()
          + ":"
          + t.get("DatabaseName").asText()
          + "."
          + (t.has("TableWildcard") ? "*" : t.get("Name").asText());
    }
    if (r.has("TableWithColumns")) {
      JsonNode c = r.get("TableWithColumns");
      String columns =
          c.has("ColumnWildcard")
              ? "all but "
                  + String.join(
                      ",",
                      new TreeSet<>(strings(c.get("ColumnWildcard").get("ExcludedColumnNames"))))
              : "only " + String.join(",", new TreeSet<>(strings(c.get("ColumnNames"))));
      return "columns "
          + c.get("CatalogId").asText()
          + ":"
          + c.get("DatabaseName").asText()
          + "."
          + c.get("Name").asText()
          + " "
          + columns;
    }
    if (r.has("DataCellsFilter")) {
      return FakeDataCellsFilters.key(r.get("DataCellsFilter"));
    }
    if (r.has("Database")) {
      return "database "
          + r.get("Database").get("CatalogId").asText()
          + ":"
          + r.get("Database").get("Name").asText();
    }
    if (r.has("LFTag")) {
      JsonNode t = r.get("LFTag");
      return "tag "
          + text(t, "CatalogId")
          + ":"
          + t.get("TagKey").asText()
          + "="
          + String.join(",", new TreeSet<>(strings(t.get("TagValues"))));
    }
    if (r.has("LFTagPolicy")) {
      JsonNode p = r.get("LFTagPolicy");
      Map<String, String> terms = new TreeMap<>();
      p.get("Expression")
          .forEach(
              t ->
                  terms.put(
                      t.get("TagKey").asText(),
                      String.join(",", new TreeSet<>(strings(t.get("TagValues"))))));
      return "tag policy "
          + p.get("CatalogId").asText()
          + ":"
          + p.get("ResourceType").asText()
          + " "
          + terms.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(" AND "));
    }
    if (r.has("DataLocation")) {
      JsonNode l = r.get("DataLocation");
      return "location " + l.path("CatalogId").asText() + ":" + l.get("ResourceArn").asText();
    }
    return r.toString();
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : "";
  }

  private static String principal(JsonNode in) {
    return in.get("Principal").get("DataLakePrincipalIdentifier").asText();
  }

  static String catalogId(JsonNode in, String caller) {
    return in.hasNonNull("CatalogId") ? in.get("CatalogId").asText() : caller;
  }

  static Set<String> strings(JsonNode array) {
    Set<String> values = new TreeSet<>();
    if (array != null) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  static ArrayNode array(Collection<String> values) {
    ArrayNode list = LoopbackAws.JSON.createArrayNode();
    values.forEach(list::add);
    return list;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
