package io.lakemesh.catalog.aws.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lake Formation's data cells filters, per table of a Glue catalog ("Data filters in Lake
 * Formation"; API reference "CreateDataCellsFilter", "GetDataCellsFilter", "ListDataCellsFilter",
 * "DeleteDataCellsFilter"). Served for {@link FakeLakeFormation}, under its lock.
 *
 * <p>Who may do what follows "Managing data filters" and "Granting data filter permissions": the
 * catalog's own account (its data lake administrator) and an account holding SELECT with the grant
 * option on the table create and see a table's filters; one granted DESCRIBE or DROP on a filter
 * sees it; the catalog's own account and one granted DROP on it delete it.
 */
final class FakeDataCellsFilters {
  /** What a catalog's Lake Formation holds for an account on a resource or on what covers it. */
  interface Holdings {
    Set<String> held(String catalogId, String account, JsonNode resource, boolean grantable);
  }

  // "Data Filter APIs" (RowFilter.FilterExpression: "not more than 2048 bytes long").
  private static final int MAX_EXPRESSION_BYTES = 2048;

  private final FakeGlue glue;
  private final Holdings holdings;
  private final Map<String, ObjectNode> filters = new TreeMap<>();
  private long versions;

  FakeDataCellsFilters(FakeGlue glue, Holdings holdings) {
    this.glue = glue;
    this.holdings = holdings;
  }

  List<String> keys() {
    return List.copyOf(filters.keySet());
  }

  static boolean serves(String operation) {
    return operation.endsWith("DataCellsFilter");
  }

  void handle(String operation, String caller, JsonNode in, ObjectNode out, boolean existingOnly) {
    switch (operation) {
      case "CreateDataCellsFilter" -> create(caller, in.get("TableData"), existingOnly);
      case "GetDataCellsFilter" -> {
        ObjectNode filter = require(in);
        if (!sees(caller, filter)) {
          throw denied(filter);
        }
        out.set("DataCellsFilter", filter.deepCopy());
      }
      case "ListDataCellsFilter" -> list(caller, in.get("Table"), out.putArray("DataCellsFilters"));
      case "DeleteDataCellsFilter" -> {
        ObjectNode filter = require(in);
        if (!isOwner(caller, filter) && !heldOnFilter(caller, filter).contains("DROP")) {
          throw denied(filter);
        }
        filters.remove(key(filter));
      }
      default ->
          throw LoopbackAws.AwsFault.json(
              "InvalidInputException", "operation not served: " + operation);
    }
  }

  /** Whether the filter that a {@code DataCellsFilter} resource's fields name exists. */
  boolean exists(JsonNode filter) {
    return filters.containsKey(key(filter));
  }

  /** The table a filter belongs to, as a {@code Table} resource. */
  static ObjectNode table(JsonNode filter) {
    ObjectNode resource = LoopbackAws.JSON.createObjectNode();
    resource
        .putObject("Table")
        .put("CatalogId", filter.path("TableCatalogId").asText())
        .put("DatabaseName", filter.path("DatabaseName").asText())
        .put("Name", filter.path("TableName").asText());
    return resource;
  }

  static String key(JsonNode filter) {
    return "data filter "
        + filter.path("TableCatalogId").asText()
        + ":"
        + filter.path("DatabaseName").asText()
        + "."
        + filter.path("TableName").asText()
        + " "
        + filter.path("Name").asText();
  }

