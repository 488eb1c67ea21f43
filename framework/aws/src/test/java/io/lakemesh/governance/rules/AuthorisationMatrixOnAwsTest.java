package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AuthorisationMatrixTest} on the AWS backend, against the loopback AWS services. */
class AuthorisationMatrixOnAwsTest extends AuthorisationMatrixTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();

  @Override
  MeshBackend backend() {
    return AWS;
  }
}
