package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AccessExpiryTest} on the AWS backend, against the loopback AWS services. */
class AccessExpiryOnAwsTest extends AccessExpiryTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
