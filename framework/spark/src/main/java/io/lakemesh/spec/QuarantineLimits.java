package io.lakemesh.spec;

/**
 * How much of a batch its quarantine rules may set aside, as fractions of the batch's rows: above
 * {@code max} ({@code quality.max-quarantine}) the whole batch is rejected, above {@code warning}
 * ({@code quality.quarantine-warning}) the publish tells subscribers.
 */
public record QuarantineLimits(double max, double warning) {
  public static final QuarantineLimits DEFAULT = new QuarantineLimits(0.01, 0.001);

  public QuarantineLimits {
    if (!(max >= 0 && max <= 1) || !(warning >= 0 && warning <= 1)) {
      throw new IllegalArgumentException("quarantine fractions lie between 0 and 1");
    }
  }
}
