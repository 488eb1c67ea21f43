package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link MeshEventsTest} on the AWS backend, against the loopback AWS services. */
class MeshEventsOnAwsTest extends MeshEventsTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
