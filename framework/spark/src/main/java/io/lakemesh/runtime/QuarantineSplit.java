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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Splits a batch by its quarantine rules as it is written: one projection names the rules each row
 * breaks. The product's write takes the rows that break none and counts, in the same pass, the
 * rows that break each rule; only when some did does a second, filtered query write them to the
 * quarantine table (with the run, the rules and the time). The batch is not cached: caching it
 * costs more than the whole product write, and a batch with no set-aside rows, the usual case,
 * is read once. The second query must find exactly the rows the first counted, or the run fails
 * (a transform that is not deterministic would otherwise lose or duplicate rows).
 */
final class QuarantineSplit {
  static final String RUN_ID = "_run_id";
  static final String RULES = "_rules";
  static final String QUARANTINED_AT = "_quarantined_at";
  /** The quarantine table's own columns, after the product's, as DDL. */
  static final List<String> COLUMNS =
      List.of(RUN_ID + " string", RULES + " array<string>", QUARANTINED_AT + " timestamp");
  private static final String COUNTED = "lakemesh_quarantine";
  private static final String WRITTEN = "lakemesh_quarantine_written";
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
    this.judged = batch.withColumn(RULES, QuarantineRules.broken(rules));
  }

  /**
   * The rows that break no rule, with the batch's columns only; writing them counts the batch's
   * rows and the rows breaking each rule.
   */
  Dataset<Row> clean() {
    List<Column> counts = new ArrayList<>();
    counts.add(sum(when(size(col(RULES)).gt(0), 1L).otherwise(0L)).as(SET_ASIDE));
    for (QualityRule r : rules) {
      counts.add(sum(when(array_contains(col(RULES), r.name()), 1L).otherwise(0L)).as(r.name()));
    }
    return observed.observe(judged, COUNTED, count(lit(1)).as(BATCH_ROWS), counts.toArray(Column[]::new))
        .where(size(col(RULES)).equalTo(0))
        .drop(RULES);
  }

  /** The rows that break a quarantine rule, as the quarantine table holds them. */
  Dataset<Row> setAside(String runId, Instant at) {
    List<Column> out = new ArrayList<>(columns.stream().map(c -> col(c)).toList());
    out.add(lit(runId).as(RUN_ID));
    out.add(col(RULES));
    out.add(lit(Timestamp.from(at)).as(QUARANTINED_AT));
    Dataset<Row> rows = judged.where(size(col(RULES)).gt(0)).select(out.toArray(Column[]::new));
    return observed.observe(rows, WRITTEN, count(lit(1)).as(SET_ASIDE));
  }

  /** The counts observed while {@link #clean} was written. */
  QuarantineReport report(String table) {
    Row row = most(COUNTED, "the product write measured no quarantine counts");
    long batch = row.getLong(0);
    Map<String, Long> perRule = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      perRule.put(rules.get(i).name(), row.isNullAt(i + 2) ? 0L : row.getLong(i + 2));
    }
    long rows = row.isNullAt(1) ? 0L : row.getLong(1);
    return new QuarantineReport(rows, batch == 0 ? 0.0 : (double) rows / batch, perRule, table);
  }

  /** Fails unless the {@link #setAside} write held as many rows as the product write counted. */
  void checkWritten(long counted) {
    long written = most(WRITTEN, "the quarantine write measured nothing").getLong(0);
    if (written != counted) {
      throw new IllegalStateException("the product write counted " + counted + " rows to set aside but the"
          + " quarantine write found " + written + "; the transform must give the same rows each time it"
          + " is evaluated (no rand(), no current_timestamp() in row values); nothing was published");
    }
  }

  private Row most(String name, String none) {
    return observed.get(name).stream()
        .max(Comparator.comparingLong(r -> r.getLong(0)))
        .orElseThrow(() -> new IllegalStateException(none));
  }
}
