package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConnectionGuideTest} on PostgreSQL. */
class ConnectionGuideOnPostgresTest extends ConnectionGuideTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
