package io.lakemesh.quality;

import static io.lakemesh.quality.Orders.ERROR;
import static io.lakemesh.quality.Orders.NOW;
import static io.lakemesh.quality.Orders.WARNING;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.ApproxCountDistinct;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.MaxLength;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.StandardDeviation;
import com.amazon.deequ.analyzers.Sum;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.metrics.Metric;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.runtime.ObservedMetrics;
import io.lakemesh.spec.QualityRule;
import io.lakemesh.spec.QualityRule.AnomalyMetric;
import io.lakemesh.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * A batch measured as lakemesh measures it (in the write, or merged from stored states) and by a
 * plain Deequ {@link VerificationSuite} over the written data, and the comparison of the two: the
 * orders, rules and history {@link InWriteMetricsTest} measures, and its checks.
 */
final class DeequComparison {
  private static final AtomicInteger WRITES = new AtomicInteger();

  /** Every rule type, at both severities, several on the same column. */
  static final List<QualityRule> RULES =
      List.of(
          new QualityRule.Size("size", ERROR, 1L, null),
          new QualityRule.Completeness("completeness(customer_id)", ERROR, "customer_id", 0.9),
          new QualityRule.Completeness("completeness(order_id)", ERROR, "order_id", 1.0),
          new QualityRule.Uniqueness("unique(order_id)", ERROR, List.of("order_id")),
          new QualityRule.Uniqueness(
              "unique(customer_id,order_ts)", WARNING, List.of("customer_id", "order_ts")),
          new QualityRule.NonNegative("non-negative(unit_price)", ERROR, "unit_price"),
          new QualityRule.Range("range(quantity)", ERROR, "quantity", 1.0, 10.0),
          new QualityRule.AllowedValues(
              "allowed-values(currency)", WARNING, "currency", List.of("USD", "EUR", "GBP")),
          new QualityRule.Pattern("pattern(country)", ERROR, "country", "[A-Z]{2}"),
          new QualityRule.Predicate("amount", ERROR, "amount = quantity * unit_price", 0.9),
          new QualityRule.Freshness("freshness(order_ts)", WARNING, "order_ts", Duration.ofDays(2)),
          new QualityRule.Dqdl(
              "dqdl", WARNING, "Rules = [ RowCount > 0, IsComplete \"order_id\" ]"),
          new QualityRule.Anomaly(
              "anomaly.row_count", WARNING, AnomalyMetric.ROW_COUNT, null, 0.5, 1.0),
          new QualityRule.Anomaly(
              "anomaly.completeness(country)",
              WARNING,
              AnomalyMetric.COMPLETENESS,
              "country",
              0.05,
              null));

  /** A previous run, so that the anomaly rules are Deequ anomaly constraints. */
  static final List<QualityRun> HISTORY =
      List.of(
          AnomalyRulesTest.run(1, QualityRun.Outcome.PASSED, AnomalyRulesTest.size(400)),
          AnomalyRulesTest.run(
              1,
              QualityRun.Outcome.PASSED,
              new io.lakemesh.catalog.Metric("Column", "country", "Completeness", 0.97)));

  static SparkSession spark() {
    return SharedSpark.session();
  }

  /**
   * Orders with ids from {@code first}; some break rules (negative prices, unknown currencies,
   * lower-case countries, null customers, wrong amounts), and with {@code duplicates} some ids
   * occur twice.
   */
  static Dataset<Row> orders(long first, long rows, boolean duplicates) {
    String id = duplicates ? "IF(id % 37 = 0, id - 1, id)" : "id";
    return spark()
        .range(first, first + rows)
        .select(
            expr("concat('O', lpad(cast(" + id + " as string), 8, '0'))").as("order_id"),
            expr("IF(id % 53 = 0, NULL, concat('C', cast(id % 97 as string)))").as("customer_id"),
            expr("concat('P', cast(id % 7 as string))").as("product_id"),
            expr("cast(id % 12 as int)").as("quantity"),
            expr("cast((id % 400) / 10.0 - 0.5 as decimal(12,2))").as("unit_price"),
            expr("element_at(array('USD','EUR','GBP','JPY'), cast(id % 4 + 1 as int))")
                .as("currency"),
            expr("timestamp_seconds(1740830400 - 3600 * (id % 100))").as("order_ts"),
            expr("'PLACED'").as("status"),
            expr("IF(id % 61 = 0, NULL, IF(id % 45 = 0, 'usa', 'US'))").as("country"),
            expr("cast(IF(id % 29 = 0, 0, (id % 12) * cast((id % 400) / 10.0 - 0.5 as decimal(12,2))) as decimal(14,2))")
                .as("amount"));
  }

