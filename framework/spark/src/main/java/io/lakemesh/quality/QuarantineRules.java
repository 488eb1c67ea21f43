package io.lakemesh.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.lakemesh.spec.QualityRule;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The rows a product's quarantine rules set aside. Each rule's test of a row is the one its gate
 * counts failures with ({@link Violations.Rows}), so a row is set aside exactly when the rule, run
 * on the batch, would have counted it as failing.
 */
public final class QuarantineRules {
  private QuarantineRules() {}

  /**
   * An {@code array<string>} column naming every rule of {@code rules} the row breaks, in their
   * order; empty for a row that breaks none. One projection, so the split costs no pass of its own.
   */
  public static Column broken(List<QualityRule> rules) {
    if (rules.isEmpty()) {
      return array().cast("array<string>");
    }
    Column[] names =
        rules.stream().map(r -> when(violating(r), lit(r.name()))).toArray(Column[]::new);
    // Most rows break nothing: a cheap test first, so the array is built for the others only.
    Column any =
        rules.stream()
            .map(r -> coalesce(violating(r), lit(false)))
            .reduce(Column::or)
            .orElseThrow();
    return when(any, filter(array(names), Column::isNotNull))
        .otherwise(array().cast("array<string>"));
  }

  /** The rule's test of one row: true when the row breaks it (null, for a null value, does not). */
  static Column violating(QualityRule rule) {
    ConstraintRule constraint = Constraints.of(rule);
    if (constraint == null
        || !(constraint.rowViolations() instanceof Violations.Rows rows)
        || !rule.quarantines()) {
      throw new IllegalArgumentException("rule " + rule.name() + " does not judge single rows");
    }
    return rows.violating();
  }
}
