package io.lakemesh.runtime;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.exchange.Exchange;
import scala.collection.JavaConverters;

/**
 * How the write of a batch into a partitioned table is spread over tasks.
 *
 * <p>Iceberg shuffles the batch by partition so that each partition's rows land in one file, and
 * sizes the write's tasks for its target file (512 MB of Parquet). A small batch pays for that
 * twice: the shuffle costs a pass of its own, and a batch smaller than the cores times the target
 * comes out in a few tasks of uneven size (2,000,000 orders on two cores: three tasks, the third
 * alone after the first two).
 *
 * <ul>
 *   <li>A batch read in at most {@link #FANOUT_TASKS} tasks is written by those tasks, each keeping
 *       a file open per partition it meets (Iceberg's fanout writer): no shuffle, and at most that
 *       many files per partition.
 *   <li>A larger batch of a single wave is shuffled into about four tasks per core, each at least
 *       {@link #SMALLEST}.
 *   <li>A batch whose tasks would take {@link #LARGEST} or more, or whose size is not known, is
 *       written as Iceberg sizes it.
 * </ul>
 */
record WriteTasks(boolean fanout, OptionalLong share) {
  /** The most read tasks a batch is written from without a shuffle: files per partition. */
  static final int FANOUT_TASKS = 4;

  /** The smallest share asked for: smaller tasks would only make smaller files. */
  static final long SMALLEST = 16L << 20;

  /** A share from which on Iceberg's own sizing applies: tasks this big already fill the cores. */
  static final long LARGEST = 256L << 20;

  private static final int TASKS_PER_CORE = 4;

  /** Iceberg's sizing and shuffle, unchanged. */
  static final WriteTasks ICEBERG = new WriteTasks(false, OptionalLong.empty());

  /**
   * The plan for a batch read in {@code readTasks} tasks from sources of {@code bytes} on storage
   * (a negative size: not known), written by {@code cores} cores.
   */
  static WriteTasks plan(int readTasks, List<Long> bytes, int cores) {
    if (readTasks >= 1 && readTasks <= FANOUT_TASKS) {
      return new WriteTasks(true, OptionalLong.empty());
    }
    if (bytes.isEmpty() || bytes.stream().anyMatch(b -> b < 0) || cores < 1) {
      return ICEBERG;
    }
    long total = bytes.stream().mapToLong(Long::longValue).sum();
    long share = total / ((long) TASKS_PER_CORE * cores);
    return share >= LARGEST
        ? ICEBERG
        : new WriteTasks(false, OptionalLong.of(Math.max(SMALLEST, share)));
  }

  /**
   * The tasks that will read {@code batch}, where a plan without a shuffle reads only files: the
   * sum of its file scans' splits. -1 where that is not known before it runs (a shuffle, which
   * Spark sizes as it goes, or a scan of a table or a query).
   */
  static int readTasks(Dataset<Row> batch) {
    return readTasks(batch.queryExecution().executedPlan());
  }

  private static int readTasks(SparkPlan plan) {
    if (plan instanceof AdaptiveSparkPlanExec || plan instanceof Exchange) {
      return -1; // adaptive execution wraps a plan that shuffles or holds a subquery
    }
    if (plan instanceof FileSourceScanExec scan) {
      return scan.inputRDD().getNumPartitions();
    }
    List<SparkPlan> children = JavaConverters.seqAsJavaList(plan.children());
    if (children.isEmpty()) {
      return -1; // a scan of a table, a query or rows in memory
    }
    int tasks = 0;
    for (SparkPlan child : children) {
      int read = readTasks(child);
      if (read < 0) {
        return -1;
      }
      tasks += read;
    }
    return tasks;
  }

  /** Iceberg's write options for an append or overwrite that follows this plan. */
  Map<String, String> writeOptions() {
    return fanout ? Map.of("distribution-mode", "none", "fanout-enabled", "true") : Map.of();
  }
}
