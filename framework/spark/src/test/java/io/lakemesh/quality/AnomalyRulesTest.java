package io.lakemesh.quality;

import static io.lakemesh.quality.Orders.ERROR;
import static io.lakemesh.quality.Orders.NOW;
import static io.lakemesh.quality.Orders.order;
import static io.lakemesh.quality.RuleTypesTest.assertFailed;
import static io.lakemesh.quality.RuleTypesTest.assertPassed;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.QualityRun.Outcome;
import io.lakemesh.catalog.TableId;
import io.lakemesh.spec.QualityRule;
import io.lakemesh.spec.QualityRule.AnomalyMetric;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class AnomalyRulesTest {
  static final TableId TABLE = TableId.of("sales", "sales", "orders");

  /** Row count may halve or double from one run to the next. */
  final QualityRule rowCount =
      new QualityRule.Anomaly("anomaly.row_count", ERROR, AnomalyMetric.ROW_COUNT, null, 0.5, 1.0);

  /** Completeness of order_id may drop by 10 points. */
  final QualityRule completeness =
      new QualityRule.Anomaly(
          "anomaly.completeness(order_id)",
          ERROR,
          AnomalyMetric.COMPLETENESS,
          "order_id",
          0.1,
          null);

  static QualityRun run(int daysAgo, Outcome outcome, Metric metric) {
    return new QualityRun(
        "run-" + daysAgo,
        TABLE,
        null,
        NOW.minus(Duration.ofDays(daysAgo)),
        outcome,
        List.of(metric),
        List.of());
  }

  static Metric size(double rows) {
    return new Metric("Dataset", "*", "Size", rows);
  }

  QualityResult gate(Dataset<Row> data, QualityRule rule, QualityRun... history) {
    return QualityGate.on(data).rules(List.of(rule)).history(List.of(history)).at(NOW).run();
  }

  @Test
  void theFirstRunPassesWithANoteAndRecordsTheMetric() {
    QualityResult result = gate(Orders.valid(), rowCount);
    ConstraintResult c = result.constraints().get(0);
    assertPassed(c);
    assertThat(c.message()).startsWith("first run");
    assertThat(result.metrics()).contains(size(3));
  }

  @Test
  void aNormalChangePasses() {
    QualityResult result = gate(Orders.valid(), rowCount, run(1, Outcome.PASSED, size(2)));
    assertPassed(result.constraints().get(0));
    assertThat(result.metrics()).contains(new Metric("Dataset", "*", "SizeRateOfChange", 1.5));
  }

  @Test
  void aJumpIsDetected() {
    String message =
        assertFailed(
            gate(
                    Orders.valid(),
                    rowCount,
                    run(1, Outcome.PASSED, size(1)),
                    run(2, Outcome.PASSED, size(3)))
                .constraints()
                .get(0));
    assertThat(message)
        .isEqualTo(
            "row count 3 vs 1 in the previous run (2025-02-28T12:00:00Z),"
                + " allowed to fall by at most 50% and rise by at most 100%");
  }

  @Test
  void aDropIsDetected() {
    assertFailed(
        gate(Orders.of(order("O-1")), rowCount, run(1, Outcome.PASSED, size(3)))
            .constraints()
            .get(0));
  }

  @Test
  void failedRunsAreNoBaseline() {
    QualityResult result =
        gate(
            Orders.valid(),
            rowCount,
            run(1, Outcome.FAILED, size(1000)),
            run(2, Outcome.PASSED_WITH_WARNINGS, size(3)));
    assertPassed(result.constraints().get(0));
  }

  @Test
  void completenessMayNotDropMoreThanAllowed() {
    Dataset<Row> twoThirds = Orders.of(order("O-1"), order(null), order("O-3"));
    Metric complete = new Metric("Column", "order_id", "Completeness", 1.0);
    Metric almost = new Metric("Column", "order_id", "Completeness", 0.7);

    assertThat(
            assertFailed(
                gate(twoThirds, completeness, run(1, Outcome.PASSED, complete))
                    .constraints()
                    .get(0)))
        .startsWith("completeness of order_id 66.666% vs 100% in the previous run");
    assertPassed(
        gate(twoThirds, completeness, run(1, Outcome.PASSED, almost)).constraints().get(0));
  }
}
