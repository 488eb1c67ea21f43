package io.lakemesh.catalog.aws.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Glue's catalog API (JSON 1.1, {@code X-Amz-Target: AWSGlue.Op}) over in-memory catalogs:
 * databases (resource links included), tables with every version kept, and UpdateTable's optimistic
 * lock on VersionId. Versions are numbered from 1 per table. Reads follow resource links as the
 * Lake Formation guide's "Resource link handling in AWS Glue APIs" documents, with the permissions
 * the fake Lake Formation holds.
 */
public final class FakeGlue implements LoopbackAws.Handler {
  /**
   * Decides whether {@code caller} may change an entry in another account's catalog; throws the
   * fault AWS answers with when it may not.
   */
  public interface WriteCheck {
    void check(String caller, String operation, String catalogId, String database, JsonNode input);
  }

  private volatile WriteCheck writes = (caller, operation, catalogId, database, input) -> {};
  private final Map<String, Map<String, ObjectNode>> databases = new TreeMap<>();
  private final Map<String, Map<String, List<ObjectNode>>> tables = new TreeMap<>();
  private final FakeGlueLinks links = new FakeGlueLinks(this);
  private FakeLakeFormation lakeFormation;

  void lakeFormation(FakeLakeFormation lakeFormation) {
    this.lakeFormation = lakeFormation;
    links.lakeFormation(lakeFormation);
  }

  private final Map<String, ObjectNode> policies = new TreeMap<>();
  private Creations creations = (catalogId, database, table) -> {};
  private Predicate<String> sharesThroughRam = catalogId -> false;

  /** What Lake Formation does when Glue creates a database or a table (its default permissions). */
  interface Creations {
    /** {@code table} is null when the database itself was created. */
    void created(String catalogId, ObjectNode database, ObjectNode table);
  }

  void onCreate(Creations creations) {
    this.creations = creations;
  }

  /** Whether Lake Formation made cross-account grants from this catalog through RAM. */
  void sharesThroughRam(Predicate<String> sharesThroughRam) {
    this.sharesThroughRam = sharesThroughRam;
  }

  /** The Data Catalog resource policy of a catalog, as GetResourcePolicy returns it. */
  public synchronized Optional<String> resourcePolicy(String catalogId) {
    return Optional.ofNullable(policies.get(catalogId)).map(p -> p.get("PolicyInJson").asText());
  }

  /** Sets a catalog's resource policy behind lakemesh's back, as an administrator would. */
  public synchronized void putResourcePolicyOutOfBand(String catalogId, String policyJson) {
    storePolicy(catalogId, policyJson);
  }

  public synchronized Optional<ObjectNode> database(String catalogId, String name) {
    return Optional.ofNullable(databases.getOrDefault(catalogId, Map.of()).get(name));
  }

  public synchronized List<ObjectNode> tableVersions(
      String catalogId, String database, String name) {
    return List.copyOf(
        tables.getOrDefault(catalogId + "/" + database, Map.of()).getOrDefault(name, List.of()));
  }

  /** Table names of one Glue catalog, as {@code database.table}. */
  public synchronized List<String> tableNames(String catalogId) {
    List<String> names = new ArrayList<>();
    tables.forEach(
        (key, byName) -> {
          if (key.startsWith(catalogId + "/")) {
            byName
                .keySet()
                .forEach(n -> names.add(key.substring(catalogId.length() + 1) + "." + n));
          }
        });
    return names;
  }

  /** Deletes a table behind lakemesh's back, as another tool or a person with Glue access would. */
  public synchronized void deleteOutOfBand(String catalogId, String database, String name) {
    tables.getOrDefault(catalogId + "/" + database, new TreeMap<>()).remove(name);
  }

  /** Lake Formation's checks on writes into another account's catalog. */
  void checkWrites(WriteCheck check) {
    this.writes = check;
  }

