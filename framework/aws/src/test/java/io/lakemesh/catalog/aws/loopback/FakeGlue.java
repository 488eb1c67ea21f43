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

/**
 * Glue's catalog API (JSON 1.1, {@code X-Amz-Target: AWSGlue.Op}) over in-memory catalogs:
 * databases (resource links included), tables with every version kept, and UpdateTable's optimistic
 * lock on VersionId. Versions are numbered from 1 per table.
 */
public final class FakeGlue implements LoopbackAws.Handler {
  /**
   * Decides whether {@code caller} may change an entry in another account's catalog; throws the
   * fault AWS answers with when it may not.
   */
  public interface WriteCheck {
    void check(
        String caller, String operation, String catalogId, String database, JsonNode input);
  }

  private volatile WriteCheck writes = (caller, operation, catalogId, database, input) -> {};
  private final Map<String, Map<String, ObjectNode>> databases = new TreeMap<>();
  private final Map<String, Map<String, List<ObjectNode>>> tables = new TreeMap<>();

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
      // Outside this fake's lock: Lake Formation's check holds its own, and its tag search reads
      // Glue's tables under it.
      checkForeignWrite(request.account(), request.operation(), catalogId, in);
    }
    return apply(request, in, catalogId);
  }

  private synchronized LoopbackAws.Answer apply(
      LoopbackAws.Request request, JsonNode in, String catalogId) {
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
          out.set("Database", requireDatabase(catalogId, in.get("Name").asText()));
      case "GetDatabases" -> {
        ArrayNode list = out.putArray("DatabaseList");
        databases.getOrDefault(catalogId, Map.of()).values().forEach(list::add);
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
      case "GetTable" -> {
        List<ObjectNode> versions =
            requireTable(catalogId, in.get("DatabaseName").asText(), in.get("Name").asText());
        out.set("Table", versions.get(versions.size() - 1));
      }
      case "GetTables" -> {
        String database = in.get("DatabaseName").asText();
        requireDatabase(catalogId, database);
        ArrayNode list = out.putArray("TableList");
        tables
            .getOrDefault(catalogId + "/" + database, Map.of())
            .values()
            .forEach(v -> list.add(v.get(v.size() - 1)));
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
      default ->
          throw LoopbackAws.AwsFault.json(
              "InvalidInputException", "operation not served: " + request.operation());
    }
    return LoopbackAws.json(out);
  }

  /** A write into another account's catalog goes through the check; reads are not its concern. */
  private void checkForeignWrite(String caller, String operation, String catalogId, JsonNode in) {
    switch (operation) {
      case "CreateDatabase", "UpdateDatabase", "DeleteDatabase" ->
          writes.check(
              caller,
              operation,
              catalogId,
              in.has("Name") ? in.get("Name").asText() : in.get("DatabaseInput").get("Name").asText(),
              in);
      case "CreateTable", "UpdateTable", "DeleteTable" ->
          writes.check(caller, operation, catalogId, in.get("DatabaseName").asText(), in);
      default -> {}
    }
  }

  private ObjectNode requireDatabase(String catalogId, String name) {
    ObjectNode database = databases.getOrDefault(catalogId, Map.of()).get(name);
    if (database == null) {
      throw LoopbackAws.AwsFault.json(
          "EntityNotFoundException", "Database " + name + " not found.");
    }
    return database;
  }

  private List<ObjectNode> requireTable(String catalogId, String database, String name) {
    requireDatabase(catalogId, database);
    List<ObjectNode> versions = tables.getOrDefault(catalogId + "/" + database, Map.of()).get(name);
    if (versions == null) {
      throw LoopbackAws.AwsFault.json("EntityNotFoundException", "Table " + name + " not found.");
    }
    return versions;
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
