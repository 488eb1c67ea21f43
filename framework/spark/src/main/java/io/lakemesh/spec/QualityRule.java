package io.lakemesh.spec;

import io.lakemesh.catalog.ConstraintResult.Severity;
import io.lakemesh.config.Durations;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A quality rule as declared in a product spec. Each rule has a stable {@link #name()} (given in
 * the spec or derived from its type and columns) that run reports and the catalog use, and a
 * severity: {@code ERROR} blocks the publish, {@code WARNING} is recorded only.
 */
public sealed interface QualityRule {
  String name();

  Severity severity();

  /**
   * What a failing row does: by default the rule's severity decides for the whole batch; a
   * row-level rule may instead set the rows that break it aside in the product's quarantine table.
   */
  enum OnFail {
    GATE,
    QUARANTINE
  }

  default OnFail onFail() {
    return OnFail.GATE;
  }

  /** Whether the rule sets its failing rows aside rather than judging the batch. */
  default boolean quarantines() {
    return onFail() == OnFail.QUARANTINE;
  }

  /** Row count within bounds; a null bound is open. */
  record Size(String name, Severity severity, Long min, Long max) implements QualityRule {}

  /** Fraction of non-null values at least {@code min} (1.0: complete). */
  record Completeness(String name, Severity severity, String column, double min, OnFail onFail)
      implements QualityRule {
    public Completeness(String name, Severity severity, String column, double min) {
      this(name, severity, column, min, OnFail.GATE);
    }
  }

  /** No two rows share a value of the columns (a primary key when there are several). */
  record Uniqueness(String name, Severity severity, List<String> columns) implements QualityRule {}

  record NonNegative(String name, Severity severity, String column, OnFail onFail)
      implements QualityRule {
    public NonNegative(String name, Severity severity, String column) {
      this(name, severity, column, OnFail.GATE);
    }
  }

  /** Every non-null value within [min, max]; a null bound is open. */
  record Range(String name, Severity severity, String column, Double min, Double max, OnFail onFail)
      implements QualityRule {
    public Range(String name, Severity severity, String column, Double min, Double max) {
      this(name, severity, column, min, max, OnFail.GATE);
    }
  }

  record AllowedValues(
      String name, Severity severity, String column, List<String> values, OnFail onFail)
      implements QualityRule {
    public AllowedValues(String name, Severity severity, String column, List<String> values) {
      this(name, severity, column, values, OnFail.GATE);
    }
  }

  /** Every non-null value matches the regular expression. */
  record Pattern(String name, Severity severity, String column, String regex, OnFail onFail)
      implements QualityRule {
    public Pattern(String name, Severity severity, String column, String regex) {
      this(name, severity, column, regex, OnFail.GATE);
    }
  }

  /** A SQL predicate that at least {@code minFraction} of the rows satisfy. */
  record Predicate(
      String name, Severity severity, String predicate, double minFraction, OnFail onFail)
      implements QualityRule {
    public Predicate(String name, Severity severity, String predicate, double minFraction) {
      this(name, severity, predicate, minFraction, OnFail.GATE);
    }
  }

  /**
   * The newest value of a timestamp column is at most {@code maxAge} old when the gate runs; {@code
   * unit} is the one the spec wrote it in, which the rule's messages use.
   */
  record Freshness(String name, Severity severity, String column, Duration maxAge, ChronoUnit unit)
      implements QualityRule {
    public Freshness {
      Objects.requireNonNull(unit, "unit");
    }

    /** A rule whose messages speak in the largest unit that measures {@code maxAge} whole. */
    public Freshness(String name, Severity severity, String column, Duration maxAge) {
      this(name, severity, column, maxAge, Durations.largestWholeUnit(maxAge));
    }
  }

  /** Rules in AWS Glue Data Quality's DQDL, evaluated by Deequ. */
  record Dqdl(String name, Severity severity, String ruleset) implements QualityRule {}

  /**
   * A metric compared with its history: {@code ROW_COUNT} by relative rate of change, {@code
   * COMPLETENESS} of a column by absolute drop. The first run (no history) passes with a note.
   */
  record Anomaly(
      String name,
      Severity severity,
      AnomalyMetric metric,
      String column,
      Double maxDecrease,
      Double maxIncrease)
      implements QualityRule {}

  enum AnomalyMetric {
    ROW_COUNT,
    COMPLETENESS
  }
}
