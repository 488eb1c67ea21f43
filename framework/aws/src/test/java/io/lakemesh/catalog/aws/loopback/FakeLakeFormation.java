package io.lakemesh.catalog.aws.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Lake Formation (REST-JSON, {@code POST /Op}): permissions recorded per calling account as Lake
 * Formation records them, LF-tag definitions per catalog, tag values per database, table and
 * column, tag search over the fake Glue's tables, and location registration. Unlike Lake Formation
 * it does not insist that a tagged or granted resource or tag exists: the storage contract assigns
 * tags to tables it never published.
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

  private final FakeGlue glue;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Map<String, List<String>>> tags = new TreeMap<>();
  private final Map<String, Map<String, String>> assigned = new TreeMap<>();
  private final Set<String> registered = new TreeSet<>();
  // Read from Glue's side without this fake's lock (Glue calls in while holding its own).
  private final Map<String, ObjectNode> settings = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Queue<Entry> defaultGrants =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Set<String> ramSharers = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private java.util.function.Function<String, java.util.Optional<String>> bucketOwners =
      bucket -> java.util.Optional.empty();

  static final String IAM_ALLOWED_PRINCIPALS = "IAM_ALLOWED_PRINCIPALS";

  FakeLakeFormation(FakeGlue glue) {
    this.glue = glue;
  }

  public synchronized List<Entry> entries() {
    applyDefaultGrants();
    return List.copyOf(entries);
  }

  /** Where the fake S3 says who owns a bucket. */
  void bucketOwners(java.util.function.Function<String, java.util.Optional<String>> owners) {
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
        resource.has("Database") || resource.has("Table") || resource.has("TableWithColumns");
    if (named && crossAccount(caller, principal)) {
      java.util.Optional<String> policy = glue.resourcePolicy(caller);
      if (policy.isPresent() && !allowsRamShare(policy.get())) {
        throw LoopbackAws.AwsFault.json(
            "InvalidInputException",
            "Cross account grant failed: the Data Catalog resource policy of "
                + caller
                + " does not allow glue:ShareResource to the service ram.amazonaws.com");
      }
      ramSharers.add(caller);
    }
    grant(caller, principal, resource, permissions, grantable);
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
    } catch (java.io.IOException e) {
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
    applyDefaultGrants();
    entries.removeIf(
        e ->
            e.caller().equals(caller)
                && e.principal().equals(principal)
                && e.key().equals(key(resource)));
  }

  public synchronized Set<String> registered() {
    return Set.copyOf(registered);
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
                .put("ErrorCode", "InvalidInputException")
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
      case "CreateLFTag" -> {
        Map<String, List<String>> catalog =
            tags.computeIfAbsent(catalogId(in, caller), k -> new TreeMap<>());
        String key = in.get("TagKey").asText();
        if (catalog.containsKey(key)) {
          throw LoopbackAws.AwsFault.json("AlreadyExistsException", "Tag key already exists");
        }
        catalog.put(key, new ArrayList<>(strings(in.get("TagValues"))));
      }
      case "GetLFTag" -> {
        String key = in.get("TagKey").asText();
        List<String> values = tags.getOrDefault(catalogId(in, caller), Map.of()).get(key);
        if (values == null) {
          throw LoopbackAws.AwsFault.json("EntityNotFoundException", "Tag key does not exist");
        }
        out.put("CatalogId", catalogId(in, caller))
            .put("TagKey", key)
            .set("TagValues", array(values));
      }
      case "ListLFTags" -> {
        ArrayNode list = out.putArray("LFTags");
        String catalogId = catalogId(in, caller);
        tags.getOrDefault(catalogId, Map.of())
            .forEach(
                (k, v) ->
                    list.addObject()
                        .put("CatalogId", catalogId)
                        .put("TagKey", k)
                        .set("TagValues", array(v)));
      }
      case "DeleteLFTag" -> {
        if (tags.getOrDefault(catalogId(in, caller), new TreeMap<>())
                .remove(in.get("TagKey").asText())
            == null) {
          throw LoopbackAws.AwsFault.json("EntityNotFoundException", "Tag key does not exist");
        }
      }
      case "AddLFTagsToResource", "RemoveLFTagsFromResource" -> {
        String target = target(in.get("Resource"));
        for (JsonNode pair : in.get("LFTags")) {
          String key = pair.get("TagKey").asText();
          if (request.operation().startsWith("Add")) {
            assigned
                .computeIfAbsent(target, k -> new TreeMap<>())
                .put(key, pair.get("TagValues").get(0).asText());
          } else {
            assigned.getOrDefault(target, new TreeMap<>()).remove(key);
          }
        }
        out.putArray("Failures");
      }
      case "GetResourceLFTags" -> resourceTags(in.get("Resource"), out);
      case "SearchTablesByLFTags" -> {
        ArrayNode list = out.putArray("TableList");
        String catalogId = catalogId(in, caller);
        for (String name : glue.tableNames(catalogId)) {
          String database = name.substring(0, name.indexOf('.'));
          Map<String, String> effective =
              new TreeMap<>(assigned.getOrDefault(catalogId + ":" + database, Map.of()));
          effective.putAll(assigned.getOrDefault(catalogId + ":" + name, Map.of()));
          if (matchesAll(in.get("Expression"), effective)) {
            list.addObject()
                .putObject("Table")
                .put("CatalogId", catalogId)
                .put("DatabaseName", database)
                .put("Name", name.substring(database.length() + 1));
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
    java.util.Optional<String> owner = bucketOwners.apply(bucket);
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
    String key = key(resource);
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.caller().equals(caller) && e.principal().equals(principal) && e.key().equals(key)) {
        entries.set(
            i,
            new Entry(
                caller,
                principal,
                key,
                resource,
                union(e.permissions(), permissions),
                union(e.grantable(), grantable)));
        return;
      }
    }
    entries.add(
        new Entry(
            caller,
            principal,
            key,
            resource,
            new TreeSet<>(permissions),
            new TreeSet<>(grantable)));
  }

  private void revoke(
      String caller,
      String principal,
      JsonNode resource,
      Set<String> permissions,
      Set<String> grantable) {
    String key = key(resource);
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.caller().equals(caller) && e.principal().equals(principal) && e.key().equals(key)) {
        if (!e.permissions().containsAll(permissions) || !e.grantable().containsAll(grantable)) {
          break;
        }
        e.permissions().removeAll(permissions);
        e.grantable().removeAll(grantable);
        e.grantable().removeAll(permissions);
        if (e.permissions().isEmpty() && e.grantable().isEmpty()) {
          it.remove();
        }
        return;
      }
    }
    throw LoopbackAws.AwsFault.json(
        "InvalidInputException",
        "No permissions revoked. Grantee has no permissions and no grantable permissions on"
            + " resource");
  }

  private void resourceTags(JsonNode resource, ObjectNode out) {
    if (resource.has("Database")) {
      JsonNode d = resource.get("Database");
      out.set(
          "LFTagOnDatabase",
          pairs(
              d.get("CatalogId").asText(),
              assigned.getOrDefault(
                  d.get("CatalogId").asText() + ":" + d.get("Name").asText(), Map.of())));
      return;
    }
    JsonNode t = resource.has("Table") ? resource.get("Table") : resource.get("TableWithColumns");
    String catalogId = t.get("CatalogId").asText();
    String table = catalogId + ":" + t.get("DatabaseName").asText() + "." + t.get("Name").asText();
    out.set(
        "LFTagOnDatabase",
        pairs(
            catalogId,
            assigned.getOrDefault(catalogId + ":" + t.get("DatabaseName").asText(), Map.of())));
    if (resource.has("Table")) {
      out.set("LFTagsOnTable", pairs(catalogId, assigned.getOrDefault(table, Map.of())));
    }
    ArrayNode columns = out.putArray("LFTagsOnColumns");
    assigned.forEach(
        (target, values) -> {
          if (target.startsWith(table + "#") && !values.isEmpty()) {
            String column = target.substring(table.length() + 1);
            if (resource.has("Table") || strings(t.get("ColumnNames")).contains(column)) {
              columns.addObject().put("Name", column).set("LFTags", pairs(catalogId, values));
            }
          }
        });
  }

  private static ArrayNode pairs(String catalogId, Map<String, String> values) {
    ArrayNode list = LoopbackAws.JSON.createArrayNode();
    values.forEach(
        (k, v) ->
            list.addObject()
                .put("CatalogId", catalogId)
                .put("TagKey", k)
                .set("TagValues", array(List.of(v))));
    return list;
  }

  private static boolean matchesAll(JsonNode expression, Map<String, String> tags) {
    for (JsonNode term : expression) {
      String value = tags.get(term.get("TagKey").asText());
      if (value == null || !strings(term.get("TagValues")).contains(value)) {
        return false;
      }
    }
    return true;
  }

  /** A ListPermissions filter on a table also lists the table's column grants. */
  private static boolean matches(JsonNode filter, JsonNode resource) {
    if (filter.has("Table") && resource.has("TableWithColumns")) {
      JsonNode f = filter.get("Table");
      JsonNode c = resource.get("TableWithColumns");
      return f.get("CatalogId").asText().equals(c.get("CatalogId").asText())
          && f.get("DatabaseName").asText().equals(c.get("DatabaseName").asText())
          && f.has("Name")
          && f.get("Name").asText().equals(c.get("Name").asText());
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
    if (r.has("Database")) {
      return "database "
          + r.get("Database").get("CatalogId").asText()
          + ":"
          + r.get("Database").get("Name").asText();
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
    return r.toString();
  }

  private static String target(JsonNode r) {
    if (r.has("Database")) {
      return r.get("Database").get("CatalogId").asText()
          + ":"
          + r.get("Database").get("Name").asText();
    }
    if (r.has("Table")) {
      JsonNode t = r.get("Table");
      return t.get("CatalogId").asText()
          + ":"
          + t.get("DatabaseName").asText()
          + "."
          + t.get("Name").asText();
    }
    JsonNode c = r.get("TableWithColumns");
    return c.get("CatalogId").asText()
        + ":"
        + c.get("DatabaseName").asText()
        + "."
        + c.get("Name").asText()
        + "#"
        + c.get("ColumnNames").get(0).asText();
  }

  private static String principal(JsonNode in) {
    return in.get("Principal").get("DataLakePrincipalIdentifier").asText();
  }

  private static String catalogId(JsonNode in, String caller) {
    return in.hasNonNull("CatalogId") ? in.get("CatalogId").asText() : caller;
  }

  static Set<String> strings(JsonNode array) {
    Set<String> values = new TreeSet<>();
    if (array != null) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  private static ArrayNode array(java.util.Collection<String> values) {
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
