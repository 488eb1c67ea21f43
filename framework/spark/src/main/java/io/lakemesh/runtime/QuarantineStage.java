package io.lakemesh.runtime;

import io.lakemesh.spec.ProductSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The quarantine side of a run whose spec has quarantine rules. The rows set aside are staged on
 * the quarantine table's audit branch of the same name as the product's, and reach its main only
 * after the product's batch passed its gate and reached the product's main: a run changes both
 * tables or neither, and a re-run after a crash between the two finishes the quarantine's publish
 * from the branch the crashed run left (found by its batch key), so no row is set aside twice.
 */
final class QuarantineStage {
  static final String SUFFIX = "__quarantine";

  private final ProductSpec spec;
  private final SparkSession spark;
  private final IcebergTables tables;
  private final ObservedMetrics observed;
  private QuarantineSplit split;

  private QuarantineStage(
      ProductSpec spec, SparkSession spark, String productTable, ObservedMetrics observed) {
    this.spec = spec;
    this.spark = spark;
    this.tables = new IcebergTables(spark, productTable + SUFFIX);
    this.observed = observed;
  }

  /** The stage of a spec with quarantine rules; none for a spec without. */
  static Optional<QuarantineStage> of(
      ProductSpec spec, SparkSession spark, String productTable, ObservedMetrics observed) {
    return spec.quarantineRules().isEmpty()
        ? Optional.empty()
        : Optional.of(new QuarantineStage(spec, spark, productTable, observed));
  }

  /** {@code db.table__quarantine}, as users name it. */
  String name() {
    return spec.table().database() + "." + spec.table().name() + SUFFIX;
  }

  /** The quarantine table as Spark names it. */
  String tableName() {
    return tables.name();
  }

  /** The quarantine table's published snapshot, null before any. */
  Long mainSnapshot() {
    Table table = tables.load();
    return table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
  }

  /**
   * Takes the released rows off the staged branch; rows the release set aside again (run {@code
   * runId}) stay, with the rules they now break.
   */
  void remove(QuarantineRelease release, String branch, String runId) {
    new AuditWriter(spark)
        .delete(
            tables.name(),
            branch,
            "(" + release.selection() + ") AND " + QuarantineSplit.RUN_ID + " <> '" + runId + "'");
  }

  Table prepare() {
    return tables.ensureQuarantine(spec);
  }

  /** Branches of runs that crashed or were rejected: their rows were never set aside. */
  List<String> dropStaleBranches() {
    return tables.dropStaleAuditBranches(tables.load());
  }

  /**
   * The rows of the batch that break no quarantine rule, for the product's write, which also counts
   * the others; {@link #report} then gives those counts.
   */
  Dataset<Row> clean(Dataset<Row> batch) {
    split = new QuarantineSplit(observed, spec.quarantineRules(), batch);
    return split.clean();
  }

  /** The rows the product's write counted per rule. */
  QuarantineReport report() {
    return split.report(name());
  }

  /**
   * Stages the rows the product's write counted as breaking a quarantine rule on {@code branch},
   * with the counts in the staged snapshot's properties (a publish completed after a crash reads
   * them there); a batch with none stages a snapshot with the counts only.
   */
  void stage(
      QuarantineReport counted, String runId, String branch, Map<String, String> properties) {
    Map<String, String> withCounts = new LinkedHashMap<>(properties);
    withCounts.putAll(counted.parameters(spec.quarantine()));
    Table table = tables.load();
    tables.createAuditBranch(table, branch);
    if (counted.rows() > 0) {
      new AuditWriter(spark)
          .append(
              split.setAside(runId, Instant.now(), counted.rows()),
              tables.name(),
              branch,
              withCounts);
      split.checkWritten(counted.rows());
    } else {
      tables.annotate(table, branch, withCounts);
    }
  }

  /** The counts a committed batch's run set aside, kept with its rows. */
  Optional<QuarantineReport> committedReport(String batchKey) {
    return tables
        .committedBatch(tables.load(), batchKey)
        .flatMap(s -> QuarantineReport.of(s.summary(), name()));
  }

  /** Forgets the staged rows: the batch was refused. */
  void discard(String branch) {
    tables.dropBranch(tables.load(), branch);
  }

  /** Publishes the staged rows: main takes the branch's head when the run set rows aside. */
  void publish(String branch) {
    Table table = tables.load();
    Optional<Long> head = tables.branchHead(table, branch);
    Long main = table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
    if (head.isPresent() && !head.get().equals(main)) {
      tables.fastForward(table, branch);
    }
    tables.dropBranch(tables.load(), branch);
  }

  /**
   * Completes the publish of a batch whose product side reached main before a crash: its staged
   * rows, if still on their branch, reach main now. True when there was such a branch.
   */
  boolean complete(String batchKey) {
    Table table = tables.load();
    if (tables.committedBatch(table, batchKey).isPresent()) {
      return false;
    }
    Optional<String> branch = tables.stagedBatch(table, batchKey);
    branch.ifPresent(this::publish);
    return branch.isPresent();
  }
}
