package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.governance.DataFilter;
import java.util.List;
import java.util.Set;

/**
 * The cells of one table a principal's grants select (Lake Formation's union of cells): the columns
 * shown on every row, by grants on the table, its columns, its database or a tag policy, and the
 * data filters that show further columns on the rows they keep.
 *
 * @param unfiltered the columns shown on every row
 * @param filters the data filters held, as currently defined; empty when {@code unfiltered} is the
 *     whole table, since a filter then shows nothing more
 */
record Cells(Set<String> unfiltered, List<DataFilter> filters) {

  static final Cells NONE = new Cells(Set.of(), List.of());

  Cells {
    unfiltered = Set.copyOf(unfiltered);
    filters = List.copyOf(filters);
  }

  static Cells all(CatalogTable table) {
    return new Cells(Set.copyOf(table.columns().stream().map(Column::name).toList()), List.of());
  }

  /** The columns shown on some row, in table order: the union of every grant's columns. */
  List<Column> visible(CatalogTable table) {
    return table.columns().stream()
        .filter(
            c -> unfiltered.contains(c.name()) || filters.stream().anyMatch(f -> f.shows(c.name())))
        .toList();
  }

  /** True when every column is shown on every row. */
  boolean whole(CatalogTable table) {
    return table.columns().stream().allMatch(c -> unfiltered.contains(c.name()));
  }
}
