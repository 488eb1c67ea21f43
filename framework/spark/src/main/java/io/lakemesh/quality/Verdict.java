package io.lakemesh.quality;

import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.spec.QualityRule;
import java.util.Optional;

/** A rule's result, with what it takes to show the rows behind a failure. */
record Verdict(QualityRule rule, ConstraintResult result, Optional<Violations> violations) {

  boolean failed() {
    return result.status() == ConstraintResult.Status.FAILURE;
  }

  /** The result with this message and examples (null: none). */
  Verdict explained(String message, String examples) {
    return new Verdict(rule, result.withMessage(message).withExamples(examples), violations);
  }
}
