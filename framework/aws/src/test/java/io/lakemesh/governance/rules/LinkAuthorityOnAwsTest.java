package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LinkAuthorityTest} on the AWS backend, against the loopback AWS services. */
class LinkAuthorityOnAwsTest extends LinkAuthorityTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
