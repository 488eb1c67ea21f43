package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link WarehouseChangesTest} on the AWS backend, against the loopback AWS services. */
class WarehouseChangesOnAwsTest extends WarehouseChangesTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
