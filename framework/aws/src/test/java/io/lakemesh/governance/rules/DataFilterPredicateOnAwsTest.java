package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DataFilterPredicateTest} on the AWS backend, against the loopback AWS services. */
class DataFilterPredicateOnAwsTest extends DataFilterPredicateTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
