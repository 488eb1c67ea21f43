package io.lakemesh.runtime;

import io.lakemesh.exceptions.BatchRejectedException;
import io.lakemesh.spec.TableSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.functions;

/**
 * Writes a batch to an audit branch (write-audit-publish): with {@code spark.wap.branch} set on the
 * job's own session, every write mode commits to the branch and main stays as it was.
 */
final class AuditWriter {
  private static final String WAP_BRANCH = "spark.wap.branch";

  /** Iceberg's session setting for the bytes each task of a shuffled write takes. */
  private static final String TASK_SHARE = "spark.sql.iceberg.advisory-partition-size";

  /** How Spark and Iceberg say that one target row matched several source rows of a MERGE. */
  private static final List<String> CARDINALITY =
      List.of(
          "MERGE_CARDINALITY_VIOLATION",
          "matched a single row from the target table with multiple rows of the source table");

  private final SparkSession spark;
  private final WriteTasks tasks;

  AuditWriter(SparkSession spark) {
    this(spark, WriteTasks.ICEBERG);
  }

  /** A writer that spreads its writes over tasks as {@code tasks} plans. */
  AuditWriter(SparkSession spark, WriteTasks tasks) {
    this.spark = spark;
    this.tasks = tasks;
  }

  void write(
      Dataset<Row> batch,
      String table,
      TableSpec spec,
      String branch,
      Map<String, String> snapshotProperties) {
    onBranch(
        table,
        branch,
        () -> {
          switch (spec.mode()) {
            case APPEND -> withProperties(batch.writeTo(table), snapshotProperties).append();
            case OVERWRITE ->
                withProperties(batch.writeTo(table), snapshotProperties)
                    .overwrite(functions.lit(true));
            case MERGE -> {
              if (holdsNoRows(table, branch)) {
                withProperties(batch.writeTo(table), snapshotProperties).append();
              } else {
                merge(batch, table, spec, snapshotProperties);
              }
            }
          }
        });
  }

  /**
   * Whether the branch (or main, which a new branch starts from) holds no row: a merge into it
   * matches nothing and inserts every row of the batch, duplicates included, which is what an
   * append writes, without the MERGE's join against the table and its second read of the batch.
   */
  private boolean holdsNoRows(String table, String branch) {
    Table loaded = IcebergTables.load(spark, table);
    Map<String, SnapshotRef> refs = loaded.refs();
    SnapshotRef ref = refs.getOrDefault(branch, refs.get(SnapshotRef.MAIN_BRANCH));
    if (ref == null) {
      return true;
    }
    Map<String, String> summary = loaded.snapshot(ref.snapshotId()).summary();
    return "0".equals(summary.get(SnapshotSummary.TOTAL_RECORDS_PROP));
  }

  /** Appends the batch to the branch, whatever the product's write mode (the quarantine table). */
  void append(
      Dataset<Row> batch, String table, String branch, Map<String, String> snapshotProperties) {
    onBranch(
        table, branch, () -> withProperties(batch.writeTo(table), snapshotProperties).append());
  }

  /** Deletes the rows matching {@code predicate} (SQL) on the branch. */
  void delete(String table, String branch, String predicate) {
    onBranch(table, branch, () -> spark.sql("DELETE FROM " + table + " WHERE " + predicate));
  }

  private interface Write {
    void run() throws NoSuchTableException;
  }

  private void onBranch(String table, String branch, Write write) {
    spark.conf().set(WAP_BRANCH, branch);
    tasks.share().ifPresent(bytes -> spark.conf().set(TASK_SHARE, bytes));
    try {
      write.run();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("table " + table + " vanished during the write", e);
    } finally {
      spark.conf().unset(WAP_BRANCH);
      spark.conf().unset(TASK_SHARE);
    }
  }

  private DataFrameWriterV2<Row> withProperties(
      DataFrameWriterV2<Row> writer, Map<String, String> props) {
    props.forEach((k, v) -> writer.option("snapshot-property." + k, v));
    tasks.writeOptions().forEach(writer::option);
    return writer;
  }

  private void merge(Dataset<Row> batch, String table, TableSpec spec, Map<String, String> props) {
    String view = "lakemesh_batch_" + Long.toHexString(System.nanoTime());
    batch.createOrReplaceTempView(view);
    String on =
        spec.keys().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    String sql =
        "MERGE INTO "
            + table
            + " t USING "
            + view
            + " s ON "
            + on
            + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *";
    try {
      CommitMetadata.withCommitProperties(props, () -> spark.sql(sql), RuntimeException.class);
    } catch (RuntimeException e) {
      if (CARDINALITY.stream().anyMatch(Errors.describe(e)::contains)) {
        throw new BatchRejectedException(
            "the batch holds several rows with the same "
                + String.join(", ", spec.keys())
                + " as a row of the table; a merge takes at most one row per key, so nothing was written",
            e);
      }
      throw e;
    } finally {
      spark.catalog().dropTempView(view);
    }
  }
}
