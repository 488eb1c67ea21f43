package io.lakemesh.runtime;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.lakemesh.quality.QuarantineRules;
import io.lakemesh.spec.QualityRule;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Splits a batch by its quarantine rules as it is written: one projection names the rules each row
 * breaks; the rows that break some go to the quarantine table (with the run, the rules and the
 * time), the others on to the product's write and gate. The batch is computed once and kept
 * (memory, spilling to disk) for the two writes, so the transform and the source reads are not
 * done twice; the counts per rule are observed during the quarantine write.
 */
final class QuarantineSplit implements AutoCloseable {
  static final String RUN_ID = "_run_id";
  static final String RULES = "_rules";
  static final String QUARANTINED_AT = "_quarantined_at";
  /** The quarantine table's own columns, after the product's, as DDL. */
  static final List<String> COLUMNS =
      List.of(RUN_ID + " string", RULES + " array<string>", QUARANTINED_AT + " timestamp");
  private static final String OBSERVATION = "lakemesh_quarantine";
  private static final String BATCH_ROWS = "batch_rows";
  private static final String SET_ASIDE = "set_aside";

  private final ObservedMetrics observed;
  private final List<QualityRule> rules;
  private final Dataset<Row> judged;
  private final List<String> columns;

  QuarantineSplit(ObservedMetrics observed, List<QualityRule> rules, Dataset<Row> batch) {
    this.observed = observed;
    this.rules = List.copyOf(rules);
    this.columns = List.of(batch.columns());
    this.judged = batch.withColumn(RULES, QuarantineRules.broken(rules)).persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The rows that break a quarantine rule, as the quarantine table holds them; counted as read. */
  Dataset<Row> setAside(String runId, Instant at) {
    List<Column> counts = new ArrayList<>();
    counts.add(sum(when(size(col(RULES)).gt(0), 1L).otherwise(0L)).as(SET_ASIDE));
    for (QualityRule r : rules) {
      counts.add(sum(when(array_contains(col(RULES), r.name()), 1L).otherwise(0L)).as(r.name()));
    }
    Dataset<Row> watched = observed.observe(judged, OBSERVATION, count(lit(1)).as(BATCH_ROWS),
        counts.toArray(Column[]::new));
    List<Column> out = new ArrayList<>(columns.stream().map(c -> col(c)).toList());
    out.add(lit(runId).as(RUN_ID));
    out.add(col(RULES));
    out.add(lit(Timestamp.from(at)).as(QUARANTINED_AT));
    return watched.where(size(col(RULES)).gt(0)).select(out.toArray(Column[]::new));
  }

  /** The rows that break none, with the batch's columns only. */
  Dataset<Row> clean() {
    return judged.where(size(col(RULES)).equalTo(0)).drop(RULES);
  }

  /** The counts observed while {@link #setAside} was written. */
  QuarantineReport report(String table) {
    Row row = observed.get(OBSERVATION).stream()
        .max(java.util.Comparator.comparingLong(r -> r.getLong(0)))
        .orElseThrow(() -> new IllegalStateException("the quarantine write measured nothing"));
    long batch = row.getLong(0);
    Map<String, Long> perRule = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      perRule.put(rules.get(i).name(), row.isNullAt(i + 2) ? 0L : row.getLong(i + 2));
    }
    long rows = row.isNullAt(1) ? 0L : row.getLong(1);
    return new QuarantineReport(rows, batch == 0 ? 0.0 : (double) rows / batch, perRule, table);
  }

  @Override
  public void close() {
    judged.unpersist();
  }
}