  static QualityGate gate(Dataset<Row> data) {
    return QualityGate.on(data).rules(RULES).history(HISTORY).at(NOW);
  }

  /** Writes the batch as a job does, with the plan's aggregation observed on the way. */
  static Row writeObserved(Dataset<Row> batch, ScanPlan plan, Path to) {
    String name = "quality_" + WRITES.incrementAndGet();
    try (ObservedMetrics observed = new ObservedMetrics(spark())) {
      Column[] aggregates = plan.aggregates();
      Dataset<Row> observing =
          observed.observe(
              batch, name, aggregates[0], Arrays.copyOfRange(aggregates, 1, aggregates.length));
      observing.write().mode("overwrite").parquet(to.toString());
      List<Row> rows = observed.get(name);
      assertThat(rows).hasSize(1);
      return rows.get(0);
    }
  }

  static VerificationResult plainDeequ(Checks checks, Dataset<Row> data) {
    return new VerificationSuite()
        .onData(checks.prepare(data))
        .addChecks(Scala.seq(checks.deequChecks()))
        .addRequiredAnalyzers(Scala.seq(checks.analyzers()))
        .run();
  }

  /** Metric by metric, constraint by constraint, then the gate's results as wholes. */
  static void assertSameAsDeequ(
      Dataset<Row> table,
      Verification verification,
      Map<Analyzer<?, Metric<?>>, Metric<?>> measured) {
    Checks checks = gate(table).checks();
    VerificationResult deequ = plainDeequ(checks, table);
    Map<Analyzer<?, Metric<?>>, Metric<?>> expected = Scala.java(deequ.metrics());
    assertThat(measured.keySet()).containsExactlyInAnyOrderElementsOf(checks.analyzers());
    for (Analyzer<?, Metric<?>> analyzer : checks.analyzers()) {
      assertSameMetric(analyzer, measured.get(analyzer), expected.get(analyzer));
    }
    Map<Check, CheckResult> deequChecks = Scala.java(deequ.checkResults());
    for (Check check : checks.deequChecks()) {
      CheckResult ours = check.evaluate(new AnalyzerContext(Scala.map(measured)));
      List<ConstraintResult> want = Scala.java(deequChecks.get(check).constraintResults());
      List<ConstraintResult> got = Scala.java(ours.constraintResults());
      assertThat(got).hasSameSizeAs(want);
      for (int i = 0; i < want.size(); i++) {
        assertThat(got.get(i).status())
            .as(want.get(i).constraint().toString())
            .isEqualTo(want.get(i).status());
      }
    }
    assertThat(verification.result()).isEqualTo(gate(table).run());
  }

  static Map<Analyzer<?, Metric<?>>, Metric<?>> measured(
      Dataset<Row> table, ScanPlan plan, Row newRows, TableChange change) {
    return Scala.java(
        TableMetrics.of(gate(table).checks(), table, plan, newRows, change).context().metricMap());
  }

  /** A batch as a job writes it, read back, with what the write observed. */
  record Written(Dataset<Row> rows, Row observed) {}

  /** Writes the batch to {@code to}, then reads it back, with what the write observed. */
  static Written write(Dataset<Row> batch, ScanPlan plan, Path to) {
    Row observed = writeObserved(batch, plan, to);
    return new Written(spark().read().schema(batch.schema()).parquet(to.toString()), observed);
  }

  /** The states a first write stores, through their JSON: the table is the batch. */
  static TableStates stored(Written first, ScanPlan plan) {
    Verification verification =
        gate(first.rows()).verify(plan, first.observed(), TableChange.replace());
    return TableStates.fromJson(verification.states().toJson());
  }

