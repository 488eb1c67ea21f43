package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConsumerSubscriptionTest} on the AWS backend, against the loopback AWS services. */
class ConsumerSubscriptionOnAwsTest extends ConsumerSubscriptionTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
