package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link QuarantineTablesTest} on the AWS backend, against the loopback AWS services. */
class QuarantineTablesOnAwsTest extends QuarantineTablesTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
