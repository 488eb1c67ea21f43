package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.ColumnMentions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one reader may see of one table's records: everything ({@code whole}: the owning producer
 * and the governance account holding its entries), or the columns it may describe, and of those the
 * values of none marked PII.
 *
 * @param whole the reader sees every column and every value
 * @param hidden the table's columns the reader may not see
 * @param pii the columns the reader sees whose values it may not see
 * @param someRows the columns the reader sees on some rows only (through data filters), so that a
 *     value summarising every row of them (a minimum, a sum) is not its to see
 */
record Sight(boolean whole, Set<String> hidden, Set<String> pii, Set<String> someRows) {

  static final Sight WHOLE = new Sight(true, Set.of(), Set.of(), Set.of());

  /** Of a record without a table in the catalog: no column to name, no value shown. */
  static final Sight NOTHING = new Sight(false, Set.of(), Set.of(), Set.of());

  Sight {
    hidden = Set.copyOf(hidden);
    pii = Set.copyOf(pii);
    someRows = Set.copyOf(someRows);
  }

  /** The sight of a reader that is not the owner nor the governor, shown {@code visible}. */
  static Sight partial(CatalogTable table, List<Column> visible) {
    return partial(table, visible, Set.of());
  }

  /** The same, the reader seeing the columns {@code someRows} on some rows only. */
  static Sight partial(CatalogTable table, List<Column> visible, Set<String> someRows) {
    Set<String> shown = visible.stream().map(Column::name).collect(Collectors.toSet());
    return new Sight(
        false,
        table.columns().stream()
            .map(Column::name)
            .filter(c -> !shown.contains(c))
            .collect(Collectors.toSet()),
        visible.stream().filter(Column::pii).map(Column::name).collect(Collectors.toSet()),
        someRows);
  }

  /** True when the text names a column the reader sees on some rows only. */
  boolean namesSomeRows(String text) {
    return !ColumnMentions.in(text, someRows).isEmpty();
  }

  /** True when the text names a column the reader may not see. */
  boolean namesHidden(String text) {
    return !ColumnMentions.in(text, hidden).isEmpty();
  }

  /** True when the text names a column whose values the reader may not see. */
  boolean namesPii(String text) {
    return !ColumnMentions.in(text, pii).isEmpty();
  }
}
