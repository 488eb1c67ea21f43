package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link FreshnessMonitorTest} on the AWS backend, against the loopback AWS services. */
class FreshnessMonitorOnAwsTest extends FreshnessMonitorTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
