package io.lakemesh.catalog;

/** The outcome of one quality rule in one run. */
public record ConstraintResult(
    String rule, String constraint, Severity severity, Status status, String message) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public enum Status {
    SUCCESS,
    FAILURE
  }

  /** True when this result blocks a publish. */
  public boolean blocking() {
    return severity == Severity.ERROR && status == Status.FAILURE;
  }
}
