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

  public enum Status {
    RUNNING,
    PUBLISHED,
    UNCHANGED,
    REJECTED,
    FAILED
  }
}
