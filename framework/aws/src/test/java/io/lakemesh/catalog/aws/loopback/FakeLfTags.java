package io.lakemesh.catalog.aws.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The LF-tag operations of the loopback Lake Formation: tags defined per catalog, assigned to
 * databases, tables and columns, and the tag expressions that LF-tag policy grants and
 * SearchTablesByLFTags evaluate against them ("Lake Formation tag-based access control").
 */
final class FakeLfTags {
  private static final Set<String> OPERATIONS =
      Set.of(
          "CreateLFTag",
          "UpdateLFTag",
          "GetLFTag",
          "ListLFTags",
          "DeleteLFTag",
          "AddLFTagsToResource",
          "RemoveLFTagsFromResource",
          "GetResourceLFTags",
          "SearchTablesByLFTags");
  private static final int MAX_VALUES_PER_CALL = 50;
  private static final int MAX_VALUES_PER_TAG = 1000;

  private final FakeGlue glue;
  private final Map<String, Map<String, List<String>>> tags = new TreeMap<>();
  private final NavigableMap<String, Map<String, String>> assigned = new TreeMap<>();

  FakeLfTags(FakeGlue glue) {
    this.glue = glue;
  }

  static boolean serves(String operation) {
    return OPERATIONS.contains(operation);
  }

  void handle(String operation, String caller, JsonNode in, ObjectNode out) {
    switch (operation) {
      case "CreateLFTag" -> {
        Map<String, List<String>> catalog =
            tags.computeIfAbsent(FakeLfResources.catalogId(in, caller), k -> new TreeMap<>());
        String key = in.get("TagKey").asText();
        if (catalog.containsKey(key)) {
          throw LoopbackAws.AwsFault.json("AlreadyExistsException", "Tag key already exists");
        }
        List<String> values = tagValues(in, "TagValues");
        requireTagValueCount(values.size());
        catalog.put(key, values);
      }
      case "UpdateLFTag" -> {
        List<String> values =
            tags.getOrDefault(FakeLfResources.catalogId(in, caller), Map.of())
                .get(in.get("TagKey").asText());
        if (values == null) {
          throw LoopbackAws.AwsFault.json("EntityNotFoundException", "Tag key does not exist");
        }
        List<String> added = tagValues(in, "TagValuesToAdd");
        List<String> deleted = tagValues(in, "TagValuesToDelete");
        Set<String> after = new TreeSet<>(values);
        after.addAll(added);
        after.removeAll(deleted);
        requireTagValueCount(after.size());
        values.clear();
        values.addAll(after);
      }
      case "GetLFTag" -> {
        String key = in.get("TagKey").asText();
        List<String> values =
            tags.getOrDefault(FakeLfResources.catalogId(in, caller), Map.of()).get(key);
        if (values == null) {
          throw LoopbackAws.AwsFault.json("EntityNotFoundException", "Tag key does not exist");
        }
        out.put("CatalogId", FakeLfResources.catalogId(in, caller))
            .put("TagKey", key)
            .set("TagValues", FakeLfResources.array(values));
      }
      case "ListLFTags" -> {
        ArrayNode list = out.putArray("LFTags");
        String catalogId = FakeLfResources.catalogId(in, caller);
        tags.getOrDefault(catalogId, Map.of())
            .forEach(
                (k, v) ->
                    list.addObject()
                        .put("CatalogId", catalogId)
                        .put("TagKey", k)
                        .set("TagValues", FakeLfResources.array(v)));
      }
      case "DeleteLFTag" -> {
        if (tags.getOrDefault(FakeLfResources.catalogId(in, caller), new TreeMap<>())
                .remove(in.get("TagKey").asText())
            == null) {
          throw LoopbackAws.AwsFault.json("EntityNotFoundException", "Tag key does not exist");
        }
      }
      case "AddLFTagsToResource", "RemoveLFTagsFromResource" -> {
        String target = target(in.get("Resource"));
        for (JsonNode pair : in.get("LFTags")) {
          String key = pair.get("TagKey").asText();
          if (operation.startsWith("Add")) {
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
        String catalogId = FakeLfResources.catalogId(in, caller);
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
      default ->
          throw LoopbackAws.AwsFault.json(
              "InvalidInputException", "operation not served: " + operation);
    }
  }

  /**
   * True when the tags in force on the database (and on the table, when one is named) match every
   * term of an LF-tag expression; a table's own tags override its database's.
   */
  boolean matches(JsonNode expression, String catalogId, String database, String table) {
    Map<String, String> effective =
        new TreeMap<>(assigned.getOrDefault(catalogId + ":" + database, Map.of()));
    if (table != null) {
      effective.putAll(assigned.getOrDefault(catalogId + ":" + database + "." + table, Map.of()));
    }
    return matchesAll(expression, effective);
  }

  /**
   * "LFTag" (API reference): "The maximum number of values that can be defined for a LF-Tag is
   * 1000. A single API call supports 50 values." ("Lake Formation Tag-based access control notes
   * and restrictions" gives the same 1,000.)
   */
  private static List<String> tagValues(JsonNode in, String field) {
    List<String> values = new ArrayList<>(FakeLfResources.strings(in.get(field)));
    if (values.size() > MAX_VALUES_PER_CALL) {
      throw LoopbackAws.AwsFault.json(
          "InvalidInputException",
          "1 validation error detected: Value at '"
              + field
              + "' failed to satisfy constraint: Member must have length less than or equal to "
              + MAX_VALUES_PER_CALL);
    }
    return values;
  }

  private static void requireTagValueCount(int count) {
    if (count > MAX_VALUES_PER_TAG) {
      throw LoopbackAws.AwsFault.json(
          "InvalidInputException",
          "An LF-tag can have at most " + MAX_VALUES_PER_TAG + " values, not " + count);
    }
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
    // The table's columns sort together, right after "table#" (one sorted scan of all would
    // cost as many steps as the catalogs hold tagged resources).
    for (Map.Entry<String, Map<String, String>> e :
        assigned.tailMap(table + "#", true).entrySet()) {
      String target = e.getKey();
      if (!target.startsWith(table + "#")) {
        break;
      }
      Map<String, String> values = e.getValue();
      if (!values.isEmpty()) {
        String column = target.substring(table.length() + 1);
        if (resource.has("Table")
            || FakeLfResources.strings(t.get("ColumnNames")).contains(column)) {
          columns.addObject().put("Name", column).set("LFTags", pairs(catalogId, values));
        }
      }
    }
  }

  private static ArrayNode pairs(String catalogId, Map<String, String> values) {
    ArrayNode list = LoopbackAws.JSON.createArrayNode();
    values.forEach(
        (k, v) ->
            list.addObject()
                .put("CatalogId", catalogId)
                .put("TagKey", k)
                .set("TagValues", FakeLfResources.array(List.of(v))));
    return list;
  }

  private static boolean matchesAll(JsonNode expression, Map<String, String> tags) {
    for (JsonNode term : expression) {
      String value = tags.get(term.get("TagKey").asText());
      if (value == null || !FakeLfResources.strings(term.get("TagValues")).contains(value)) {
        return false;
      }
    }
    return true;
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
}
