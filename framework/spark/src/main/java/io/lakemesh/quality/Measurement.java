package io.lakemesh.quality;

import com.amazon.deequ.analyzers.runners.EmptyStateException;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.Metric;
import java.util.Optional;
import scala.util.Try;

/**
 * What Deequ measured for one constraint: a value, or why there is none.
 *
 * @param empty there was nothing to measure (no rows, or none left by the constraint's filter)
 * @param satisfied whether Deequ found the constraint satisfied
 */
record Measurement(Double value, String problem, boolean empty, boolean satisfied) {

  static Measurement of(ConstraintResult result) {
    boolean satisfied = result.status().equals(ConstraintStatus.Success());
    if (result.metric().isEmpty()) {
      return new Measurement(null, result.message().getOrElse(() -> "no metric"), false, satisfied);
    }
    return of(result.metric().get(), satisfied);
  }

  /** The value of a metric, when it was computed and its computation succeeded. */
  static Optional<Double> valueOf(Metric<?> metric) {
    return metric == null ? Optional.empty() : Optional.ofNullable(of(metric, true).value());
  }

  private static Measurement of(Metric<?> metric, boolean satisfied) {
    Try<?> value = metric.value();
    if (value.isSuccess()) {
      return new Measurement(((Number) value.get()).doubleValue(), null, false, satisfied);
    }
    Throwable error = value.failed().get();
    return new Measurement(
        null, error.getMessage(), error instanceof EmptyStateException, satisfied);
  }

  boolean present() {
    return value != null;
  }
}
