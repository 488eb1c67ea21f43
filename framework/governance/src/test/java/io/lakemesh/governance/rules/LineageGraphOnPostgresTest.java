package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LineageGraphTest} on PostgreSQL. */
class LineageGraphOnPostgresTest extends LineageGraphTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
