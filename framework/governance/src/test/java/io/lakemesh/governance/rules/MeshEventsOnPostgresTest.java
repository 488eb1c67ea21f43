package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link MeshEventsTest} on PostgreSQL. */
class MeshEventsOnPostgresTest extends MeshEventsTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
