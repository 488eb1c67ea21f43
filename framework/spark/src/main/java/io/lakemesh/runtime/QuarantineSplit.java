package io.lakemesh.runtime;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
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
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Splits a batch by its quarantine rules as it is written, in one pass: one projection names the
 * rules each row breaks; the product's write keeps the rows that break none, counts the rows that
 * break each rule, and hands the others to the driver with its task results (a Spark accumulator),
 * so the quarantine table is written from them without reading the batch again. The batch is not
 * cached: caching it costs more than the whole product write. Only when the rows that arrived are
 * not the rows counted (a task ran twice, or more rows than {@link #CARRIED} per task broke a rule,
 * which a limit of {@code quality.max-quarantine} usually refuses anyway) does a second, filtered
 * query read them, and it must find exactly the counted rows.
 */
final class QuarantineSplit {
  static final String RUN_ID = "_run_id";
  static final String RULES = "_rules";
  static final String QUARANTINED_AT = "_quarantined_at";

  /** The quarantine table's own columns, after the product's, as DDL. */
  static final List<String> COLUMNS =
      List.of(RUN_ID + " string", RULES + " array<string>", QUARANTINED_AT + " timestamp");

  /** Set-aside rows one task hands to the driver; beyond this the rows are read again. */
  static final int CARRIED = 20_000;

  private static final String COUNTED = "lakemesh_quarantine";
  private static final String WRITTEN = "lakemesh_quarantine_written";
  private static final String BATCH_ROWS = "batch_rows";
  private static final String SET_ASIDE = "set_aside";

  private final SparkSession spark;
  private final ObservedMetrics observed;
  private final List<QualityRule> rules;
  private final Dataset<Row> judged;
  private final List<String> columns;
  private final CollectionAccumulator<Row> carried;
  private final LongAccumulator dropped;
  private final int carriedPerTask;

  QuarantineSplit(ObservedMetrics observed, List<QualityRule> rules, Dataset<Row> batch) {
    this(observed, rules, batch, CARRIED);
  }

  QuarantineSplit(
      ObservedMetrics observed, List<QualityRule> rules, Dataset<Row> batch, int carriedPerTask) {
    this.carriedPerTask = carriedPerTask;
    this.spark = batch.sparkSession();
    this.observed = observed;
    this.rules = List.copyOf(rules);
    this.columns = List.of(batch.columns());
    this.judged = batch.withColumn(RULES, QuarantineRules.broken(rules));
    this.carried = spark.sparkContext().collectionAccumulator("lakemesh_quarantine_rows");
    this.dropped = spark.sparkContext().longAccumulator("lakemesh_quarantine_dropped");
  }

  /**
   * The rows that break no rule, with the batch's columns only; writing them counts the batch's
   * rows and the rows breaking each rule, and carries the others to the driver.
   */
  Dataset<Row> clean() {
    List<Column> counts = new ArrayList<>();
    counts.add(sum(when(size(col(RULES)).gt(0), 1L).otherwise(0L)).as(SET_ASIDE));
    for (QualityRule r : rules) {
      counts.add(sum(when(array_contains(col(RULES), r.name()), 1L).otherwise(0L)).as(r.name()));
    }
    List<Column> row = new ArrayList<>(columns.stream().map(c -> col(c)).toList());
    row.add(col(RULES));
    // Nondeterministic, so the optimiser neither moves nor drops the call; the OR evaluates it
    // for the rows that break a rule only.
    UserDefinedFunction carry =
        udf(new Carry(carried, dropped, carriedPerTask), DataTypes.BooleanType)
            .asNondeterministic();
    return observed
        .observe(judged, COUNTED, count(lit(1)).as(BATCH_ROWS), counts.toArray(Column[]::new))
        .where(size(col(RULES)).equalTo(0).or(carry.apply(struct(row.toArray(Column[]::new)))))
        .drop(RULES);
  }

  /** The rows that break a quarantine rule, as the quarantine table holds them. */
  Dataset<Row> setAside(String runId, Instant at, long counted) {
    List<Row> rows = carried.value();
    Dataset<Row> source =
        dropped.sum() == 0 && rows.size() == counted
            ? spark.createDataFrame(rows, judged.schema())
            : judged.where(size(col(RULES)).gt(0));
    List<Column> out = new ArrayList<>(columns.stream().map(c -> col(c)).toList());
    out.add(lit(runId).as(RUN_ID));
    out.add(col(RULES));
    out.add(lit(Timestamp.from(at)).as(QUARANTINED_AT));
    return observed.observe(
        source.select(out.toArray(Column[]::new)), WRITTEN, count(lit(1)).as(SET_ASIDE));
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
      throw new IllegalStateException(
          "the product write counted "
              + counted
              + " rows to set aside but the"
              + " quarantine write found "
              + written
              + "; the transform must give the same rows each time it"
              + " is evaluated (no rand(), no current_timestamp() in row values); nothing was published");
    }
  }

  private Row most(String name, String none) {
    return observed.get(name).stream()
        .max(Comparator.comparingLong(r -> r.getLong(0)))
        .orElseThrow(() -> new IllegalStateException(none));
  }

  /**
   * Hands a set-aside row to the driver and keeps it out of the product's write. Each task
   * deserialises its own copy, so {@code carriedHere} counts one task's rows.
   */
  private static final class Carry implements UDF1<Row, Boolean> {
    private final CollectionAccumulator<Row> carried;
    private final LongAccumulator dropped;
    private final int limit;
    private int carriedHere;

    Carry(CollectionAccumulator<Row> carried, LongAccumulator dropped, int limit) {
      this.carried = carried;
      this.dropped = dropped;
      this.limit = limit;
    }

    @Override
    public Boolean call(Row row) {
      if (carriedHere < limit) {
        carried.add(row);
        carriedHere++;
      } else {
        dropped.add(1);
      }
      return false;
    }
  }
}