  /** Verifies {@code table} as changed by {@code added}, and compares with Deequ over it. */
  static Verification assertVerifiedAsDeequ(
      Dataset<Row> table, ScanPlan plan, Written added, TableChange change) {
    Verification verification = gate(table).verify(plan, added.observed(), change);
    assertSameAsDeequ(table, verification, measured(table, plan, added.observed(), change));
    return verification;
  }

  /** Analyzers no rule type uses yet: their in-write and merged values are Deequ's too. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static final List<Analyzer<?, Metric<?>>> NUMERIC =
      (List)
          List.of(
              new Sum("quantity", Option.empty()),
              new Mean("unit_price", Option.empty()),
              new Minimum("unit_price", Option.empty(), Option.empty()),
              new Maximum("quantity", Option.empty(), Option.empty()),
              new StandardDeviation("quantity", Option.empty()),
              new MaxLength("country", Option.empty(), Option.empty()),
              new Completeness("country", Option.apply("quantity > 3"), Option.empty()),
              new ApproxCountDistinct("customer_id", Option.empty()));

  static void assertSameMetrics(Dataset<Row> table, TableMetrics.Measured measured) {
    Map<Analyzer<?, Metric<?>>, Metric<?>> expected =
        Scala.java(AnalysisRunner.onData(table).addAnalyzers(Scala.seq(NUMERIC)).run().metricMap());
    Map<Analyzer<?, Metric<?>>, Metric<?>> got = Scala.java(measured.context().metricMap());
    for (Analyzer<?, Metric<?>> analyzer : NUMERIC) {
      assertSameMetric(analyzer, got.get(analyzer), expected.get(analyzer));
    }
  }

  /**
   * The same value within floating-point tolerance, or the same failure: over no value at all (an
   * all-null column) Deequ fails a minimum or a mean, and so must the measurement.
   */
  static void assertSameMetric(Analyzer<?, Metric<?>> analyzer, Metric<?> got, Metric<?> want) {
    assertThat(got.value().isSuccess())
        .as(analyzer + ": " + got.value() + " vs " + want.value())
        .isEqualTo(want.value().isSuccess());
    if (want.value().isSuccess()) {
      assertThat(((Number) got.value().get()).doubleValue())
          .as(analyzer.toString())
          .isCloseTo(((Number) want.value().get()).doubleValue(), within(1e-9));
    } else {
      assertThat(got.value().failed().get().getClass())
          .isEqualTo(want.value().failed().get().getClass());
    }
  }

  /**
   * The orders with nulls in their numeric columns: quantity in every 13th row, unit_price in every
   * 17th, amount in every 19th.
   */
  static Dataset<Row> withNulls(Dataset<Row> orders) {
    String n = "cast(substr(order_id, 2) as long)";
    return orders
        .withColumn("quantity", expr("IF(" + n + " % 13 = 0, NULL, quantity)"))
        .withColumn("unit_price", expr("IF(" + n + " % 17 = 0, NULL, unit_price)"))
        .withColumn("amount", expr("IF(" + n + " % 19 = 0, NULL, amount)"));
  }

  /** The orders with no value at all in their numeric columns. */
  static Dataset<Row> allNull(Dataset<Row> orders) {
    return orders
        .withColumn("quantity", expr("CAST(NULL AS INT)"))
        .withColumn("unit_price", expr("CAST(NULL AS DECIMAL(12,2))"))
        .withColumn("amount", expr("CAST(NULL AS DECIMAL(14,2))"));
  }

  /** The new rows' keys looked up in the table before, as the runtime does on Iceberg. */
  static KeyCollisions collisions(Dataset<Row> before, Dataset<Row> added) {
    return (columns, lows, highs) -> {
      Column on =
          columns.stream()
              .map(c -> before.col(c).eqNullSafe(added.col(c)))
              .reduce(Column::and)
              .orElseThrow();
      return !before.join(added, on, "left_semi").isEmpty();
    };
  }

  private DeequComparison() {}
}
