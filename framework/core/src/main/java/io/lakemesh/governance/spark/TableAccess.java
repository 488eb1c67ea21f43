package io.lakemesh.governance.spark;

import io.lakemesh.catalog.TableId;
import java.util.List;

/**
 * What the governed Spark catalog asks governance: where a name in a principal's catalog leads
 * (an own table or a resource link) and which of its columns the principal may read. Every call
 * decides afresh, so a revoke takes effect on the next query.
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

  /** A readable table: the target's id and the columns the principal may see, in table order. */
  record Resolved(TableId target, List<String> visibleColumns) {
    public Resolved {
      visibleColumns = List.copyOf(visibleColumns);
    }
  }
}
