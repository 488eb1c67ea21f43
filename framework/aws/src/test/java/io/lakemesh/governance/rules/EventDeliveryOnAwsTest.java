package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EventDeliveryTest} on the AWS backend, against the loopback AWS services. */
class EventDeliveryOnAwsTest extends EventDeliveryTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
