package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link OwnAccessTest} on the AWS backend, against the loopback AWS services. */
class OwnAccessOnAwsTest extends OwnAccessTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
