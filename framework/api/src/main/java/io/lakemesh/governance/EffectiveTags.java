package io.lakemesh.governance;

import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The LF-tag values in force on a table and its columns. Values flow down (database, then table,
 * then column) and a lower level overrides a key set above it, as in Lake Formation.
 *
 * @param table the table
 * @param database values assigned to the table's database
 * @param tableLevel values in force on the table: the database's, overridden by the table's own
 * @param columns values in force on each column: the table's, overridden by the column's own
 */
public record EffectiveTags(
    TableId table,
    Map<String, String> database,
    Map<String, String> tableLevel,
    Map<String, Map<String, String>> columns) {

  public EffectiveTags {
    database = Map.copyOf(database);
    tableLevel = Map.copyOf(tableLevel);
    columns = Map.copyOf(columns);
  }

  /**
   * Combines the assignments that bear on a table.
   *
   * @param declared values the product declares for itself (published table tags that are defined
   *     LF-tags with allowed values); they count as table-level values below explicit ones
   */
  public static EffectiveTags of(
      TableId table,
      List<Column> tableColumns,
      Collection<TagAssignment> assignments,
      Map<String, String> declared) {
    Map<String, String> database = new TreeMap<>();
    Map<String, String> tableLevel = new TreeMap<>();
    Map<String, Map<String, String>> columnOwn = new TreeMap<>();
    for (TagAssignment a : assignments) {
      switch (a.target().level()) {
        case DATABASE -> database.put(a.key(), a.value());
        case TABLE -> tableLevel.put(a.key(), a.value());
        case COLUMN ->
            columnOwn
                .computeIfAbsent(a.target().column(), c -> new TreeMap<>())
                .put(a.key(), a.value());
      }
    }
    Map<String, String> onTable = new TreeMap<>(database);
    onTable.putAll(declared);
    onTable.putAll(tableLevel);
    Map<String, Map<String, String>> columns = new LinkedHashMap<>();
    for (Column column : tableColumns) {
      Map<String, String> onColumn = new TreeMap<>(onTable);
      onColumn.putAll(columnOwn.getOrDefault(column.name(), Map.of()));
      columns.put(column.name(), Map.copyOf(onColumn));
    }
    return new EffectiveTags(table, database, onTable, columns);
  }

  /** The values in force on a column (the table's when the column is unknown). */
  public Map<String, String> column(String name) {
    return columns.getOrDefault(name, tableLevel);
  }

  /** The columns whose values match the expression, in table order. */
  public List<Column> matching(TagExpression expression, List<Column> tableColumns) {
    return tableColumns.stream().filter(c -> expression.matches(column(c.name()))).toList();
  }
}
