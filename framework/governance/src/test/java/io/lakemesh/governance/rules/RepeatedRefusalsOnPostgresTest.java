package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RepeatedRefusalsTest} on PostgreSQL. */
class RepeatedRefusalsOnPostgresTest extends RepeatedRefusalsTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
