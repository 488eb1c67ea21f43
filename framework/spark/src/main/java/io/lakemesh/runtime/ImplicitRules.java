package io.lakemesh.runtime;

import io.lakemesh.catalog.ConstraintResult.Severity;
import io.lakemesh.spec.ColumnSpec;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.QualityRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules the contract implies: a column declared not null must be complete. Iceberg columns stay
 * optional so that a violation is reported by the gate with a count, not by a failed write.
 */
final class ImplicitRules {
  private ImplicitRules() {}

  static List<QualityRule> withContract(ProductSpec spec) {
    List<QualityRule> rules = new ArrayList<>(spec.quality());
    for (ColumnSpec c : spec.schema()) {
      boolean covered =
          spec.quality().stream()
              .anyMatch(
                  r ->
                      r instanceof QualityRule.Completeness comp
                          && comp.column().equals(c.name())
                          && comp.min() >= 1.0);
      if (!c.nullable() && !covered) {
        rules.add(
            new QualityRule.Completeness(
                "not_null(" + c.name() + ")", Severity.ERROR, c.name(), 1.0));
      }
    }
    return rules;
  }
}
