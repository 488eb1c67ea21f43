package io.lakemesh.quality;

import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.QualityRun;
import java.util.List;
import java.util.Optional;

/**
 * What a quality gate found: one constraint result per rule, in rule order, and the metrics
 * measured on the way.
 *
 * <p>Metrics are named as Deequ names them ({@code Dataset * Size}, {@code Column order_id
 * Completeness}, {@code Column <rule name> Compliance}, ...) plus lakemesh's own: for a freshness
 * rule {@code Column <column> Maximum} (the newest value, epoch seconds) and {@code Freshness} (its
 * age in seconds at the gate's time); for an anomaly rule with history {@code Dataset *
 * SizeRateOfChange} (rows now / rows in the previous run) or {@code Column <column>
 * CompletenessAbsoluteChange} (completeness now minus in the previous run).
 */
public record QualityResult(List<Metric> metrics, List<ConstraintResult> constraints) {
  public QualityResult {
    metrics = List.copyOf(metrics);
    constraints = List.copyOf(constraints);
  }

  public QualityRun.Outcome outcome() {
    return QualityRun.outcomeOf(constraints);
  }

  /** The result of the rule of that name. */
  public Optional<ConstraintResult> constraint(String rule) {
    return constraints.stream().filter(c -> c.rule().equals(rule)).findFirst();
  }

  /** The blocking failures, as {@code rule: message} joined by {@code ; }, for a refusal. */
  public String failures() {
    return String.join(
        "; ",
        constraints.stream()
            .filter(ConstraintResult::blocking)
            .map(c -> c.rule() + ": " + c.message())
            .toList());
  }
}
