package io.lakemesh.quality;

import com.amazon.deequ.checks.Check;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.RuleMeasure;
import io.lakemesh.spec.QualityRule;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.UnaryOperator;

/**
 * A rule that is exactly one Deequ constraint on one metric, such as completeness or size.
 *
 * <p>A row-level rule (one with {@link Violations}) holds vacuously when there is nothing to
 * measure: Deequ reports an empty state for an empty batch (or, for a pattern, a column that is all
 * null), and an empty batch has no incomplete or out-of-range values. Emptiness itself is what a
 * size rule is for.
 */
record ConstraintRule(
    QualityRule rule,
    String constraint,
    UnaryOperator<Check> constraints,
    Measure measure,
    Violations rowViolations)
    implements RuleCheck {

  /**
   * How the metric reads in messages.
   *
   * @param name what it is called, e.g. "completeness"
   * @param format how a value reads, e.g. as a percentage
   * @param requirement what the rule asks of the value, e.g. "100%" or "between 1 and 10"
   */
  record Measure(String name, DoubleFunction<String> format, String requirement) {
    static Measure count(String name, String requirement) {
      return new Measure(name, Formats::number, requirement);
    }

    static Measure fraction(String name, double min) {
      return new Measure(
          name, Formats::percent, min >= 1.0 ? "100%" : ">= " + Formats.percent(min));
    }
  }

  @Override
  public Check addTo(Check check) {
    return constraints.apply(check);
  }

  @Override
  public Optional<Violations> violations() {
    return Optional.ofNullable(rowViolations);
  }

  @Override
  public ConstraintResult judge(List<com.amazon.deequ.constraints.ConstraintResult> results) {
    Measurement m = Measurement.of(results.get(0));
    if (m.empty() && rowViolations != null) {
      return passed("no rows to check");
    }
    if (!m.present()) {
      return failed(measure.name() + " could not be measured: " + m.problem());
    }
    String reading = measure.format().apply(m.value());
    String measured = measure.name() + " " + reading;
    return judged(
        m.satisfied(),
        m.satisfied() ? measured : measured + ", required " + measure.requirement(),
        new RuleMeasure(m.value(), reading, measure.requirement()));
  }
}
