package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link GrantRulesTest} on the AWS backend, against the loopback AWS services. */
class GrantRulesOnAwsTest extends GrantRulesTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
