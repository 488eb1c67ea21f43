package io.lakemesh.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.checks.Check;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.ConstraintResult.Status;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.RuleMeasure;
import io.lakemesh.spec.QualityRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;

/**
 * One quality rule as Deequ sees it: the constraints it adds to the {@link Check} of its severity,
 * the metrics it needs, and how its outcome reads once those constraints are evaluated. Nothing
 * here computes a metric, so the same rule can be judged after a Deequ scan or against metrics
 * computed while the data was written.
 */
interface RuleCheck {
  QualityRule rule();

  /** The constraint as a reader of the run report should see it. */
  String constraint();

  /** Appends this rule's constraints; a rule settled without Deequ appends none. */
  Check addTo(Check check);

  /** Analyzers whose metrics must be recorded even though no constraint of this rule uses them. */
  default List<Analyzer<?, com.amazon.deequ.metrics.Metric<?>>> analyzers() {
    return List.of();
  }

  /** Columns Deequ measures that are derived from the data, by name. */
  default Map<String, Column> derivedColumns() {
    return Map.of();
  }

  /** The outcome, from the results of exactly the constraints {@link #addTo} appended. */
  ConstraintResult judge(List<com.amazon.deequ.constraints.ConstraintResult> results);

  /** lakemesh's own metrics for this rule, from everything that was measured. */
  default List<Metric> metrics(
      Map<Analyzer<?, com.amazon.deequ.metrics.Metric<?>>, com.amazon.deequ.metrics.Metric<?>>
          measured) {
    return List.of();
  }

  /** Which rows break the rule, for rules that hold row by row. */
  default Optional<Violations> violations() {
    return Optional.empty();
  }

  default ConstraintResult passed(String message) {
    return new ConstraintResult(
        rule().name(), constraint(), rule().severity(), Status.SUCCESS, message);
  }

  default ConstraintResult failed(String message) {
    return new ConstraintResult(
        rule().name(), constraint(), rule().severity(), Status.FAILURE, message);
  }

  /**
   * The outcome of a rule that compared one measured number with its threshold, which a rule table
   * shows as value against threshold.
   */
  default ConstraintResult judged(boolean satisfied, String message, RuleMeasure measure) {
    return (satisfied ? passed(message) : failed(message)).withMeasure(measure);
  }
}
