package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AuthorisationMatrixTest} on PostgreSQL. */
class AuthorisationMatrixOnPostgresTest extends AuthorisationMatrixTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
