package io.lakemesh.quality;

import static org.apache.spark.sql.functions.expr;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.constraints.AnalysisBasedConstraint;
import com.amazon.deequ.constraints.NamedConstraint;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.RuleMeasure;
import io.lakemesh.config.Durations;
import io.lakemesh.spec.QualityRule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import scala.Option;

/**
 * Freshness as Deequ's {@code hasMax} over the timestamp in epoch microseconds. Deequ's Maximum
 * only takes numeric columns, hence the derived column; in exchange the run records the newest
 * value exactly (not just whether some row was recent enough), and an empty batch, which has no
 * newest value, fails.
 */
record FreshnessRule(QualityRule.Freshness rule, Instant at) implements RuleCheck {
  static final String PREFIX = "__lakemesh_epoch_micros_";

  /** The derived column Deequ measures; named so that no column of a product collides with it. */
  String measuredColumn() {
    return PREFIX + rule.column().replaceAll("\\W", "_");
  }

  private Instant cutoff() {
    return at.minus(rule.maxAge());
  }

  @Override
  public String constraint() {
    return "newest "
        + rule.column()
        + " at most "
        + Durations.format(rule.maxAge(), rule.unit())
        + " old (not before "
        + cutoff()
        + ")";
  }

  @Override
  public Map<String, Column> derivedColumns() {
    return Map.of(
        measuredColumn(),
        expr("unix_micros(CAST(" + Formats.quoted(rule.column()) + " AS TIMESTAMP))"));
  }

  /**
   * The constraint {@code hasMax} adds, without the row-level assertion it also makes: that is a
   * Spark UDF whose type tags a cold JVM builds by Scala's runtime reflection on the run's own
   * thread (see {@link ReflectionWarmUp}), and a freshness rule has no row-level result to give.
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"}) // Maximum's metric is a Metric[Double] in Scala
  public Check addTo(Check check) {
    double cutoff = micros(cutoff());
    Maximum maximum = new Maximum(measuredColumn(), Option.empty(), Option.empty());
    return check.addConstraint(
        new NamedConstraint(
            new AnalysisBasedConstraint(
                maximum, Scala.assertion(v -> v >= cutoff), Option.empty(), Option.empty()),
            "MaximumConstraint(" + maximum + ")"));
  }

  @Override
  public ConstraintResult judge(List<com.amazon.deequ.constraints.ConstraintResult> results) {
    Measurement m = Measurement.of(results.get(0));
    if (m.empty()) {
      return failed("no " + rule.column() + " values: the data is empty or the column is all null");
    }
    if (!m.present()) {
      return failed("newest " + rule.column() + " could not be measured: " + m.problem());
    }
    Instant newest = instant(m.value());
    Duration age = Duration.between(newest, at);
    String measured =
        "newest "
            + rule.column()
            + " "
            + newest
            + ", "
            + Durations.format(age, rule.unit())
            + " old at "
            + at.truncatedTo(ChronoUnit.SECONDS); // a reader needs no nanoseconds
    String required = "at most " + Durations.format(rule.maxAge(), rule.unit());
    // The age, not the newest value: a rule table may show how old the data was, never a value.
    return judged(
        m.satisfied(),
        m.satisfied() ? measured : measured + ", required " + required,
        new RuleMeasure(age.toSeconds(), Durations.format(age, rule.unit()) + " old", required));
  }

  @Override
  public List<Metric> metrics(
      Map<Analyzer<?, com.amazon.deequ.metrics.Metric<?>>, com.amazon.deequ.metrics.Metric<?>>
          measured) {
    return Measurement.valueOf(
            measured.get(new Maximum(measuredColumn(), Option.empty(), Option.empty())))
        .map(FreshnessRule::instant)
        .map(
            newest ->
                List.of(
                    new Metric("Column", rule.column(), "Maximum", micros(newest) / 1e6),
                    new Metric(
                        "Column",
                        rule.column(),
                        "Freshness",
                        Duration.between(newest, at).toMillis() / 1e3)))
        .orElse(List.of());
  }

  private static Instant instant(double micros) {
    return Instant.EPOCH.plus(Math.round(micros), ChronoUnit.MICROS);
  }

  private static double micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
