package io.lakemesh.quality;

import com.amazon.deequ.dqdl.EvaluateDataQuality;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.ConstraintResult.Status;
import io.lakemesh.catalog.Metric;
import io.lakemesh.spec.QualityRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A DQDL ruleset evaluated by Deequ's {@link EvaluateDataQuality}. DQDL has rule types (custom SQL,
 * data freshness, referential checks) that Deequ runs with executors of their own, so a ruleset is
 * one evaluation of its own rather than constraints in the gate's checks. It passes when every rule
 * in it passes.
 */
final class DqdlRules {
  private static final String PASSED = "Passed";

  private DqdlRules() {}

  record Evaluation(ConstraintResult result, List<Metric> metrics) {}

  static Evaluation evaluate(QualityRule.Dqdl rule, Dataset<Row> data) {
    String constraint = rule.ruleset().strip().replaceAll("\\s+", " ");
    List<Row> outcomes;
    try {
      outcomes = EvaluateDataQuality.process(data, rule.ruleset()).collectAsList();
    } catch (Exception e) { // the DQDL parser throws checked exceptions through Scala
      return new Evaluation(
          result(
              rule,
              constraint,
              Status.FAILURE,
              "DQDL ruleset cannot be evaluated: " + Formats.firstLine(e)),
          List.of());
    }
    List<String> failures = new ArrayList<>();
    List<Metric> metrics = new ArrayList<>();
    for (Row outcome : outcomes) {
      String dqRule = outcome.getAs("Rule");
      if (!PASSED.equals(outcome.getAs("Outcome"))) {
        failures.add(dqRule + ": " + outcome.getAs("FailureReason"));
      }
      Map<String, Double> evaluated = outcome.getJavaMap(outcome.fieldIndex("EvaluatedMetrics"));
      evaluated.forEach((key, value) -> metrics.add(metric(key, value)));
    }
    String message =
        failures.isEmpty()
            ? outcomes.size() + " DQDL rules passed"
            : failures.size()
                + " of "
                + outcomes.size()
                + " DQDL rules failed: "
                + String.join("; ", failures);
    return new Evaluation(
        result(rule, constraint, failures.isEmpty() ? Status.SUCCESS : Status.FAILURE, message),
        metrics);
  }

  /** DQDL names metrics "Entity.instance.Name", e.g. "Column.order_id.Completeness". */
  private static Metric metric(String key, double value) {
    int first = key.indexOf('.');
    int last = key.lastIndexOf('.');
    return first < 0 || first == last
        ? new Metric("Dataset", "*", key, value)
        : new Metric(
            key.substring(0, first),
            key.substring(first + 1, last),
            key.substring(last + 1),
            value);
  }

  private static ConstraintResult result(
      QualityRule.Dqdl rule, String constraint, Status status, String message) {
    return new ConstraintResult(rule.name(), constraint, rule.severity(), status, message);
  }
}
