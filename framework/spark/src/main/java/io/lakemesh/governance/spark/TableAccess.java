package io.lakemesh.governance.spark;

import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.DataFilter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the governed Spark catalog asks governance: where a name in a principal's catalog leads (an
 * own table or a resource link) and which of its cells the principal may read. Every call decides
 * afresh, so a revoke takes effect on the next query.
 */
public interface TableAccess {
  /**
   * Resolves {@code database.table} as {@code principal} sees it and checks SELECT on the target.
   *
   * @throws io.lakemesh.exceptions.AccessDeniedException naming the table and missing permission
   * @throws io.lakemesh.exceptions.NotFoundException for unknown names and dangling links
   */
  Resolved resolveForRead(String principal, String database, String table);

  /** Databases the principal's catalog shows (its own and its links). */
  List<String> databases(String principal);

  /** Tables of one database as the principal sees them. */
  List<String> tables(String principal, String database);

  /**
   * A readable table: the target's id, the columns the principal may see (in table order), and the
   * cells its data filters hide (see {@link io.lakemesh.governance.rules.AccessDecision}).
   *
   * @param rowFilter the SQL predicate a row must meet to be read; empty: every row
   * @param cellFilters per visible column, the predicate a read row must meet for the column's
   *     value to be shown (else null); a column not named is shown on every read row
   * @param filters the data filters the grants went through, to name one whose predicate fails
   */
  record Resolved(
      TableId target,
      List<String> visibleColumns,
      Optional<String> rowFilter,
      Map<String, String> cellFilters,
      List<DataFilter> filters) {
    public Resolved {
      visibleColumns = List.copyOf(visibleColumns);
      cellFilters = Map.copyOf(cellFilters);
      filters = List.copyOf(filters);
    }

    /** A read of whole rows: the visible columns on every row. */
    public Resolved(TableId target, List<String> visibleColumns) {
      this(target, visibleColumns, Optional.empty(), Map.of(), List.of());
    }

    /** True when some rows, or some values of shown rows, are hidden. */
    public boolean filtered() {
      return rowFilter.isPresent() || !cellFilters.isEmpty();
    }
  }
}
