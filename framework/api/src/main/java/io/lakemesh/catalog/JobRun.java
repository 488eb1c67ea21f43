package io.lakemesh.catalog;

import java.time.Instant;

/**
 * One run of a producer job. {@code report} is the run report as JSON (what {@code run --json}
 * prints), kept so that {@code lakemesh runs} can show any past run in full.
 */
public record JobRun(
    String runId,
    String product,
    TableId table,
    Status status,
    Instant startedAt,
    Instant endedAt,
    Long snapshotId,
    String message,
    String report) {

  /**
   * The account whose run it is: the catalog of its table, else the domain of its product (a run
   * records its table only once it knows it).
   */
  public String account() {
    if (table != null) {
      return table.catalog();
    }
    int dot = product == null ? -1 : product.indexOf('.');
    return dot < 0 ? product : product.substring(0, dot);
  }

  public enum Status {
    RUNNING,
    PUBLISHED,
    UNCHANGED,
    REJECTED,
    FAILED
  }
}
