package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RepeatedRefusalsTest} on the AWS backend, against the loopback AWS services. */
class RepeatedRefusalsOnAwsTest extends RepeatedRefusalsTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
