package io.lakemesh.catalog;

import java.util.Objects;

/**
 * What a quality rule measured in one run, against what it requires: the number behind a rule
 * table's value and sparkline. A measure of the data (a fraction, a count, an age), never a value
 * of a column.
 *
 * @param value the measured number, as the rule compares it (a fraction for completeness, rows for
 *     a size, seconds for an age)
 * @param reading how the value reads, e.g. "99.2%" or "1,234"
 * @param threshold what the rule requires of it, e.g. ">= 99%" or "between 1 and 10,000"
 */
public record RuleMeasure(double value, String reading, String threshold) {
  public RuleMeasure {
    Objects.requireNonNull(reading, "how the measured value reads");
    Objects.requireNonNull(threshold, "what the rule requires");
  }
}
