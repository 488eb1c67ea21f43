package io.lakemesh.governance;

import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.Names;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A named restriction of one table to some rows and some columns: Lake Formation's data cells
 * filter. It is created by the table's producer and granted like a table ({@link
 * Resource.DataCellsFilter}); a holder reads the cells it selects and nothing else.
 *
 * @param table the table filtered
 * @param name the filter's name, unique per table
 * @param rowFilter a SQL predicate over the table's columns; empty: every row
 * @param includedColumns the columns shown; empty: every column but {@code excludedColumns}
 * @param excludedColumns the columns hidden when {@code includedColumns} is empty
 */
public record DataFilter(
    TableId table,
    String name,
    String rowFilter,
    List<String> includedColumns,
    List<String> excludedColumns) {

  public DataFilter {
    Objects.requireNonNull(table, "table");
    name = Names.object("data filter", name);
    rowFilter = rowFilter == null ? "" : rowFilter.strip();
    includedColumns = sorted(includedColumns);
    excludedColumns = sorted(excludedColumns);
    if (!includedColumns.isEmpty() && !excludedColumns.isEmpty()) {
      throw new InvalidRequestException(
          "data filter "
              + name
              + " on "
              + table
              + " names both columns to include and columns to exclude; give one list");
    }
  }

  /** True when the filter keeps every row. */
  public boolean allRows() {
    return rowFilter.isEmpty();
  }

  /** True when the column's values pass through this filter. */
  public boolean shows(String column) {
    return includedColumns.isEmpty()
        ? !excludedColumns.contains(column)
        : includedColumns.contains(column);
  }

  /** The columns of the table this filter shows, in table order. */
  public List<Column> visible(List<Column> columns) {
    return columns.stream().filter(c -> shows(c.name())).toList();
  }

  /** What the filter is granted as. */
  public Resource.DataCellsFilter resource() {
    return new Resource.DataCellsFilter(table, name);
  }

  @Override
  public String toString() {
    return "data filter " + name + " on " + table;
  }

  private static List<String> sorted(List<String> columns) {
    TreeSet<String> out = new TreeSet<>();
    for (String column : columns == null ? List.<String>of() : columns) {
      out.add(Names.object("column", column));
    }
    return List.copyOf(out);
  }
}
