package io.lakemesh.quality;

import static io.lakemesh.quality.Orders.ERROR;
import static io.lakemesh.quality.Orders.NOW;
import static io.lakemesh.quality.Orders.WARNING;
import static io.lakemesh.quality.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.ConstraintResult.Status;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.QualityRun.Outcome;
import io.lakemesh.catalog.RuleMeasure;
import io.lakemesh.spec.QualityRule;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class QualityGateTest {
  final List<QualityRule> orderRules =
      List.of(
          new QualityRule.Size("size", ERROR, 1L, null),
          new QualityRule.Completeness("completeness(order_id)", ERROR, "order_id", 1.0),
          new QualityRule.Uniqueness("unique(order_id)", ERROR, List.of("order_id")),
          new QualityRule.NonNegative("non-negative(quantity)", ERROR, "quantity"),
          new QualityRule.AllowedValues(
              "allowed-values(currency)", WARNING, "currency", List.of("USD", "EUR")),
          new QualityRule.Freshness("freshness(order_ts)", ERROR, "order_ts", Duration.ofDays(1)));

  QualityResult gate(Dataset<Row> data, List<QualityRule> rules) {
    return QualityGate.on(data).rules(rules).at(NOW).run();
  }

  @Test
  void severalRulesInOneRunReportInRuleOrder() {
    QualityResult result = gate(Orders.valid(), orderRules);

    assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(result.constraints())
        .extracting(ConstraintResult::rule)
        .containsExactlyElementsOf(orderRules.stream().map(QualityRule::name).toList());
    assertThat(result.constraints()).allMatch(c -> c.status() == Status.SUCCESS);
    assertThat(result.metrics())
        .contains(
            new Metric("Dataset", "*", "Size", 3),
            new Metric("Column", "order_id", "Completeness", 1),
            new Metric("Column", "order_id", "Uniqueness", 1));
  }

  @Test
  void eachRuleKeepsWhatItMeasuredAgainstWhatItRequires() {
    // Three rows: O-1 twice (one with a negative quantity) and O-2.
    QualityResult result =
        gate(Orders.of(order("O-1"), order("O-1", "quantity", -1), order("O-2")), orderRules);

    assertThat(result.constraints())
        .extracting(ConstraintResult::rule, ConstraintResult::measure)
        .startsWith(
            tuple("size", new RuleMeasure(3, "3", ">= 1")),
            tuple("completeness(order_id)", new RuleMeasure(1.0, "100%", "100%")),
            tuple("unique(order_id)", new RuleMeasure(1.0 / 3, "33.333%", "100%")),
            tuple("non-negative(quantity)", new RuleMeasure(2.0 / 3, "66.666%", "100%")),
            tuple("allowed-values(currency)", new RuleMeasure(1.0, "100%", "100%")));
    // Every order was placed an hour before the gate ran: the age, never the newest value.
    assertThat(result.constraint("freshness(order_ts)").orElseThrow().measure().value())
        .isEqualTo(3600.0);
  }

  @Test
  void aFailedWarningDoesNotBlock() {
    QualityResult result = gate(Orders.of(order("O-1", "currency", "GBP")), orderRules);

    assertThat(result.outcome()).isEqualTo(Outcome.PASSED_WITH_WARNINGS);
    ConstraintResult currency = result.constraint("allowed-values(currency)").orElseThrow();
    assertThat(currency.status()).isEqualTo(Status.FAILURE);
    assertThat(currency.severity()).isEqualTo(ConstraintResult.Severity.WARNING);
    assertThat(currency.blocking()).isFalse();
  }

  @Test
  void aFailedErrorBlocksAndOnlyItFails() {
    QualityResult result = gate(Orders.of(order("O-1"), order("O-1", "quantity", -1)), orderRules);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.constraints())
        .filteredOn(c -> c.status() == Status.FAILURE)
        .extracting(ConstraintResult::rule)
        .containsExactly("unique(order_id)", "non-negative(quantity)");
  }

  @Test
  void aRuleOnAMissingColumnFailsNamingIt() {
    List<QualityRule> rules =
        List.of(
            new QualityRule.Completeness("completeness(coupon)", ERROR, "coupon", 1.0),
            new QualityRule.Predicate("discount", ERROR, "discount > 0", 1.0),
            new QualityRule.Pattern("pattern(quantity)", ERROR, "quantity", "\\d+"),
            new QualityRule.Size("size", ERROR, 1L, null));
    QualityResult result = gate(Orders.valid(), rules);

    assertThat(result.constraints())
        .extracting(ConstraintResult::status)
        .containsExactly(Status.FAILURE, Status.FAILURE, Status.FAILURE, Status.SUCCESS);
    assertThat(result.constraints().get(0).message())
        .startsWith("column 'coupon' is not in the data (columns: order_id, customer_id");
    assertThat(result.constraints().get(1).message())
        .startsWith("predicate 'discount > 0' does not apply to the data: ")
        .contains("discount");
    assertThat(result.constraints().get(2).message())
        .isEqualTo("column 'quantity' is int, not a string");
  }

  @Test
  void rowLevelRulesHoldOnEmptyData() {
    QualityResult result = gate(Orders.of(), orderRules.subList(1, 5));
    assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(result.constraints()).allMatch(c -> c.message().equals("no rows to check"));
  }

  @Test
  void precomputedMetricsAreJudgedLikeAScan() {
    Dataset<Row> data = Orders.of(order("O-1"), order("O-2", "currency", "JPY", "quantity", -2));
    QualityGate gate = QualityGate.on(data).rules(orderRules).at(NOW);
    Checks checks = gate.checks();
    AnalyzerContext measured =
        AnalysisRunner.onData(checks.prepare(data))
            .addAnalyzers(Scala.seq(checks.analyzers()))
            .run();

    assertThat(gate.evaluate(measured)).isEqualTo(gate.run());
  }
}
