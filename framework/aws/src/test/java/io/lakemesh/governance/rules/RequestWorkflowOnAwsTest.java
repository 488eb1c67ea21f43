package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RequestWorkflowTest} on the AWS backend, against the loopback AWS services. */
class RequestWorkflowOnAwsTest extends RequestWorkflowTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