  @Override
  public String operation(HttpExchange exchange, String body) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    return target == null ? "" : target.substring(target.indexOf('.') + 1);
  }

  @Override
  public LoopbackAws.Answer handle(LoopbackAws.Request request) {
    JsonNode in = request.json();
    String catalogId =
        in.hasNonNull("CatalogId") ? in.get("CatalogId").asText() : request.account();
    if (!catalogId.equals(request.account())) {
      checkForeignWrite(request.account(), request.operation(), catalogId, in);
    }
    // Lake Formation's lock first, as its tag search takes Glue's: one order, no deadlock.
    Object permissions = lakeFormation == null ? this : lakeFormation;
    synchronized (permissions) {
      synchronized (this) {
        return apply(request, in, catalogId);
      }
    }
  }

  private LoopbackAws.Answer apply(LoopbackAws.Request request, JsonNode in, String catalogId) {
    ObjectNode out = LoopbackAws.JSON.createObjectNode();
    switch (request.operation()) {
      case "CreateDatabase" -> {
        ObjectNode input = (ObjectNode) in.get("DatabaseInput").deepCopy();
        String name = input.get("Name").asText();
        Map<String, ObjectNode> catalog =
            databases.computeIfAbsent(catalogId, k -> new TreeMap<>());
        if (catalog.containsKey(name)) {
          throw LoopbackAws.AwsFault.json("AlreadyExistsException", "Database already exists.");
        }
        input.put("CatalogId", catalogId).put("CreateTime", now());
        if (!input.has("Parameters")) {
          input.putObject("Parameters");
        }
        catalog.put(name, input);
        if (!input.has("TargetDatabase")) {
          creations.created(catalogId, input, null);
        }
      }
      case "UpdateDatabase" -> {
        String name = in.get("Name").asText();
        ObjectNode current = requireDatabase(catalogId, name);
        ObjectNode input = (ObjectNode) in.get("DatabaseInput").deepCopy();
        input.put("CatalogId", catalogId).set("CreateTime", current.get("CreateTime"));
        if (!input.has("Parameters")) {
          input.putObject("Parameters");
        }
        databases.get(catalogId).put(name, input);
      }
      case "GetDatabase" ->
          out.set(
              "Database",
              links.followDatabase(request, requireDatabase(catalogId, in.get("Name").asText())));
      case "GetDatabases" -> {
        ArrayNode list = out.putArray("DatabaseList");
        databases
            .getOrDefault(catalogId, Map.of())
            .values()
            .forEach(d -> list.add(links.followDatabase(request, d)));
      }
      case "DeleteDatabase" -> {
        requireDatabase(catalogId, in.get("Name").asText());
        databases.get(catalogId).remove(in.get("Name").asText());
        tables.remove(catalogId + "/" + in.get("Name").asText());
      }
      case "CreateTable" -> {
        String database = in.get("DatabaseName").asText();
        requireDatabase(catalogId, database);
        String name = in.get("TableInput").get("Name").asText();
        Map<String, List<ObjectNode>> byName =
            tables.computeIfAbsent(catalogId + "/" + database, k -> new TreeMap<>());
        if (byName.containsKey(name)) {
          throw LoopbackAws.AwsFault.json("AlreadyExistsException", "Table already exists.");
        }
        List<ObjectNode> versions = new ArrayList<>();
        versions.add(version(catalogId, database, in.get("TableInput"), 1));
        byName.put(name, versions);
        if (!in.get("TableInput").has("TargetTable")) {
          creations.created(catalogId, requireDatabase(catalogId, database), versions.get(0));
        }
      }
      case "UpdateTable" -> {
        String database = in.get("DatabaseName").asText();
        String name = in.get("TableInput").get("Name").asText();
        List<ObjectNode> versions = requireTable(catalogId, database, name);
        ObjectNode current = versions.get(versions.size() - 1);
        if (in.hasNonNull("VersionId")
            && !in.get("VersionId").asText().equals(current.get("VersionId").asText())) {
          throw LoopbackAws.AwsFault.json(
              "ConcurrentModificationException",
              "Update table failed due to concurrent modifications.");
        }
        versions.add(version(catalogId, database, in.get("TableInput"), versions.size() + 1));
      }
      case "GetTable" ->
          out.set(
              "Table",
              links.getTable(
                  request, catalogId, in.get("DatabaseName").asText(), in.get("Name").asText()));
      case "GetTables" -> links.getTables(request, catalogId, in.get("DatabaseName").asText(), out);
      case "SearchTables" -> {
        // Tables and table links, links not followed to their targets (Resource link handling in
        // AWS Glue APIs). Tables of the caller's own catalog; SearchText matches names, Filters
        // match DatabaseName or Name exactly.
        ArrayNode list = out.putArray("TableList");
        String text = in.path("SearchText").asText("");
        tables.forEach(
            (key, byName) -> {
              if (key.startsWith(catalogId + "/")) {
                byName.forEach(
                    (name, versions) -> {
                      ObjectNode t = versions.get(versions.size() - 1);
                      if (name.contains(text) && matchesFilters(in.get("Filters"), t)) {
                        list.add(t);
                      }
                    });
              }
            });
      }
      case "GetTableVersions" -> {
        List<ObjectNode> versions =
            requireTable(catalogId, in.get("DatabaseName").asText(), in.get("TableName").asText());
        ArrayNode list = out.putArray("TableVersions");
        for (int i = versions.size() - 1; i >= 0; i--) {
          list.addObject()
              .put("VersionId", versions.get(i).get("VersionId").asText())
              .set("Table", versions.get(i));
        }
      }
      case "DeleteTable" -> {
        String database = in.get("DatabaseName").asText();
        requireTable(catalogId, database, in.get("Name").asText());
        tables.get(catalogId + "/" + database).remove(in.get("Name").asText());
      }
      case "GetResourcePolicy" -> {
        ObjectNode policy = policies.get(policyCatalog(in, request.account()));
        if (policy == null) {
          throw LoopbackAws.AwsFault.json("EntityNotFoundException", "Policy not found");
        }
        out.setAll(policy);
      }
      case "PutResourcePolicy" -> putResourcePolicy(in, policyCatalog(in, request.account()), out);
      default ->
          throw LoopbackAws.AwsFault.json(
              "InvalidInputException", "operation not served: " + request.operation());
    }
    return LoopbackAws.json(out);
  }

  private static boolean matchesFilters(JsonNode filters, JsonNode table) {
    if (filters == null) {
      return true;
    }
    for (JsonNode f : filters) {
      String key = f.path("Key").asText();
      if (!table.path(key).asText().equals(f.path("Value").asText())) {
        return false;
      }
    }
    return true;
  }

  /** A write into another account's catalog goes through the check; reads are not its concern. */
  private void checkForeignWrite(String caller, String operation, String catalogId, JsonNode in) {
    switch (operation) {
      case "CreateDatabase", "UpdateDatabase", "DeleteDatabase" ->
          writes.check(
              caller,
              operation,
              catalogId,
              in.has("Name")
                  ? in.get("Name").asText()
                  : in.get("DatabaseInput").get("Name").asText(),
              in);
      case "CreateTable", "UpdateTable", "DeleteTable" ->
          writes.check(caller, operation, catalogId, in.get("DatabaseName").asText(), in);
      default -> {}
    }
  }

  /**
   * "Managing cross-account permissions using both AWS Glue and Lake Formation": once Lake
   * Formation has made cross-account grants through RAM from this catalog, glue:PutResourcePolicy
   * saves a policy only with EnableHybrid set to "TRUE". PolicyExistsCondition and
   * PolicyHashCondition are honoured as the PutResourcePolicy reference describes.
   */
  private void putResourcePolicy(JsonNode in, String catalogId, ObjectNode out) {
    ObjectNode current = policies.get(catalogId);
    String exists = in.path("PolicyExistsCondition").asText("NONE");
    if (("MUST_EXIST".equals(exists) && current == null)
        || ("NOT_EXIST".equals(exists) && current != null)
        || (in.hasNonNull("PolicyHashCondition")
            && (current == null
                || !current
                    .get("PolicyHash")
                    .asText()
                    .equals(in.get("PolicyHashCondition").asText())))) {
      throw LoopbackAws.AwsFault.json(
          "ConditionCheckFailureException", "The policy condition was not met.");
    }
    if (sharesThroughRam.test(catalogId) && !"TRUE".equals(in.path("EnableHybrid").asText())) {
      throw LoopbackAws.AwsFault.json(
          "InvalidInputException",
          "This catalog has cross-account grants made with Lake Formation through AWS RAM; set"
              + " EnableHybrid to TRUE to save a Data Catalog resource policy as well.");
    }
    out.put("PolicyHash", storePolicy(catalogId, in.get("PolicyInJson").asText()));
  }

  private String storePolicy(String catalogId, String policyJson) {
    String hash = Integer.toHexString(policyJson.hashCode()) + "-" + (policies.size() + 1);
    ObjectNode policy = LoopbackAws.JSON.createObjectNode();
    policy.put("PolicyInJson", policyJson).put("PolicyHash", hash);
    policy.put("CreateTime", now()).put("UpdateTime", now());
    policies.put(catalogId, policy);
    return hash;
  }

  /** The catalog a policy request is about: its ResourceArn's account, else the caller's. */
  private static String policyCatalog(JsonNode in, String caller) {
    return in.hasNonNull("ResourceArn") ? in.get("ResourceArn").asText().split(":")[4] : caller;
  }

  ObjectNode requireDatabase(String catalogId, String name) {
    ObjectNode database = databases.getOrDefault(catalogId, Map.of()).get(name);
    if (database == null) {
      throw LoopbackAws.AwsFault.json(
          "EntityNotFoundException", "Database " + name + " not found.");
    }
    return database;
  }

  List<ObjectNode> requireTable(String catalogId, String database, String name) {
    requireDatabase(catalogId, database);
    List<ObjectNode> versions = tables.getOrDefault(catalogId + "/" + database, Map.of()).get(name);
    if (versions == null) {
      throw LoopbackAws.AwsFault.json("EntityNotFoundException", "Table " + name + " not found.");
    }
    return versions;
  }

  /** The tables of one database by name, every version kept; empty when there is none. */
  Map<String, List<ObjectNode>> tablesIn(String catalogId, String database) {
    return tables.getOrDefault(catalogId + "/" + database, Map.of());
  }

  private static ObjectNode version(
      String catalogId, String database, JsonNode input, int version) {
    ObjectNode table = (ObjectNode) input.deepCopy();
    table
        .put("DatabaseName", database)
        .put("CatalogId", catalogId)
        .put("VersionId", Integer.toString(version))
        .put("CreateTime", now())
        .put("UpdateTime", now())
        .put("IsRegisteredWithLakeFormation", false)
        .put("CreatedBy", "arn:aws:sts::" + catalogId + ":assumed-role/loopback/lakemesh");
    return table;
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}
