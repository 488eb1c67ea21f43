package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link FullTableAccessTest} on the AWS backend, against the loopback AWS services. */
class FullTableAccessOnAwsTest extends FullTableAccessTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
