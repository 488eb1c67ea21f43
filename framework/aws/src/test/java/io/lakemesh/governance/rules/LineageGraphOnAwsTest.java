package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LineageGraphTest} on the AWS backend, against the loopback AWS services. */
class LineageGraphOnAwsTest extends LineageGraphTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
