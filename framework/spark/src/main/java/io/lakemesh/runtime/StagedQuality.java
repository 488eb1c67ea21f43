package io.lakemesh.runtime;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.lakemesh.catalog.QualityRun;
import io.lakemesh.quality.KeyCollisions;
import io.lakemesh.quality.QualityGate;
import io.lakemesh.quality.ScanPlan;
import io.lakemesh.quality.TableChange;
import io.lakemesh.quality.TableStates;
import io.lakemesh.quality.Verification;
import io.lakemesh.spec.QualityRule;
import io.lakemesh.spec.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The quality gate of a batch staged on an audit branch. Before the write, the gate's metrics are
 * attached to the batch ({@code Dataset.observe}), so the write computes them; after it, the audit
 * branch's table is judged from them and from the analyzer states stored for main's head:
 *
 * <ul>
 *   <li>overwrite, or a first write: the batch is the table, its metrics are the table's;
 *   <li>append: the table's states merged with the batch's; a key stays unique when the batch's
 *       keys are and none of them is in the table already (looked up in the files whose key bounds
 *       overlap the batch's);
 *   <li>merge on a key: that key stays unique when the batch's keys are; every other metric is the
 *       table's state less that of the batch's key range before the merge plus that of the range
 *       after it (each read from the files whose key bounds overlap the range), except where a
 *       state does not subtract (a replaced row held an extreme), which takes a pass.
 * </ul>
 *
 * <p>Whatever cannot be derived is measured by one Deequ run over the audit branch, and when the
 * observation does not match what the write committed (a row count that differs from the
 * snapshot's) the whole gate is such a run. The resulting states are stored for the snapshot.
 */
final class StagedQuality {
  static final String OBSERVATION = "lakemesh_quality";

  private final SparkSession spark;
  private final ObservedMetrics observed;
  private final String tableName;
  private final TableSpec.WriteMode mode;
  private final List<String> keys;
  private final List<QualityRule> rules;
  private final List<QualityRun> history;
  private ScanPlan plan;

  StagedQuality(
      SparkSession spark,
      ObservedMetrics observed,
      String tableName,
      TableSpec.WriteMode mode,
      List<String> keys,
      List<QualityRule> rules,
      List<QualityRun> history) {
    this.spark = spark;
    this.observed = observed;
    this.tableName = tableName;
    this.mode = mode;
    this.keys = List.copyOf(keys);
    this.rules = List.copyOf(rules);
    this.history = List.copyOf(history);
  }

  private QualityGate gate(Dataset<Row> data, Instant at) {
    return QualityGate.on(data).rules(rules).history(history).at(at);
  }

  /**
   * The batch with the gate's metrics attached; unchanged when there is nothing to measure. Only an
   * append {@code intoSnapshot} (a table that may hold rows) looks its keys up by their bounds.
   */
  Dataset<Row> observe(Dataset<Row> batch, boolean intoSnapshot) {
    try {
      QualityGate gate = gate(batch, Instant.now());
      List<String> mergeKeys = mode == TableSpec.WriteMode.MERGE ? keys : List.of();
      ScanPlan planned =
          mode == TableSpec.WriteMode.APPEND && intoSnapshot
              ? gate.scanPlan(mergeKeys)
              : gate.scanPlanWithoutKeyBounds(mergeKeys);
      if (planned.isEmpty()) {
        return batch;
      }
      Column[] aggregates = planned.aggregates();
      Dataset<Row> watched =
          observed.observe(
              batch,
              OBSERVATION,
              aggregates[0],
              Arrays.copyOfRange(aggregates, 1, aggregates.length));
      plan = planned;
      return watched;
    } catch (Exception e) { // Spark's AnalysisException is checked to javac, though undeclared
      return batch; // an aggregate that does not apply: the gate measures the table in a pass
    }
  }

  /**
   * Judges the table at {@code staged}, which the write made from {@code before} (main's head when
   * the run began, null for a new table), and stores its states.
   */
  Verification verify(Table table, Dataset<Row> stagedData, Long before, Long staged, Instant at) {
    QualityGate gate = gate(stagedData, at);
    ScanPlan measuring = plan;
    Optional<Row> measured = measured();
    if (measured.isEmpty()
        && mode == TableSpec.WriteMode.APPEND
        && before != null
        && staged != null
        && !before.equals(staged)) {
      measuring = gate.scanPlan();
      measured = added(measuring, before, staged);
    }
    Optional<TableChange> change =
        measured.flatMap(row -> change(table, before, staged, ScanPlan.rows(row)));
    Verification verification =
        change.isPresent()
            ? gate.verify(measuring, measured.get(), change.get())
            : gate.verifyFully();
    if (staged != null) {
      new QualityStates(table).save(staged, verification.states());
    }
    return verification;
  }

  /** A gate over data measured in full (a publish completed after a crash); keeps its states. */
  Verification verifyFully(Table table, Dataset<Row> data, long snapshot, Instant at) {
    Verification verification = gate(data, at).verifyFully();
    new QualityStates(table).save(snapshot, verification.states());
    return verification;
  }

  /**
   * The new rows' aggregation from an incremental read of what the snapshots after {@code before}
   * up to {@code staged} appended; none when one of them did more than append.
   */
  private Optional<Row> added(ScanPlan measuring, long before, long staged) {
    if (measuring.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(measuring.aggregate(appended(before, staged)));
    } catch (RuntimeException e) { // Iceberg refuses an incremental read across an overwrite
      return Optional.empty();
    }
  }

  /** The table at main's head before the run and at the staged snapshot. */
  private TableChange.Versions versions(Table table, long before, long staged) {
    return new TableChange.Versions() {
      @Override
      public Dataset<Row> before() {
        return snapshot(before);
      }

      @Override
      public Dataset<Row> after() {
        return snapshot(staged);
      }

      @Override
      public Dataset<Row> replaced() {
        return ReplacedRows.of(spark, table, tableName, keys, before, staged);
      }
    };
  }

  private Dataset<Row> snapshot(long id) {
    return spark.read().option("snapshot-id", id).table(tableName);
  }

  private Dataset<Row> appended(long before, long staged) {
    return spark
        .read()
        .option("start-snapshot-id", before)
        .option("end-snapshot-id", staged)
        .table(tableName);
  }

  /** Of several observations of one plan (a MERGE reads its source twice), the one that saw all. */
  private Optional<Row> measured() {
    if (plan == null) {
      return Optional.empty();
    }
    return observed.get(OBSERVATION).stream().max(Comparator.comparingLong(ScanPlan::rows));
  }

  private Optional<TableChange> change(Table table, Long before, Long staged, long observedRows) {
    Snapshot snapshot = staged == null ? null : table.snapshot(staged);
    boolean replaced = before == null || mode == TableSpec.WriteMode.OVERWRITE;
    if (snapshot == null || Objects.equals(before, staged)) {
      // No commit: the batch was empty, and the table is what it was.
      return replaced || observedRows > 0 ? Optional.empty() : unchanged(table, before);
    }
    if (!Objects.equals(snapshot.parentId(), before)) {
      return Optional.empty();
    }
    if (replaced) {
      return committed(snapshot, "total-records") == observedRows
          ? Optional.of(TableChange.replace())
          : Optional.empty();
    }
    Optional<TableStates> stored = new QualityStates(table).load(before);
    if (mode == TableSpec.WriteMode.MERGE) {
      return Optional.of(
          TableChange.merge(
              stored.orElse(TableStates.empty()), keys, versions(table, before, staged)));
    }
    if (stored.isEmpty() || committed(snapshot, "added-records") != observedRows) {
      return Optional.empty();
    }
    return Optional.of(TableChange.append(stored.get(), collisions(before, staged)));
  }

  private static Optional<TableChange> unchanged(Table table, Long before) {
    return new QualityStates(table)
        .load(before)
        .map(s -> TableChange.append(s, KeyCollisions.UNKNOWN));
  }

  private static long committed(Snapshot snapshot, String summaryKey) {
    String value = snapshot.summary().get(summaryKey);
    return value == null ? -1 : Long.parseLong(value);
  }

  /**
   * Looks the appended keys up among the keys main held: only files whose key bounds overlap the
   * new keys' are read (Iceberg prunes the rest by their column statistics), so a key that grows
   * with time costs a few files, and a random one (a UUID) costs reading the key column.
   */
  private KeyCollisions collisions(long before, long staged) {
    return (columns, lows, highs) -> {
      List<Column> oldKeys = new ArrayList<>();
      List<Column> newKeys = new ArrayList<>();
      Column overlap = lit(true);
      Column join = lit(true);
      for (int i = 0; i < columns.size(); i++) {
        String c = columns.get(i);
        String renamed = "__lakemesh_new_" + i;
        oldKeys.add(col(c));
        newKeys.add(col(c).as(renamed));
        join = join.and(col(c).eqNullSafe(col(renamed)));
        if (lows.get(i) != null) {
          overlap =
              overlap.and(col(c).isNull().or(col(c).between(lit(lows.get(i)), lit(highs.get(i)))));
        }
      }
      Column anyValue =
          columns.stream().map(c -> col(c).isNotNull()).reduce(Column::or).orElseThrow();
      Dataset<Row> old =
          snapshot(before).where(overlap.and(anyValue)).select(oldKeys.toArray(Column[]::new));
      Dataset<Row> added =
          appended(before, staged).where(anyValue).select(newKeys.toArray(Column[]::new));
      return !old.join(added, join, "left_semi").isEmpty();
    };
  }
}
