package io.lakemesh.quality;

import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.spec.QualityRule;
import java.util.Optional;

/** A rule's result, with what it takes to show the rows behind a failure. */
record Verdict(QualityRule rule, ConstraintResult result, Optional<Violations> violations) {

  boolean failed() {
    return result.status() == ConstraintResult.Status.FAILURE;
  }

  Verdict withMessage(String message) {
    ConstraintResult r = result;
    return new Verdict(
        rule,
        new ConstraintResult(r.rule(), r.constraint(), r.severity(), r.status(), message),
        violations);
  }
}
