package io.lakemesh.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * A catalog that keeps each product's {@link ProductStatus}: its last check and its SLA state. The
 * two are written by different callers (a job's run, the monitor) and never overwrite each other.
 */
public interface SupportsProductStatus {

  /**
   * Stamps the table as checked at {@code at} by run {@code runId}; a later stamp already kept
   * stays (runs may be recorded out of order). Returns the status as stored.
   */
  ProductStatus recordCheck(TableId table, Instant at, String runId);

  /**
   * Moves the table's SLA state from {@code from} to {@code to}, recording {@code since}, only when
   * it is in {@code from} now (a table with no status is {@link ProductStatus.Sla#WITHIN}); returns
   * false and changes nothing otherwise, so that of two monitors finding the same breach one
   * records it.
   */
  boolean moveSla(TableId table, ProductStatus.Sla from, ProductStatus.Sla to, Instant since);

  /** The statuses kept for {@code tables}; a table with none is left out. */
  Map<TableId, ProductStatus> productStatuses(Collection<TableId> tables);
}
