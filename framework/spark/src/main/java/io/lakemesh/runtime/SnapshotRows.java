package io.lakemesh.runtime;

import java.util.Map;
import org.apache.iceberg.Snapshot;

/**
 * The rows a snapshot of a product's table reads as. Iceberg's {@code total-records} counts the
 * records of the live data files, including rows a merge-on-read {@code MERGE} has since marked
 * deleted in position delete files, which {@code total-position-deletes} counts. Spark marks only
 * rows it reads as live, so each position delete stands for one row gone; lakemesh writes no
 * equality deletes.
 */
final class SnapshotRows {
  private SnapshotRows() {}

  static long of(Snapshot snapshot) {
    Map<String, String> summary = snapshot.summary();
    return count(summary, "total-records") - count(summary, "total-position-deletes");
  }

  private static long count(Map<String, String> summary, String key) {
    return Long.parseLong(summary.getOrDefault(key, "0"));
  }
}
