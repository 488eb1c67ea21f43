package io.lakemesh.runtime;

import io.lakemesh.quality.Verification;
import io.lakemesh.spec.QualityRule;
import io.lakemesh.spec.TableSpec;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;

/**
 * Verifies a snapshot of a table outside a job: by measuring all of it, or, for a snapshot that
 * only appended to one whose analyzer states are stored, from those states and an incremental read
 * of the appended rows. Either way the snapshot's own states are stored.
 */
public final class TableVerifier {
  private final SparkSession spark;
  private final String table;
  private final StagedQuality quality;

  /**
   * @param table the table as Spark names it, {@code catalog.database.table}
   */
  public TableVerifier(SparkSession spark, String table, List<QualityRule> rules) {
    this.spark = spark;
    this.table = table;
    this.quality =
        new StagedQuality(
            spark, null, table, TableSpec.WriteMode.APPEND, List.of(), rules, List.of());
  }

  public Verification full(long snapshot) {
    return active(
        () ->
            quality.verifyFully(
                load(),
                spark.read().option("snapshot-id", snapshot).table(table),
                snapshot,
                Instant.now()));
  }

  /**
   * Falls back to {@link #full} when {@code from}'s states are missing or a snapshot between did
   * more than append.
   */
  public Verification incremental(long from, long to) {
    return active(
        () ->
            quality.verify(
                load(),
                spark.read().option("snapshot-id", to).table(table),
                from,
                to,
                Instant.now()));
  }

  private <T> T active(Supplier<T> work) {
    return SparkSessions.withActive(spark, work);
  }

  private Table load() {
    try {
      return Spark3Util.loadIcebergTable(spark, table);
    } catch (Exception e) { // Spark's parse and lookup exceptions are checked to javac
      throw new IllegalStateException(
          "cannot load Iceberg table " + table + ": " + e.getMessage(), e);
    }
  }
}
