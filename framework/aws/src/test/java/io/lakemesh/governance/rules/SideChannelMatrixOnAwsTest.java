package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SideChannelMatrixTest} on the AWS backend, against the loopback AWS services. */
class SideChannelMatrixOnAwsTest extends SideChannelMatrixTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
