package io.lakemesh.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Metrics and constraint results of one quality gate, stored whatever the outcome. */
public record QualityRun(
    String runId,
    TableId table,
    Long snapshotId,
    Instant at,
    Outcome outcome,
    List<Metric> metrics,
    List<ConstraintResult> constraints) {

  public enum Outcome {
    PASSED,
    PASSED_WITH_WARNINGS,
    FAILED
  }

  public QualityRun {
    metrics = List.copyOf(metrics);
    constraints = List.copyOf(constraints);
  }

  public static Outcome outcomeOf(List<ConstraintResult> constraints) {
    if (constraints.stream().anyMatch(ConstraintResult::blocking)) {
      return Outcome.FAILED;
    }
    boolean warned =
        constraints.stream().anyMatch(c -> c.status() == ConstraintResult.Status.FAILURE);
    return warned ? Outcome.PASSED_WITH_WARNINGS : Outcome.PASSED;
  }

  public Optional<Metric> metric(String name, String instance) {
    return metrics.stream()
        .filter(m -> m.name().equals(name) && m.instance().equals(instance))
        .findFirst();
  }
}
