package io.lakemesh.catalog;

/**
 * The outcome of one quality rule in one run. {@code message} carries counts and measures, never a
 * value of the data; {@code examples} (null when there are none) carries the offending values of
 * the rule's own columns, never a whole row, and is kept apart so that only the owning producer and
 * the governance account see it. {@code measure} (null when the rule measured no number, and in
 * runs stored before measures were kept) is the number the rule compared against its threshold.
 */
public record ConstraintResult(
    String rule,
    String constraint,
    Severity severity,
    Status status,
    String message,
    String examples,
    RuleMeasure measure) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public enum Status {
    SUCCESS,
    FAILURE
  }

  /** A result without examples. */
  public ConstraintResult(
      String rule, String constraint, Severity severity, Status status, String message) {
    this(rule, constraint, severity, status, message, null, null);
  }

  /** A result without a measure. */
  public ConstraintResult(
      String rule,
      String constraint,
      Severity severity,
      Status status,
      String message,
      String examples) {
    this(rule, constraint, severity, status, message, examples, null);
  }

  /** True when this result blocks a publish. */
  public boolean blocking() {
    return severity == Severity.ERROR && status == Status.FAILURE;
  }

  public ConstraintResult withMessage(String message) {
    return new ConstraintResult(rule, constraint, severity, status, message, examples, measure);
  }

  public ConstraintResult withExamples(String examples) {
    return new ConstraintResult(rule, constraint, severity, status, message, examples, measure);
  }

  public ConstraintResult withMeasure(RuleMeasure measure) {
    return new ConstraintResult(rule, constraint, severity, status, message, examples, measure);
  }
}
