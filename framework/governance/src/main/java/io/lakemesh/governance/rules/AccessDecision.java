package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A granted read: where the name led and which cells the principal may see. Decided from the stored
 * grants at the moment of the check; a reader checks again for every query.
 *
 * <p>Cells follow Lake Formation's rule for data filters: what a principal sees is the union of the
 * cells each of its grants selects. A table or column grant selects its columns on every row; a
 * data filter selects its columns on the rows its predicate keeps. So a row is shown when any grant
 * keeps it ({@link #rowFilter()}), and a column's value on a shown row only when a grant that shows
 * the column keeps that row ({@link #cellFilter}); elsewhere it reads as null.
 *
 * @param principal who reads
 * @param name the name it used (its own link, or the table itself)
 * @param target the table read
 * @param via the links followed, first to last; empty for a direct read
 * @param table the target's current entry as the principal may see it (see {@link
 *     RecordRedaction}): its visible columns only
 * @param visibleColumns the columns granted by any grant, in table order; never empty
 * @param allColumns true when every column of the table may be read on every row
 * @param unfilteredColumns the columns granted on every row (by table and column grants)
 * @param filters the data filters the principal reads through; empty when it holds none
 */
public record AccessDecision(
    Principal principal,
    TableId name,
    TableId target,
    List<ResourceLink> via,
    CatalogTable table,
    List<Column> visibleColumns,
    boolean allColumns,
    Set<String> unfilteredColumns,
    List<DataFilter> filters) {

  public AccessDecision {
    via = List.copyOf(via);
    visibleColumns = List.copyOf(visibleColumns);
    unfilteredColumns = Set.copyOf(unfilteredColumns);
    filters = List.copyOf(filters);
  }

  /** A read without data filters: the visible columns on every row. */
  public AccessDecision(
      Principal principal,
      TableId name,
      TableId target,
      List<ResourceLink> via,
      CatalogTable table,
      List<Column> visibleColumns,
      boolean allColumns) {
    this(
        principal,
        name,
        target,
        via,
        table,
        visibleColumns,
        allColumns,
        visibleColumns.stream().map(Column::name).collect(Collectors.toSet()),
        List.of());
  }

  public List<String> visibleColumnNames() {
    return visibleColumns.stream().map(Column::name).toList();
  }

  /** True when some cells are hidden: a column, or a row through a data filter. */
  public boolean restricted() {
    return !allColumns || !filters.isEmpty();
  }

  /** The predicate a row must meet to be shown; empty when every row is shown. */
  public Optional<String> rowFilter() {
    return keeping(f -> true, !unfilteredColumns.isEmpty());
  }

  /**
   * The predicate a shown row must meet for the column's value to be shown (else it reads as null);
   * empty when the column is shown on every shown row.
   */
  public Optional<String> cellFilter(String column) {
    Optional<String> cell = keeping(f -> f.shows(column), unfilteredColumns.contains(column));
    return cell.equals(rowFilter()) ? Optional.empty() : cell;
  }

  // The disjunction of the predicates of the grants that apply; empty when one keeps every row.
  private Optional<String> keeping(Predicate<DataFilter> applies, boolean unfiltered) {
    if (unfiltered) {
      return Optional.empty();
    }
    List<String> predicates = new ArrayList<>();
    for (DataFilter filter : filters) {
      if (applies.test(filter)) {
        if (filter.allRows()) {
          return Optional.empty();
        }
        predicates.add("(" + filter.rowFilter() + ")");
      }
    }
    if (predicates.isEmpty()) {
      return Optional.of("FALSE");
    }
    return Optional.of(String.join(" OR ", predicates));
  }
}
