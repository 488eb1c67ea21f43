package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SideChannelMatrixTest} on PostgreSQL. */
class SideChannelMatrixOnPostgresTest extends SideChannelMatrixTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
