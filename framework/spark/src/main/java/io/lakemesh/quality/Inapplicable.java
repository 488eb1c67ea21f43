package io.lakemesh.quality;

import com.amazon.deequ.checks.Check;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.spec.QualityRule;
import java.util.List;

/** A rule that cannot be checked on this data: it adds nothing to Deequ and fails as it stands. */
record Inapplicable(RuleCheck check, String problem) implements RuleCheck {
  @Override
  public QualityRule rule() {
    return check.rule();
  }

  @Override
  public String constraint() {
    return check.constraint();
  }

  @Override
  public Check addTo(Check deequCheck) {
    return deequCheck;
  }

  @Override
  public ConstraintResult judge(List<com.amazon.deequ.constraints.ConstraintResult> results) {
    return failed(problem);
  }
}
