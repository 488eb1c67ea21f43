package io.lakemesh.catalog.aws.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How Lake Formation names, lists and matches the resources permissions are held on, for {@link
 * FakeLakeFormation}: one key per resource however its lists are ordered, and a grant split into
 * the entries ListPermissions lists.
 */
final class FakeLfResources {
  static final String SELECT = "SELECT";
  static final String ALL_TABLES = "ALL_TABLES";

  private FakeLfResources() {}

  /** Part of a grant as Lake Formation lists it: one resource and what is held on it. */
  record Part(JsonNode resource, Set<String> permissions, Set<String> grantable) {
    String key() {
      return FakeLfResources.key(resource);
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
  static List<Part> asListed(JsonNode resource, Set<String> permissions, Set<String> grantable) {
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
  static JsonNode wholeTable(JsonNode resource) {
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

  static void addPart(
      List<Part> parts, JsonNode resource, Set<String> permissions, Set<String> grantable) {
    if (!permissions.isEmpty() || !grantable.isEmpty()) {
      parts.add(new Part(resource, permissions, grantable));
    }
  }

  static Set<String> only(Set<String> permissions, boolean select) {
    Set<String> some = new TreeSet<>(permissions);
    some.removeIf(p -> p.equals(SELECT) != select);
    return some;
  }

  /** A ListPermissions filter on a table also lists the table's column grants. */
  static boolean matches(JsonNode filter, JsonNode resource) {
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

  /** Whether what is held (of key {@code heldKey}) covers what is wanted (of {@code wantedKey}). */
  static boolean covers(JsonNode held, String heldKey, JsonNode wanted, String wantedKey) {
    if (heldKey.equals(wantedKey)) {
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

  static String resourceCatalog(JsonNode resource, String caller) {
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

  static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : "";
  }

  static String principal(JsonNode in) {
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

  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