  /**
   * "Data Filter APIs": the table's catalog, database and name and the filter's name are required;
   * "You must specify either a ColumnNames list or the ColumnWildCard"; a row filter is an
   * expression or the all-rows wildcard. "CreateDataCellsFilter" answers AlreadyExistsException for
   * a name the table has, and EntityNotFoundException for a table the catalog does not hold
   * (checked once the fake requires existing resources, see {@link FakeLakeFormation}).
   */
  private void create(String caller, JsonNode data, boolean existingOnly) {
    if (data == null) {
      throw invalid("TableData is required");
    }
    for (String field : new String[] {"TableCatalogId", "DatabaseName", "TableName", "Name"}) {
      if (data.path(field).asText("").isEmpty()) {
        throw invalid("TableData." + field + " is required");
      }
    }
    if (data.has("ColumnNames") == data.has("ColumnWildcard")) {
      throw invalid("You must specify either a ColumnNames list or the ColumnWildCard");
    }
    JsonNode row = data.path("RowFilter");
    if (row.has("FilterExpression") == row.has("AllRowsWildcard")) {
      throw invalid("RowFilter needs either a FilterExpression or the AllRowsWildcard");
    }
    if (row.path("FilterExpression").asText("").getBytes(StandardCharsets.UTF_8).length
        > MAX_EXPRESSION_BYTES) {
      throw invalid("RowFilter.FilterExpression is longer than " + MAX_EXPRESSION_BYTES + " bytes");
    }
    String catalogId = data.get("TableCatalogId").asText();
    if (existingOnly && !holdsTable(catalogId, data)) {
      throw LoopbackAws.AwsFault.json(
          "EntityNotFoundException",
          "Table "
              + data.get("DatabaseName").asText()
              + "."
              + data.get("TableName").asText()
              + " not found in catalog "
              + catalogId);
    }
    if (!isOwner(caller, data) && !selectWithGrantOption(caller, data)) {
      throw denied(data);
    }
    if (filters.containsKey(key(data))) {
      throw LoopbackAws.AwsFault.json(
          "AlreadyExistsException", "A data cells filter named " + key(data) + " exists already");
    }
    ObjectNode stored = data.deepCopy();
    stored.put("VersionId", Long.toString(++versions));
    filters.put(key(stored), stored);
  }

  /**
   * A table the catalog holds, not a resource link: "Data filtering limitations", cell-level
   * security "is not supported on ... resource links".
   */
  private boolean holdsTable(String catalogId, JsonNode data) {
    var versions =
        glue.tableVersions(
            catalogId, data.get("DatabaseName").asText(), data.get("TableName").asText());
    return !versions.isEmpty() && !versions.get(versions.size() - 1).has("TargetTable");
  }

  /** "ListDataCellsFilter": the filters of one table, or of every table, that the caller sees. */
  private void list(String caller, JsonNode table, ArrayNode out) {
    for (ObjectNode filter : filters.values()) {
      boolean onTable =
          table == null
              || table
                      .path("CatalogId")
                      .asText(caller)
                      .equals(filter.get("TableCatalogId").asText())
                  && table.path("DatabaseName").asText().equals(filter.get("DatabaseName").asText())
                  && table.path("Name").asText().equals(filter.get("TableName").asText());
      if (onTable && sees(caller, filter)) {
        out.add(filter.deepCopy());
      }
    }
  }

  private ObjectNode require(JsonNode in) {
    ObjectNode filter = filters.get(key(in));
    if (filter == null) {
      throw LoopbackAws.AwsFault.json(
          "EntityNotFoundException", "Data cells filter " + key(in) + " does not exist");
    }
    return filter;
  }

  private boolean sees(String caller, JsonNode filter) {
    if (isOwner(caller, filter) || selectWithGrantOption(caller, filter)) {
      return true;
    }
    Set<String> held = heldOnFilter(caller, filter);
    return held.contains("DESCRIBE") || held.contains("DROP");
  }

  private static boolean isOwner(String caller, JsonNode filter) {
    return caller.equals(filter.path("TableCatalogId").asText());
  }

  private boolean selectWithGrantOption(String caller, JsonNode filter) {
    Set<String> held =
        holdings.held(filter.path("TableCatalogId").asText(), caller, table(filter), true);
    return held.contains("SELECT") || held.contains("ALL");
  }

  private Set<String> heldOnFilter(String caller, JsonNode filter) {
    ObjectNode resource = LoopbackAws.JSON.createObjectNode();
    ObjectNode f = resource.putObject("DataCellsFilter");
    for (String field : new String[] {"TableCatalogId", "DatabaseName", "TableName", "Name"}) {
      f.put(field, filter.path(field).asText());
    }
    return holdings.held(filter.path("TableCatalogId").asText(), caller, resource, false);
  }

  private static LoopbackAws.AwsFault invalid(String message) {
    return LoopbackAws.AwsFault.json("InvalidInputException", message);
  }

  private static LoopbackAws.AwsFault denied(JsonNode filter) {
    return LoopbackAws.AwsFault.json(
        "AccessDeniedException", "Insufficient Lake Formation permission(s) on " + key(filter));
  }
}
