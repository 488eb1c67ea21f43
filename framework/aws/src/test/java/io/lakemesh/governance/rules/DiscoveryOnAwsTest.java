package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DiscoveryTest} on the AWS backend, against the loopback AWS services. */
class DiscoveryOnAwsTest extends DiscoveryTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
