package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RunRecordsTest} on the AWS backend, against the loopback AWS services. */
class RunRecordsOnAwsTest extends RunRecordsTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
