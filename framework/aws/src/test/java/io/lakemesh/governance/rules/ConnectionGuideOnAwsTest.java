package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConnectionGuideTest} on the AWS backend, against the loopback AWS services. */
class ConnectionGuideOnAwsTest extends ConnectionGuideTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
