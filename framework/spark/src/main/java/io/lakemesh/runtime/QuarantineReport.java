package io.lakemesh.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.quality.QualityResult;
import io.lakemesh.spec.QuarantineLimits;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a run's quarantine rules set aside: counts only, never a value. The same counts go into the
 * run report, the published snapshot's properties (so a publish completed after a crash finds them)
 * and the catalog entry's parameters.
 *
 * @param rows rows set aside
 * @param fraction of the batch's rows
 * @param rules rows per rule, in spec order (a row breaking two rules counts for both)
 * @param table the quarantine table, {@code db.table__quarantine}
 */
public record QuarantineReport(long rows, double fraction, Map<String, Long> rules, String table) {
  /** The name under which a batch refused for setting too much aside is recorded. */
  static final String MAX_QUARANTINE = "max-quarantine";

  public QuarantineReport {
    rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
  }

  /** Whether more of the batch would be set aside than the product allows. */
  boolean exceeds(QuarantineLimits limits) {
    return fraction > limits.max();
  }

  /** Why such a batch is refused, and how to let it through. */
  String refusal(QuarantineLimits limits, String product) {
    return "quarantine limit exceeded: the quarantine rules would set aside "
        + rows
        + " rows ("
        + percent(fraction)
        + " of the batch), more than quality.max-quarantine = "
        + limits.max()
        + " ("
        + percent(limits.max())
        + ") allows; rows per rule: "
        + perRule()
        + ". Nothing was published and nothing quarantined. Fix the data, or raise"
        + " quality.max-quarantine in the spec of "
        + product
        + " if so many bad rows are expected";
  }

  /**
   * The refusal as the gate's result, so that quality history, the product's last attempt and the
   * REJECTED event tell it like any failed rule: counts only.
   */
  QualityResult rejection(QuarantineLimits limits) {
    return new QualityResult(
        List.of(),
        List.of(
            new ConstraintResult(
                MAX_QUARANTINE,
                "at most " + percent(limits.max()) + " of the batch set aside",
                ConstraintResult.Severity.ERROR,
                ConstraintResult.Status.FAILURE,
                rows
                    + " rows ("
                    + percent(fraction)
                    + " of the batch) would be set aside,"
                    + " required at most "
                    + percent(limits.max())
                    + "; "
                    + perRule())));
  }

  /** The fraction as a percentage with two decimals, {@code 0.40%}. */
  public String percent() {
    return percent(fraction);
  }

  /** {@code rule: n, rule: n}, for messages. */
  String perRule() {
    StringBuilder out = new StringBuilder();
    rules.forEach(
        (rule, n) -> out.append(out.length() == 0 ? "" : ", ").append(rule).append(": ").append(n));
    return out.toString();
  }

  /** The counts as snapshot properties and catalog parameters. */
  Map<String, String> parameters(QuarantineLimits limits) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(TableParameters.QUARANTINE_ROWS, Long.toString(rows));
    p.put(TableParameters.QUARANTINE_RULES, Json.write(rules));
    p.put(TableParameters.QUARANTINE_FRACTION, Double.toString(fraction));
    p.put(TableParameters.QUARANTINE_WARNING, Double.toString(limits.warning()));
    return p;
  }

  /** The counts kept in a snapshot's properties, if the run that wrote it quarantined. */
  static Optional<QuarantineReport> of(Map<String, String> properties, String table) {
    String rows = properties.get(TableParameters.QUARANTINE_ROWS);
    if (rows == null) {
      return Optional.empty();
    }
    try {
      Map<String, Long> rules =
          Json.MAPPER.readValue(
              properties.get(TableParameters.QUARANTINE_RULES),
              new TypeReference<LinkedHashMap<String, Long>>() {});
      return Optional.of(
          new QuarantineReport(
              Long.parseLong(rows),
              Double.parseDouble(properties.get(TableParameters.QUARANTINE_FRACTION)),
              rules,
              table));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "unreadable quarantine counts in snapshot properties: " + e.getMessage(), e);
    }
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
  }
}
