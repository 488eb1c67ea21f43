package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link WarehouseChangesTest} on PostgreSQL. */
class WarehouseChangesOnPostgresTest extends WarehouseChangesTest {
  @RegisterExtension static final PostgresBackend PG = new PostgresBackend();

  @Override
  MeshBackend backend() {
    return PG;
  }
}
